// The feed fuzzer's long run: the suite of packages/api/test/suites/feed-fuzz.test.ts (the real
// service on loopback, over a database file of its own) sent 10,000 mutated feeds instead of the
// 2,000 run with every test. Prints the suite's figures: variants, answers by status and format,
// the slowest answer, and failures by kind.
// Run: node bench/fuzz-feeds.mjs   (VARIANTS=n for another count; SEED=n to replay a run)
import { runSuite } from './run-suite.mjs';

const variants = process.env.VARIANTS ?? '10000';
process.exitCode = await runSuite('packages/api/test/suites/feed-fuzz.test.ts', 'mutated feeds', {
  FEED_FUZZ_VARIANTS: variants,
});

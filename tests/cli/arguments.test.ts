import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { runParity } from './run-parity.js';

/**
 * Every command reads its arguments with a strict parser: what it does not take is refused in one
 * line naming what it does take, with exit code 2, before any work is done.
 */
describe('the arguments of each command', () => {
  test('refuse a value given to a switch', async () => {
    const run = await runParity(['fmt', '--check=yes', 'contracts']);
    expect(run.stderr).toBe("parity fmt: option '--check' takes no value\n");
    expect(run.code).toBe(2);
  });

  test('refuse what serve, lsp and token do not take, naming what they do', async () => {
    const serve = await runParity(['serve', 'now'], tmpdir());
    expect(serve.stderr).toBe(
      "parity serve: takes no arguments (settings come from the environment), not 'now'\n",
    );
    expect(serve.code).toBe(2);
    const lsp = await runParity(['lsp', '--bogus']);
    expect(lsp.stderr).toBe(
      "parity lsp: unknown option '--bogus'; it takes --stdio, --node-ipc, --socket, --clientProcessId\n",
    );
    expect(lsp.code).toBe(2);
    const token = await runParity(['token', 'create', 'twice', '--org', 'QWO', '--role', 'admin'], tmpdir());
    expect(token.stderr).toBe(
      "parity token: unexpected argument 'twice'; it takes create or revoke, then its options\n",
    );
    expect(token.code).toBe(2);
  });

  test('refuse an eval option whose value is not one it takes, naming the valid ones', async () => {
    const format = await runParity(['eval', 'contracts/demo/hull-mus-pilot.parity', '--format', 'yaml']);
    expect(format.stderr).toBe("parity eval: 'yaml' is not a --format; choose table, json, csv\n");
    expect(format.code).toBe(2);
    const date = await runParity(['eval', 'contracts/demo/hull-mus-pilot.parity', '--as-of', '2026-02-30']);
    expect(date.stderr).toBe("parity eval: --as-of '2026-02-30' is not a date written YYYY-MM-DD\n");
    expect(date.code).toBe(2);
    const data = await runParity(['eval', 'contracts/demo/hull-mus-pilot.parity', '--data', 'feed.csv']);
    expect(data.stderr).toBe(
      "parity eval: --data 'feed.csv' is not <Dataset>=<file> or <Dataset>@<YYYY-MM>=<file>\n",
    );
    expect(data.code).toBe(2);
    const kind = await runParity([
      'eval',
      'contracts/demo/hull-mus-pilot.parity',
      '--data',
      'MusPatients=feed.txt',
    ]);
    expect(kind.stderr).toBe(
      "parity eval: --data 'MusPatients=feed.txt': cannot tell the format of feed.txt; name files .csv, .xlsx, .json, .ndjson, .jsonl\n",
    );
    expect(kind.code).toBe(2);
  });

  test('take an option written with an equals sign', async () => {
    const run = await runParity(['check', '--lib=contracts', 'contracts/demo/hull-mus-pilot.parity']);
    expect(run.stderr).toBe('1 file(s) checked: 0 error(s), 0 warning(s)\n');
    expect(run.code).toBe(0);
  });
});

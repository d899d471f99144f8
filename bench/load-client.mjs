// Load generator, run as its own process: CONCURRENCY connections send GET requests for DURATION
// ms through autocannon and the latency percentiles are printed as JSON.
// Usage: node load-client.mjs <url> <token>
import autocannon from 'autocannon';

const [url, token] = process.argv.slice(2);
const result = await autocannon({
  url,
  connections: Number(process.env.CONCURRENCY ?? 50),
  duration: Number(process.env.DURATION ?? 10_000) / 1000,
  headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
});
const latency = result.latency;
console.log(
  JSON.stringify({
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
    seconds: result.duration,
    rps: result.requests.average,
    p50: latency.p50,
    p90: latency.p90,
    p97_5: latency.p97_5,
    p99: latency.p99,
    max: latency.max,
  }),
);

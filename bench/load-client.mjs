// Load generator, run as its own process: CONCURRENCY clients loop GET requests for DURATION ms
// and print latency percentiles as JSON. Usage: node load-client.mjs <url> <token>
const [url, token] = process.argv.slice(2);
const concurrency = Number(process.env.CONCURRENCY ?? 50);
const duration = Number(process.env.DURATION ?? 10_000);
const latencies = [];
let failures = 0;
const statuses = new Map();
const deadline = Date.now() + duration;

async function client() {
  while (Date.now() < deadline) {
    const started = performance.now();
    try {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status !== 200) failures++;
    } catch {
      failures++;
    }
    latencies.push(performance.now() - started);
  }
}

const began = performance.now();
await Promise.all(Array.from({ length: concurrency }, client));
const seconds = (performance.now() - began) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(JSON.stringify({ requests: latencies.length, failures, statuses: Object.fromEntries(statuses), seconds, rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1) }));

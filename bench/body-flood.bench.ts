/**
 * Benchmark: an anonymous flood of large JSON bodies against `alur serve` (embedded: own Temporal
 * dev server, PGlite). Fires N parallel POSTs of M MB to /api/signals without credentials while
 * timing /api/health every 200 ms; reports the API process's resident memory (VmRSS from /proc,
 * before and the highest of samples every 50 ms during the flood) and the health latencies.
 * Prints one JSON object.
 *
 *   npx tsx bench/body-flood.bench.ts [--requests 8] [--mb 50]
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { embeddedEnv, spawnServe, stopServe } from "../runtime/src/testing/spawn-serve";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const REQUESTS = Number(option("--requests", "8"));
const MEGABYTES = Number(option("--mb", "50"));

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function healthMs(baseUrl: string): Promise<number> {
  const started = performance.now();
  await fetch(`${baseUrl}/api/health`).then((r) => r.arrayBuffer());
  return Math.round(performance.now() - started);
}

const dataDir = mkdtempSync(path.join(tmpdir(), "alur-flood-"));
const server = await spawnServe({ env: await embeddedEnv(dataDir) });
try {
  const pid = server.child.pid!;
  const idle = [];
  for (let i = 0; i < 5; i++) idle.push(await healthMs(server.baseUrl));
  const rssBefore = rssMb(pid);
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(pid));
  }, 50);
  // One buffer for every request: the driver's memory is not what is measured.
  const body = Buffer.alloc(MEGABYTES * 1024 * 1024, 0x61);
  body.write('{"district":"3216","name":"x","payload":{"a":"', 0);
  body.write('"}}', body.length - 3);
  let flooding = true;
  const during: number[] = [];
  const probe = (async () => {
    while (flooding) {
      during.push(await healthMs(server.baseUrl));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: REQUESTS }, () =>
      fetch(`${server.baseUrl}/api/signals`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status;
        },
        (error: unknown) => `error: ${(error as Error).cause ?? (error as Error).message}`,
      ),
    ),
  );
  const floodMs = Math.round(performance.now() - started);
  flooding = false;
  await probe;
  // the memory a flood took is released only after it: keep sampling a moment
  await new Promise((r) => setTimeout(r, 1000));
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      requests: REQUESTS,
      megabytesEach: MEGABYTES,
      statuses,
      floodMs,
      rssBeforeMb: rssBefore,
      peakRssMb: peakRss,
      healthIdleMs: idle,
      healthDuringMs: during,
      healthDuringMaxMs: Math.max(...during),
      loadavg: loadavg().map((l) => Number(l.toFixed(2))),
    }),
  );
} finally {
  await stopServe(server);
}

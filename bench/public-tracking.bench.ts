/**
 * Benchmark: the public tracking endpoint (POST /api/public/track) under concurrent applicants, on
 * a real `alur serve` in its embedded default (PGlite, its own Temporal dev server). The front
 * office starts --cases cases through the API (each answer carries its tracking code); then
 * --clients concurrent clients loop for --seconds: nine lookups in ten with a right code, one with
 * a wrong code from an address of its own (X-Forwarded-For through TRUSTED_PROXIES, so the
 * per-address limit is not what answers). Prints one JSON object with p50/p95/p99 per kind;
 * exit code 1 on any answer other than 200 (right) or 404 (wrong), or a right-code p95 over
 * --target ms.
 *
 *   npx tsx bench/public-tracking.bench.ts [--cases 50] [--clients 50] [--seconds 30] [--target 50] [--think 0]
 *     [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 * --postgres: the store on that PostgreSQL server instead (as in production), in a database the
 * bench creates and drops.
 * --think: mean pause between a client's lookups in ms (0: back to back, the closed-loop worst case).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { seedDemo } from "@alur/runtime/auth";
import { insertProcessVersion, openDb } from "@alur/runtime/store";
import { embeddedEnv, spawnServe, stopServe } from "@alur/runtime/testing";
import { compileAndValidateXml } from "@alur/shared/compiler";
import pg from "pg";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (n: number) => Number(n.toFixed(1));
const caseCount = option("--cases", 50);
const clientCount = option("--clients", 50);
const seconds = option("--seconds", 30);
const targetMs = option("--target", 50);
const thinkMs = process.argv.includes("--think") ? option("--think", 0) : 0;

const pgIndex = process.argv.indexOf("--postgres");
const adminUrl = pgIndex >= 0 ? process.argv[pgIndex + 1] : undefined;
const dbName = `alur_bench_track_${process.pid}`;
const pgAdmin = adminUrl ? new pg.Client({ connectionString: adminUrl }) : undefined;
const benchDbUrl = adminUrl?.replace(/\/[^/]*$/, `/${dbName}`);
const dataDir = mkdtempSync(path.join(tmpdir(), "alur-bench-track-"));
if (pgAdmin && benchDbUrl) {
  await pgAdmin.connect();
  await pgAdmin.query(`CREATE DATABASE ${dbName}`);
  // a server on PostgreSQL seeds nothing (production): the demo accounts and the smoke service,
  // as the embedded first start writes them
  const db = await openDb({ kind: "postgres", url: benchDbUrl });
  const credentials = await seedDemo(db);
  writeFileSync(path.join(dataDir, "demo-credentials.json"), JSON.stringify(credentials));
  const smoke = readFileSync(path.join(import.meta.dirname, "..", "workflows", "smoke", "smoke.bpmn"), "utf8");
  const compiled = await compileAndValidateXml(smoke, { forPublish: true });
  if (!compiled.plan) throw new Error("the smoke model does not compile");
  await insertProcessVersion(db, {
    plan: compiled.plan,
    bpmnXml: smoke,
    district: null,
    publish: true,
    effectiveFrom: null,
    createdBy: null,
  });
  await db.destroy();
}

const env = {
  ...(await embeddedEnv(dataDir)),
  TRUSTED_PROXIES: "127.0.0.1",
  LOG_LEVEL: "warn",
  ...(benchDbUrl ? { DATABASE_URL: benchDbUrl } : {}),
};
const server = await spawnServe({ env, timeoutMs: 180_000 });
const api = `${server.baseUrl}/api`;

try {
  const credentials = JSON.parse(readFileSync(path.join(dataDir, "demo-credentials.json"), "utf8")) as {
    username: string;
    password: string;
  }[];
  const front = credentials.find((c) => c.username === "bks.front-office")!;
  const login = await fetch(`${api}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: front.username, password: front.password, mode: "token" }),
  });
  const { token } = (await login.json()) as { token: string };

  const cases: { caseNumber: string; code: string }[] = [];
  for (let i = 0; i < caseCount; i++) {
    const form = new FormData();
    form.set(
      "data",
      JSON.stringify({ processId: "smoke", district: "3216", applicant: { name: `Pemohon ${i}` }, variables: {} }),
    );
    const res = await fetch(`${api}/cases`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 201) throw new Error(`start case: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { caseNumber: string; trackingCode: string };
    cases.push({ caseNumber: body.caseNumber, code: body.trackingCode });
  }

  const right: number[] = [];
  const wrong: number[] = [];
  const unexpected: string[] = [];
  let n = 0;
  const deadline = Date.now() + seconds * 1000;
  const client = async (id: number) => {
    for (let i = 0; Date.now() < deadline; i++) {
      const c = cases[(id + i) % cases.length]!;
      const guess = i % 10 === 9;
      const seq = n++;
      // a wrong guess comes from an address of its own: the lookup, not the limit, answers
      const from = guess ? `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}` : `192.0.2.${id}`;
      const started = performance.now();
      const res = await fetch(`${api}/public/track`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": from },
        body: JSON.stringify({ caseNumber: c.caseNumber, code: guess ? "AAAA-BBBB-CCCC" : c.code }),
      });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      const expected = guess ? 404 : 200;
      if (res.status !== expected) unexpected.push(`${res.status} for ${guess ? "wrong" : "right"} code`);
      (guess ? wrong : right).push(ms);
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * thinkMs));
    }
  };
  await Promise.all(Array.from({ length: clientCount }, (_, id) => client(id)));

  const stats = (values: number[]) => ({
    requests: values.length,
    p50Ms: round(percentile(values, 50)),
    p95Ms: round(percentile(values, 95)),
    p99Ms: round(percentile(values, 99)),
  });
  const result = {
    benchmark: "public-tracking",
    store: adminUrl ? "postgresql" : "pglite",
    cases: caseCount,
    clients: clientCount,
    seconds,
    thinkMs,
    requestsPerSecond: round((right.length + wrong.length) / seconds),
    right: stats(right),
    wrong: stats(wrong),
    unexpected: unexpected.length,
    unexpectedSample: [...new Set(unexpected)].slice(0, 5),
    targetP95Ms: targetMs,
    loadAverage: os.loadavg().map(round),
    cpus: os.cpus().length,
  };
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = unexpected.length > 0 || result.right.p95Ms > targetMs ? 1 : 0;
} finally {
  await stopServe(server);
  rmSync(dataDir, { recursive: true, force: true });
  if (pgAdmin) {
    await pgAdmin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await pgAdmin.end();
  }
}

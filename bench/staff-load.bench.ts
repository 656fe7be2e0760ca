/**
 * Benchmark: staff working a real `alur serve` (spawned) on PostgreSQL and a Temporal dev server.
 *   (a) completion → next step visible: per case, from sending the completion of the first task
 *       until the second task shows in the next role's inbox; p95 over --cases cases (target < 300 ms).
 *   (b) load: --clients concurrent staff for --seconds, each looping sign in (every 20 actions),
 *       list inbox, open task, claim, complete; a fifth of them are front office starting cases.
 *       Counts requests, errors (anything but the expected 409 of a lost race) and latencies.
 * Creates and drops its own database; the server runs its own dev server under a temp directory.
 * Prints one JSON object; exit code 1 when (a) misses its target or (b) saw an error.
 *
 *   npx tsx bench/staff-load.bench.ts [--cases 50] [--clients 50] [--seconds 60] [--think 250] [--split]
 *     [--temporal memory|embedded|<host:port>] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 * --split runs the API and the worker as two processes; --think is the mean pause between actions (ms);
 * --temporal: an in-memory dev server started here (default), alur serve's own dev server on its
 * SQLite file (embedded), or an existing server.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type CreatedAccount, createAccounts, ensureReferenceData } from "@alur/runtime/auth";
import { openDb } from "@alur/runtime/store";
import { freePort, type ServeProcess, spawnServe, stopServe } from "@alur/runtime/testing";
import pg from "pg";

const TARGET_NEXT_STEP_P95_MS = 300;
const ROOT = path.resolve(import.meta.dirname, "..");
const DISTRICTS = ["3216", "3211"];
const PROCESS_ID = "bench-uji";
const FORMS = { verifikasi: { components: [{ type: "textfield", key: "hasil", validate: { required: true } }] } };

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (n: number) => Number(n.toFixed(1));
const caseCount = option("--cases", 50);
const clientCount = option("--clients", 50);
const seconds = option("--seconds", 60);
const thinkMs = option("--think", 250);
const split = process.argv.includes("--split");
const temporalIndex = process.argv.indexOf("--temporal");
/** "memory" (default): an in-memory dev server; "embedded": alur serve's own (SQLite file); else host:port. */
const temporalMode = (temporalIndex >= 0 ? process.argv[temporalIndex + 1] : undefined) ?? "memory";
const urlIndex = process.argv.indexOf("--postgres");
const adminUrl =
  (urlIndex >= 0 ? process.argv[urlIndex + 1] : undefined) ?? "postgres://postgres@127.0.0.1:5432/postgres";

// ---------------------------------------------------------------- server processes

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after 60 s`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------- HTTP

interface Timed {
  status: number;
  body: unknown;
  ms: number;
}

class Staff {
  token = "";
  constructor(
    readonly baseUrl: string,
    readonly account: CreatedAccount,
  ) {}

  async login(): Promise<Timed> {
    const res = await this.call("POST", "/auth/login", {
      username: this.account.username,
      password: this.account.password,
      mode: "token",
    });
    if (res.status === 200) this.token = (res.body as { token: string }).token;
    return res;
  }

  async call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Timed> {
    const t0 = performance.now();
    const res = await fetch(`${this.baseUrl}/api${url}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, ms };
  }
}

type InboxItem = { id: string; caseId: string; caseNumber: string; elementId: string; revision: number };

const items = (r: Timed) => (r.body as { items?: InboxItem[] }).items ?? [];

// ---------------------------------------------------------------- main

const dbName = `alur_bench_staff_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
const dataDir = mkdtempSync(path.join(tmpdir(), "alur-bench-"));
const children: ServeProcess[] = [];
const db = await openDb({ kind: "postgres", url: databaseUrl });
try {
  // given: accounts for two districts (the server seeds none outside embedded mode)
  await ensureReferenceData(db);
  const plan: { username: string; district: string; role: string }[] = [];
  for (const d of DISTRICTS) {
    plan.push({ username: `bench.${d}.admin`, district: d, role: "district-admin" });
    for (let i = 0; i < clientCount; i++) {
      // a fifth front office, the rest verify (back office) or approve (kepala bidang)
      const role = i % 5 === 0 ? "front-office" : i % 5 < 3 ? "back-office" : "kepala-bidang";
      plan.push({ username: `bench.${d}.${role}.${i}`, district: d, role });
    }
  }
  const accounts = await createAccounts(
    db,
    plan.map((p) => ({ username: p.username, orgUnitId: p.district, district: p.district, roles: [p.role] })),
  );
  const byRole = (district: string, role: string) =>
    accounts.filter((a) => a.district === district && a.roles[0] === role);

  // and a spawned server: its own Temporal dev server, our database
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    ALUR_DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_TASK_QUEUE: "bench",
  };
  const startedAt = performance.now();
  if (temporalMode === "memory") {
    // the same in-memory dev server the integration tests use
    const cli = process.env.TEMPORAL_CLI ?? path.join(ROOT, ".tools/venv/bin/temporal");
    const temporalPort = await freePort();
    const dev = spawn(
      cli,
      [
        "server",
        "start-dev",
        "--headless",
        "--ip",
        "127.0.0.1",
        "--port",
        String(temporalPort),
        "--log-level",
        "error",
      ],
      { stdio: "ignore" },
    );
    children.push({ child: dev, log: [], baseUrl: "" });
    await waitForPort(temporalPort);
    env.TEMPORAL_ADDRESS = `127.0.0.1:${temporalPort}`;
  } else if (temporalMode !== "embedded") {
    env.TEMPORAL_ADDRESS = temporalMode;
  }
  if (split) {
    // (embedded: the API process owns the dev server and the worker joins it)
    children.push(await spawnServe({ args: ["--api"], env, timeoutMs: 180_000 }));
    const address = env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_DEV_PORT}`;
    children.push(
      await spawnServe({ args: ["--worker"], env: { ...env, TEMPORAL_ADDRESS: address }, timeoutMs: 180_000 }),
    );
  } else {
    children.push(await spawnServe({ env, timeoutMs: 180_000 }));
  }
  const startupMs = performance.now() - startedAt;
  const baseUrl = `http://127.0.0.1:${port}`;

  const bpmnXml = readFileSync(path.join(ROOT, "runtime/src/api/fixtures/layanan-uji.bpmn"), "utf8").replaceAll(
    '"layanan-uji"',
    `"${PROCESS_ID}"`,
  );
  for (const d of DISTRICTS) {
    const a = new Staff(baseUrl, byRole(d, "district-admin")[0]!);
    await a.login();
    const res = await a.call("POST", "/processes", { bpmnXml, district: d, publish: true, forms: FORMS });
    if (res.status !== 201) throw new Error(`deploy ${d}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  // (a) completion → next step visible, one case at a time on a quiet server
  const district = DISTRICTS[0]!;
  const front = new Staff(baseUrl, byRole(district, "front-office")[0]!);
  const back = new Staff(baseUrl, byRole(district, "back-office")[0]!);
  const head = new Staff(baseUrl, byRole(district, "kepala-bidang")[0]!);
  await Promise.all([front.login(), back.login(), head.login()]);
  const waitFor = async (s: Staff, caseNumber: string, elementId: string, pollMs: number) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await s.call("GET", `/tasks?scope=unassigned&q=${encodeURIComponent(caseNumber)}`);
      const task = items(res).find((t) => t.caseNumber === caseNumber && t.elementId === elementId);
      if (task) return task;
      if (Date.now() > deadline) throw new Error(`${elementId} of ${caseNumber} not visible in 30 s`);
      await sleep(pollMs);
    }
  };
  const nextStep: number[] = [];
  const completeCall: number[] = [];
  for (let i = 0; i < caseCount; i++) {
    const started = await front.call("POST", "/cases", {
      processId: PROCESS_ID,
      district,
      applicant: { name: `Pemohon ${i}` },
    });
    if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    const { caseNumber } = started.body as { caseNumber: string };
    const verify = await waitFor(back, caseNumber, "verify", 20);
    const t0 = performance.now();
    const done = await back.call("POST", `/tasks/${verify.id}/complete`, {
      revision: verify.revision,
      data: { hasil: "lengkap" },
    });
    if (done.status !== 200) throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
    completeCall.push(done.ms);
    await waitFor(head, caseNumber, "approve", 5);
    nextStep.push(performance.now() - t0);
  }
  const nextStepP95 = percentile(nextStep, 95);

  // (b) concurrent staff for a fixed time
  const latencies: Record<string, number[]> = {};
  const errors: { action: string; status: number; body: string }[] = [];
  let conflicts = 0;
  let casesStarted = 0;
  let tasksCompleted = 0;
  const record = (action: string, res: Timed, expected: number[], conflictOk = false): boolean => {
    latencies[action] = [...(latencies[action] ?? []), res.ms];
    if (expected.includes(res.status)) return true;
    if (conflictOk && res.status === 409) {
      conflicts++;
      return false;
    }
    errors.push({ action, status: res.status, body: JSON.stringify(res.body).slice(0, 300) });
    return false;
  };
  const think = () => sleep(thinkMs > 0 ? Math.random() * 2 * thinkMs : 0);
  const stopAt = performance.now() + seconds * 1000;
  const clients = accounts
    .filter((a) => a.roles[0] !== "district-admin")
    .sort((x, y) => Number(x.username.split(".").at(-1)) - Number(y.username.split(".").at(-1)))
    .slice(0, clientCount);
  const runClient = async (account: CreatedAccount, n: number) => {
    const s = new Staff(baseUrl, account);
    const role = account.roles[0]!;
    let actions = 0;
    await sleep((n / clients.length) * 1000); // a ramp over the first second
    while (performance.now() < stopAt) {
      try {
        if (actions % 20 === 0 && !record("login", await s.login(), [200])) {
          await think();
          continue;
        }
        actions++;
        if (role === "front-office") {
          const res = await s.call(
            "POST",
            "/cases",
            { processId: PROCESS_ID, district: account.district, applicant: { name: `Beban ${n}-${actions}` } },
            { "idempotency-key": `${account.username}-${actions}` },
          );
          if (record("start-case", res, [201])) casesStarted++;
          // applicants arrive slower than staff act: a start every ~4 pauses
          for (let k = 0; k < 4; k++) await think();
          continue;
        }
        const page = await s.call("GET", "/tasks?scope=unassigned&limit=50");
        if (!record("inbox", page, [200])) continue;
        const open = items(page);
        // a random task of the page: fifty colleagues on one queue would otherwise all race for the first
        const pick = open[Math.floor(Math.random() * open.length)];
        await think();
        if (!pick) continue;
        const detail = await s.call("GET", `/tasks/${pick.id}`);
        if (!record("open-task", detail, [200])) continue;
        const claim = await s.call("POST", `/tasks/${pick.id}/claim`, {
          revision: (detail.body as { revision: number }).revision,
        });
        if (!record("claim", claim, [200], true)) continue;
        await think();
        const data = pick.elementId === "verify" ? { hasil: "lengkap" } : {};
        const done = await s.call("POST", `/tasks/${pick.id}/complete`, {
          revision: (claim.body as { revision: number }).revision,
          data,
        });
        if (record("complete", done, [200], true)) tasksCompleted++;
      } catch (error) {
        errors.push({ action: "network", status: 0, body: String(error).slice(0, 300) });
        await sleep(100);
      }
    }
  };
  const loadStart = performance.now();
  await Promise.all(clients.map((a, i) => runClient(a, i)));
  const loadMs = performance.now() - loadStart;
  const all = Object.values(latencies).flat();
  const byAction = Object.fromEntries(
    Object.entries(latencies).map(([k, v]) => [
      k,
      { count: v.length, p50Ms: round(percentile(v, 50)), p95Ms: round(percentile(v, 95)) },
    ]),
  );

  const pass = nextStepP95 < TARGET_NEXT_STEP_P95_MS && errors.length === 0;
  console.log(
    JSON.stringify(
      {
        bench: "staff-load",
        machine: { cpus: os.cpus().length, loadAvg1m: round(os.loadavg()[0] ?? 0) },
        server: split ? "alur serve --api + alur serve --worker" : "alur serve (api + worker)",
        temporal:
          temporalMode === "memory" || temporalMode === "embedded" ? `dev server (${temporalMode})` : temporalMode,
        startupMs: Math.round(startupMs),
        nextStep: {
          cases: nextStep.length,
          p50Ms: round(percentile(nextStep, 50)),
          p95Ms: round(nextStepP95),
          maxMs: round(Math.max(...nextStep)),
          completeCallP50Ms: round(percentile(completeCall, 50)),
          targetP95Ms: TARGET_NEXT_STEP_P95_MS,
        },
        load: {
          clients: clients.length,
          seconds: round(loadMs / 1000),
          thinkMeanMs: thinkMs,
          requests: all.length,
          requestsPerSecond: round(all.length / (loadMs / 1000)),
          errors: errors.length,
          conflicts409: conflicts,
          casesStarted,
          tasksCompleted,
          p50Ms: round(percentile(all, 50)),
          p95Ms: round(percentile(all, 95)),
          byAction,
          firstErrors: errors.slice(0, 5),
        },
        pass,
      },
      null,
      2,
    ),
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  for (const child of children.reverse()) await stopServe(child);
  await db.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The public face without sign-in, on the real servers: the catalogue lists only what a new case
 * would run today, a service page is its derived standard with nothing internal in it, and a case
 * started by staff is tracked with its code, the stage in the model's step names and the clock
 * stop; a wrong number and a wrong code get the same answer, and guessing is cut off with 429.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { ApiError, CaseView, PublicCatalogue, PublicServiceView, TrackingView } from "@alur/shared/api";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../store/db";
import { buildTestApp, call, fromPeer, type Session, signIn, type TestApp } from "../../testing/api-app";
import { devServerEnv, pgliteDb, startWorker } from "../../testing/servers";
import { TRACKING_FAILURE_LIMIT } from "./tracked-case";

const TASK_QUEUE = "api-public";
const SMOKE = readFileSync(path.join(import.meta.dirname, "../../../../workflows/smoke/smoke.bpmn"), "utf8");

/** The smoke model as another service: its own id and name, the first step stopping the clock if asked. */
function service(id: string, name: string, options: { pauses?: boolean } = {}): string {
  let xml = SMOKE.replaceAll('"smoke"', `"${id}"`).replace('name="Uji Asap"', `name="${name}"`);
  if (options.pauses) xml = xml.replace('<alur:task slaValue="1"', '<alur:task pausesClock="true" slaValue="1"');
  return xml;
}

let db: Db;
let env: TestWorkflowEnvironment;
let worker: { stop: () => Promise<void> };
let app: TestApp;
let admin: Session;
let frontOffice: Session;
let sumedang: Session;

beforeAll(async () => {
  env = await devServerEnv();
  db = await pgliteDb();
  worker = await startWorker(env, db, TASK_QUEUE);
  const built = await buildTestApp(db, { client: env.client, taskQueue: TASK_QUEUE });
  app = built.app;
  admin = await signIn(app, built.credentials, "bks.admin");
  frontOffice = await signIn(app, built.credentials, "bks.front-office");
  sumedang = await signIn(app, built.credentials, "smd.admin");
  const deploy = async (s: Session, body: Record<string, unknown>) => {
    const res = await call(app, s, "POST", "/processes", body);
    expect(res.status, await res.clone().text()).toBe(201);
  };
  // given a published service in effect, a draft, one not yet in effect and another district's
  await deploy(admin, {
    bpmnXml: service("layanan_terbit", "Layanan Terbit", { pauses: true }),
    district: "3216",
    publish: true,
    effectiveFrom: "2024-01-02",
  });
  await deploy(admin, { bpmnXml: service("layanan_draf", "Layanan Draf"), district: "3216" });
  await deploy(admin, {
    bpmnXml: service("layanan_nanti", "Layanan Nanti"),
    district: "3216",
    publish: true,
    effectiveFrom: "2099-01-01",
  });
  await deploy(sumedang, { bpmnXml: service("layanan_sumedang", "Layanan Sumedang"), district: "3211", publish: true });
  // and a newer draft of the published service, which must not replace it on the public page
  await deploy(admin, { bpmnXml: service("layanan_terbit", "Layanan Terbit (draf baru)"), district: "3216" });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await db?.destroy();
});

describe("GET /public/districts/{district}/services", () => {
  it("lists only the published versions in effect, without signing in", async () => {
    // when anyone opens Bekasi's catalogue
    const res = await call(app, null, "GET", "/public/districts/3216/services");
    expect(res.status).toBe(200);
    const body = PublicCatalogue.parse(await res.json());
    // then the service in effect is there, with its standard's name; drafts, future versions and other districts are not
    expect(body.district).toEqual({ code: "3216", name: "Kabupaten Bekasi" });
    const ids = body.items.map((s) => s.processId);
    expect(ids).toContain("layanan_terbit");
    expect(ids).not.toContain("layanan_draf");
    expect(ids).not.toContain("layanan_nanti");
    expect(ids).not.toContain("layanan_sumedang");
    expect(body.items.find((s) => s.processId === "layanan_terbit")).toMatchObject({
      name: "Layanan Terbit",
      version: 1,
      effectiveFrom: "2024-01-02",
      completionTime: "1 hari kerja",
      fee: "Gratis",
    });
    expect(res.headers.get("cache-control")).toContain("public");
  });

  it("is 404 for a district Alur does not know and 400 for a code that is no district code", async () => {
    expect((await call(app, null, "GET", "/public/districts/9999/services")).status).toBe(404);
    expect((await call(app, null, "GET", "/public/districts/..%2F/services")).status).toBe(400);
  });
});

describe("GET /public/districts/{district}/services/{processId}", () => {
  it("is the derived standard of the version in effect, with role names and no internal notes or users", async () => {
    // when anyone opens the service page
    const res = await call(app, null, "GET", "/public/districts/3216/services/layanan_terbit");
    expect(res.status).toBe(200);
    const body = PublicServiceView.parse(await res.json());
    // then it is the published version's standard, the procedure derived from the model
    expect(body.service).toMatchObject({ processId: "layanan_terbit", name: "Layanan Terbit", version: 1 });
    expect(body.standard.validFrom).toBe("2024-01-02");
    expect(body.standard.procedure.map((s) => s.name)).toEqual(["Verifikasi berkas"]);
    expect(body.standard.procedure[0]!.roles[0]).toMatchObject({ id: "front-office", known: true });
    expect(body.standard.notes).toEqual([]);
    // nobody's account appears: not the admin who deployed it, nor any user id
    const text = JSON.stringify(body);
    expect(text).not.toContain(admin.userId);
    expect(text).not.toContain("bks.admin");
    expect(text).not.toMatch(/createdBy|created_by|publishedBy/);
  });

  it("is 404 for a draft, a version not yet in effect and another district's service", async () => {
    for (const id of ["layanan_draf", "layanan_nanti", "layanan_sumedang", "no_such_service"]) {
      const res = await call(app, null, "GET", `/public/districts/3216/services/${id}`);
      expect(res.status, id).toBe(404);
    }
  });
});

async function startCase(name: string): Promise<CaseView> {
  const form = new FormData();
  form.set(
    "data",
    JSON.stringify({ processId: "layanan_terbit", district: "3216", applicant: { name, nik: "3216010101900002" } }),
  );
  const res = await app.request("/cases", { method: "POST", headers: frontOffice.headers, body: form });
  expect(res.status, await res.clone().text()).toBe(201);
  return CaseView.parse(await res.json());
}

function track(body: unknown, peer: string) {
  return app.request(
    "/public/track",
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    fromPeer(peer),
  );
}

async function trackedWhenStepOpen(caseNumber: string, code: string, peer: string): Promise<TrackingView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await track({ caseNumber, code }, peer);
    expect(res.status, await res.clone().text()).toBe(200);
    const view = TrackingView.parse(await res.json());
    if (view.currentSteps.length > 0 && view.pausedSince) return view;
    if (Date.now() > deadline) throw new Error(`case ${caseNumber} never reached its first step`);
    await delay(50);
  }
}

describe("POST /public/track", () => {
  it("shows the applicant the stage in the step's name, the due date and the clock stop, and nothing else", async () => {
    // given a case the front office started, whose answer carried the tracking code
    const started = await startCase("Siti Aminah (uji pelacakan)");
    expect(started.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // and another applicant's case
    const other = await startCase("Rahmat Hidayat (kasus lain)");
    // the code is stored only as a hash
    const stored = await db
      .selectFrom("cases")
      .select("tracking_code_hash")
      .where("id", "=", started.id)
      .executeTakeFirst();
    expect(stored?.tracking_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.tracking_code_hash).not.toContain(started.trackingCode!.replaceAll("-", ""));

    // when the applicant tracks it (code typed in lower case)
    const view = await trackedWhenStepOpen(started.caseNumber, started.trackingCode!.toLowerCase(), "203.0.113.5");
    // then they see the service, the step by its name, the due date and the clock stop with its step
    expect(view.caseNumber).toBe(started.caseNumber);
    expect(view.serviceName).toBe("Layanan Terbit");
    expect(view.status).toBe("active");
    expect(view.currentSteps).toEqual([{ name: "Verifikasi berkas" }]);
    expect(view.dueAt).toBe(started.dueAt);
    expect(view.pauses).toHaveLength(1);
    expect(view.pauses[0]).toMatchObject({ until: null, step: { name: "Verifikasi berkas" } });
    // and no personal data: not their own name or NIK, nor the other case's, nor any staff
    const text = JSON.stringify(view);
    for (const secret of ["Siti", "Rahmat", "3216010101900002", frontOffice.userId, other.caseNumber, "verify"]) {
      expect(text).not.toContain(secret);
    }
    // the lookup is audited without an actor
    const audit = await db
      .selectFrom("audit_log")
      .select(["outcome", "actor_id"])
      .where("action", "=", "case.track")
      .where("resource_id", "=", started.id)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]).toMatchObject({ outcome: "ok", actor_id: null });

    // a wrong code and a wrong number get the very same answer
    const wrongCode = await track({ caseNumber: started.caseNumber, code: "AAAA-BBBB-CCCC" }, "203.0.113.6");
    const wrongNumber = await track({ caseNumber: "UJI/BKS/2099/999999", code: started.trackingCode }, "203.0.113.6");
    // the other case's code does not open this case
    const crossed = await track({ caseNumber: started.caseNumber, code: other.trackingCode }, "203.0.113.6");
    for (const res of [wrongCode, wrongNumber, crossed]) expect(res.status).toBe(404);
    const bodies = await Promise.all([wrongCode.text(), wrongNumber.text(), crossed.text()]);
    expect(new Set(bodies).size).toBe(1);
    const error = ApiError.parse(JSON.parse(bodies[0]!));
    expect(error.code).toBe("tracking-not-found");
    expect(error.message.id).toMatch(/tidak cocok/);
    expect(error.message.en).toMatch(/does not match/);
  });

  it("refuses a client address after repeated failures with 429, while another address still tracks", async () => {
    // given a case and a client that keeps guessing codes
    const started = await startCase("Dewi Lestari (uji batas)");
    const guesser = "198.51.100.7";
    for (let i = 0; i < TRACKING_FAILURE_LIMIT; i++) {
      const res = await track({ caseNumber: started.caseNumber, code: `GUESS-${i}` }, guesser);
      expect(res.status).toBe(404);
    }
    // when it tries again, even with the right code, then it is refused for a while
    const refused = await track({ caseNumber: started.caseNumber, code: started.trackingCode }, guesser);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(ApiError.parse(await refused.json()).code).toBe("tracking-rate-limited");
    // and the applicant on their own connection is not punished
    expect((await track({ caseNumber: started.caseNumber, code: started.trackingCode }, "203.0.113.9")).status).toBe(
      200,
    );
  });

  it("hands out a fresh code on an idempotent replay of the start, which replaces the first", async () => {
    // given a start whose answer was lost, sent again with the same Idempotency-Key
    const form = () => {
      const f = new FormData();
      f.set(
        "data",
        JSON.stringify({ processId: "layanan_terbit", district: "3216", applicant: { name: "Agus (uji ulang)" } }),
      );
      return f;
    };
    const headers = { ...frontOffice.headers, "idempotency-key": "public-replay-0001" };
    const first = CaseView.parse(await (await app.request("/cases", { method: "POST", headers, body: form() })).json());
    const replay = CaseView.parse(
      await (await app.request("/cases", { method: "POST", headers, body: form() })).json(),
    );
    // then it is the same case with a new code: the new one tracks it, the first no longer does
    expect(replay.id).toBe(first.id);
    expect(replay.trackingCode).toBeDefined();
    expect(replay.trackingCode).not.toBe(first.trackingCode);
    const peer = "203.0.113.20";
    expect((await track({ caseNumber: first.caseNumber, code: replay.trackingCode }, peer)).status).toBe(200);
    expect((await track({ caseNumber: first.caseNumber, code: first.trackingCode }, peer)).status).toBe(404);
    // and the stored answer kept for replays holds no code
    const kept = await db.selectFrom("idempotency_keys").selectAll().where("key", "=", "public-replay-0001").execute();
    expect(JSON.stringify(kept)).not.toContain(first.trackingCode!);
  });

  it("refuses a malformed body with 400 and a large one with 413, without signing in", async () => {
    expect((await track({ caseNumber: "" }, "203.0.113.10")).status).toBe(400);
    const big = await track({ caseNumber: "X".repeat(10_000), code: "A" }, "203.0.113.10");
    expect(big.status).toBe(413);
  });
});

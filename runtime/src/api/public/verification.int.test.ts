/**
 * Verification codes of online applications on the real servers (Temporal dev server, PGlite, a
 * real SMTP server): in a district that asks for them, the code arrives by email and opens exactly
 * one application with the same contact; no code, a wrong code, another contact's code, a spent or
 * exhausted code are refused without creating a case, and requests are limited. Elsewhere nothing
 * changes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ApiError, ApplicationReceipt, PublicServiceView, VerificationCodeSent } from "@alur/shared/api";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { sweepDeliveries } from "../../notifications/delivery-sweeper";
import { emailChannel } from "../../notifications/email-channel";
import type { Db } from "../../store/db";
import { type SmtpServer, startSmtpServer } from "../../testing";
import { buildTestApp, call, fromPeer, signIn, type TestApp } from "../../testing/api-app";
import { devServerEnv, pgliteDb, startWorker } from "../../testing/servers";
import { CODE_CONTACT_LIMIT, CODE_MAX_ATTEMPTS } from "./verification";

const TASK_QUEUE = "api-public-verification";
const FIXTURE = readFileSync(path.join(import.meta.dirname, "fixtures", "layanan-daring.bpmn"), "utf8");
const APPLY = "/public/districts/3216/services/layanan-daring/applications";
const CODES = "/public/districts/3216/verification-codes";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let db: Db;
let env: TestWorkflowEnvironment;
let worker: { stop: () => Promise<void> };
let app: TestApp;
let smtp: SmtpServer;
let peer = 0;
const nextPeer = () => fromPeer(`10.30.${++peer >> 8}.${peer & 255}`);

beforeAll(async () => {
  env = await devServerEnv();
  db = await pgliteDb();
  worker = await startWorker(env, db, TASK_QUEUE);
  const built = await buildTestApp(db, {
    client: env.client,
    taskQueue: TASK_QUEUE,
    env: { PUBLIC_VERIFY_DISTRICTS: "3216" },
  });
  app = built.app;
  const admin = await signIn(app, built.credentials, "bks.admin");
  smtp = await startSmtpServer();
  const res = await call(app, admin, "POST", "/processes", { bpmnXml: FIXTURE, district: "3216", publish: true });
  expect(res.status, await res.clone().text()).toBe(201);
});

afterAll(async () => {
  await smtp?.stop();
  await worker?.stop();
  await env?.teardown();
  await db?.destroy();
});

function requestCode(contact: Record<string, unknown>, init = nextPeer()) {
  return app.request(
    CODES,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ contact }) },
    init,
  );
}

function apply(contact: Record<string, unknown>, verificationCode?: string) {
  const form = new FormData();
  form.append(
    "data",
    JSON.stringify({
      applicant: { name: "Siti Aminah" },
      contact,
      variables: { nik: "3216015505800002", alasan: "Rekomendasi untuk beasiswa" },
      ...(verificationCode === undefined ? {} : { verificationCode }),
    }),
  );
  form.append("document:ktp", new Blob([PDF], { type: "application/pdf" }), "ktp.pdf");
  return app.request(APPLY, { method: "POST", body: form }, nextPeer());
}

/** Sends the outbox and reads the code from the newest email to `email`. */
async function codeMailedTo(email: string): Promise<string> {
  const deps = {
    db,
    logger: createLogger({ level: "silent", pretty: false }),
    channels: [emailChannel({ smtpUrl: smtp.url, from: "Dinsos Bekasi <layanan@dinsos.test>" })],
  };
  await sweepDeliveries(deps, { limit: 100 });
  const mails = smtp.messages().filter((m) => m.includes(`To: ${email}`));
  const code = mails.at(-1)?.match(/Subject: Kode verifikasi permohonan daring: (\d{6})/)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}: ${mails.length} mails`);
  return code;
}

const casesOfService = async () =>
  (await db.selectFrom("cases").select("id").where("process_id", "=", "layanan-daring").execute()).length;

const errorCode = async (res: Response) => ApiError.parse(await res.json()).code;

describe("verification codes of online applications", () => {
  it("tells the application page that the district asks for a code", async () => {
    const res = await app.request("/public/districts/3216/services/layanan-daring");
    expect(res.status).toBe(200);
    expect(PublicServiceView.parse(await res.json()).contactVerification).toBe(true);
  });

  it("mails a code that opens one application with the same contact, and only one", async () => {
    const email = "dewi.kode@contoh.test";
    const before = await casesOfService();
    // when the applicant asks for a code
    const sent = await requestCode({ email: "Dewi.Kode@Contoh.test" });
    expect(sent.status, await sent.clone().text()).toBe(202);
    const body = VerificationCodeSent.parse(await sent.json());
    expect(body.sentTo).toEqual({ email: "d***@contoh.test" });
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const code = await codeMailedTo(email);
    // and only its hash is stored
    const row = await db.selectFrom("verification_codes").selectAll().where("email", "=", email).executeTakeFirst();
    expect(row?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.code_hash).not.toContain(code);

    // then an application without the code, or with the code and another contact, is refused
    const without = await apply({ email });
    expect(without.status).toBe(400);
    expect(await errorCode(without)).toBe("verification-required");
    const otherContact = await apply({ email: "orang.lain@contoh.test" }, code);
    expect(await errorCode(otherContact)).toBe("verification-invalid");
    const sameEmailPlusPhone = await apply({ email, phone: "081234567890" }, code);
    expect(await errorCode(sameEmailPlusPhone)).toBe("verification-invalid");
    expect(await casesOfService()).toBe(before);

    // when they apply with it
    const ok = await apply({ email }, code);
    expect(ok.status, await ok.clone().text()).toBe(201);
    ApplicationReceipt.parse(await ok.json());
    expect(await casesOfService()).toBe(before + 1);

    // then the code is spent: a second application with it is refused
    const again = await apply({ email }, code);
    expect(again.status).toBe(400);
    expect(await errorCode(again)).toBe("verification-invalid");
    expect(await casesOfService()).toBe(before + 1);
  });

  it("counts wrong guesses and stops the code after the limit, even for the right one", async () => {
    const email = "budi.tebak@contoh.test";
    expect((await requestCode({ email })).status).toBe(202);
    const code = await codeMailedTo(email);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < CODE_MAX_ATTEMPTS; i++) {
      const res = await apply({ email }, wrong);
      expect(await errorCode(res)).toBe("verification-invalid");
    }
    const right = await apply({ email }, code);
    expect(right.status).toBe(429);
    expect(await errorCode(right)).toBe("verification-attempts");
    // and each refusal is audited
    const denied = await db
      .selectFrom("audit_log")
      .select(["details"])
      .where("action", "=", "case.apply")
      .where("outcome", "=", "denied")
      .execute();
    expect(
      denied.filter((d) => JSON.stringify(d.details).includes("verification-invalid")).length,
    ).toBeGreaterThanOrEqual(CODE_MAX_ATTEMPTS);
  });

  it("refuses an expired code", async () => {
    const email = "rina.lama@contoh.test";
    expect((await requestCode({ email })).status).toBe(202);
    const code = await codeMailedTo(email);
    await db
      .updateTable("verification_codes")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("email", "=", email)
      .execute();
    expect(await errorCode(await apply({ email }, code))).toBe("verification-invalid");
  });

  it("limits code requests per contact and refuses bad contacts with a clear error", async () => {
    const email = "banyak.kode@contoh.test";
    for (let i = 0; i < CODE_CONTACT_LIMIT; i++) expect((await requestCode({ email })).status).toBe(202);
    const limited = await requestCode({ email });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3600");
    const body = ApiError.parse(await limited.json());
    expect(body.code).toBe("verification-rate-limited");
    expect(body.message.id).toMatch(/Terlalu banyak permintaan kode verifikasi/);
    expect(body.message.en).toMatch(/Too many verification code requests/);

    const bad = await requestCode({ email: "bukan-email" });
    expect(bad.status).toBe(400);
    const none = await requestCode({});
    expect(none.status).toBe(400);
  });

  it("answers 409 for a district that does not ask for codes, and 404 for no district", async () => {
    const off = await app.request(
      "/public/districts/6207/verification-codes",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ contact: { email: "a@b.test" } }),
      },
      nextPeer(),
    );
    expect(off.status).toBe(409);
    expect(await errorCode(off)).toBe("verification-off");
    const unknown = await app.request(
      "/public/districts/9999/verification-codes",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ contact: { email: "a@b.test" } }),
      },
      nextPeer(),
    );
    expect(unknown.status).toBe(404);
  });
});

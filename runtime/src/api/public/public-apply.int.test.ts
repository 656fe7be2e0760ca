/**
 * Online applications on the real servers (Temporal dev server, PGlite): an applicant without an
 * account applies with the start form and a document, gets the tanda terima (and its PDF) and can
 * track the case; bad form data, a missing mandatory document, a file too big and too many
 * applications are refused without creating a case.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApiError, ApplicationReceipt, TrackingView } from "@alur/shared/api";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { sweepDeliveries } from "../../notifications/delivery-sweeper";
import { emailChannel } from "../../notifications/email-channel";
import type { Db } from "../../store/db";
import type { NotificationsTable } from "../../store/notifications";
import { type SmtpServer, startSmtpServer } from "../../testing";
import { buildTestApp, call, fromPeer, type Session, signIn, type TestApp } from "../../testing/api-app";
import { devServerEnv, pgliteDb, startWorker } from "../../testing/servers";
import { APPLY_CONTACT_LIMIT, APPLY_IP_LIMIT, ONLINE_APPLICANT } from "./public-apply.handlers";

const TASK_QUEUE = "api-public-apply";
const FIXTURE = readFileSync(path.join(import.meta.dirname, "fixtures", "layanan-daring.bpmn"), "utf8");
const URL = "/public/districts/3216/services/layanan-daring/applications";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let db: Db;
let env: TestWorkflowEnvironment;
let worker: { stop: () => Promise<void> };
let app: TestApp;
let admin: Session;
let frontOffice: Session;
let smtp: SmtpServer;
let peer = 0;

beforeAll(async () => {
  env = await devServerEnv();
  db = await pgliteDb();
  worker = await startWorker(env, db, TASK_QUEUE);
  const built = await buildTestApp(db, { client: env.client, taskQueue: TASK_QUEUE });
  app = built.app;
  admin = await signIn(app, built.credentials, "bks.admin");
  frontOffice = await signIn(app, built.credentials, "bks.front-office");
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

interface Application {
  variables?: Record<string, unknown>;
  contact?: Record<string, unknown>;
  files?: { field: string; name: string; bytes: Uint8Array; type?: string }[];
  ip?: string;
  url?: string;
}

let contacts = 0;
/** A fresh address per application unless told: the per-client limit is its own test. */
function apply(a: Application = {}) {
  const form = new FormData();
  form.append(
    "data",
    JSON.stringify({
      applicant: { name: "Siti Aminah" },
      contact: a.contact ?? { email: `siti.${++contacts}@contoh.test` },
      variables: a.variables ?? { nik: "3216015505800002", alasan: "Rekomendasi untuk beasiswa" },
    }),
  );
  const files: NonNullable<Application["files"]> = a.files ?? [{ field: "document:ktp", name: "ktp.pdf", bytes: PDF }];
  for (const f of files) form.append(f.field, new Blob([f.bytes], { type: f.type ?? "application/pdf" }), f.name);
  return app.request(
    a.url ?? URL,
    { method: "POST", body: form },
    fromPeer(a.ip ?? `10.20.${++peer >> 8}.${peer & 255}`),
  );
}

const casesOfService = async () =>
  (await db.selectFrom("cases").select("id").where("process_id", "=", "layanan-daring").execute()).length;

describe("POST /public/districts/{d}/services/{p}/applications", () => {
  it("starts the case as the front office would, with the receipt, its PDF and tracking", async () => {
    // when an applicant applies with the form, the KTP and a phone number and email
    const res = await apply({ contact: { phone: "0812-3456-7890", email: "Siti.Aminah@Contoh.test" } });
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = ApplicationReceipt.parse(await res.json());
    // then the receipt names the case, the service, what was received, the due date and a code
    expect(receipt.caseNumber).toMatch(/RDU/);
    expect(receipt.serviceName).toBe("Rekomendasi Daring Uji");
    expect(receipt.documents).toEqual([
      { requirementId: "ktp", name: "Fotokopi KTP", filename: "ktp.pdf", size: PDF.length },
    ]);
    expect(receipt.fields).toEqual([
      { label: "NIK", value: "3216015505800002" },
      { label: "Alasan permohonan", value: "Rekomendasi untuk beasiswa" },
    ]);
    expect(receipt.dueAt).not.toBeNull();
    expect(receipt.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt.contact).toEqual({ phone: "+62812*****890", email: "s***@contoh.test" });

    // and the case is stored with its document, started by the online channel, audited
    const row = await db
      .selectFrom("cases")
      .selectAll()
      .where("case_number", "=", receipt.caseNumber)
      .executeTakeFirstOrThrow();
    expect(row.created_by).toBe(ONLINE_APPLICANT);
    const docs = await db.selectFrom("case_documents").selectAll().where("case_id", "=", row.id).execute();
    expect(docs.map((d) => [d.requirement_id, d.filename, d.uploaded_by])).toEqual([
      ["ktp", "ktp.pdf", ONLINE_APPLICANT],
    ]);
    const audits = await db.selectFrom("audit_log").selectAll().where("resource_id", "=", row.id).execute();
    expect(audits.map((a) => [a.action, a.actor_id]).sort()).toEqual([
      ["case.apply", ONLINE_APPLICANT],
      ["case.start", ONLINE_APPLICANT],
    ]);
    const application = await db
      .selectFrom("public_applications")
      .selectAll()
      .where("case_id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect([application.phone, application.email]).toEqual(["+6281234567890", "siti.aminah@contoh.test"]);

    // and the receipt notice waits in the outbox for both channels, once
    const deliveries = await db
      .withTables<{ notifications: NotificationsTable }>()
      .selectFrom("notification_deliveries as d")
      .innerJoin("notifications as n", "n.id", "d.notification_id")
      .select(["d.channel", "d.address", "d.user_id", "n.title", "n.body"])
      .where("n.case_id", "=", row.id)
      .execute();
    expect(deliveries.map((d) => [d.channel, d.address, d.user_id]).sort()).toEqual([
      ["email", "siti.aminah@contoh.test", null],
      ["whatsapp-sms", "+6281234567890", null],
    ]);
    expect(deliveries[0]!.title).toBe(`Tanda terima permohonan ${receipt.caseNumber}`);
    expect(deliveries[0]!.body).toContain(`/lacak?d=3216&nomor=${encodeURIComponent(receipt.caseNumber)}`);
    expect(deliveries[0]!.body).not.toContain(receipt.trackingCode);

    // and the case is tracked with the code, the workflow at its first step
    let view: TrackingView | undefined;
    for (let i = 0; i < 50 && !view?.currentSteps.length; i++) {
      const t = await call(app, null, "POST", "/public/track", {
        caseNumber: receipt.caseNumber,
        code: receipt.trackingCode,
      });
      expect(t.status).toBe(200);
      view = TrackingView.parse(await t.json());
      if (!view.currentSteps.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(view!.currentSteps).toEqual([{ name: "Verifikasi berkas" }]);

    // and the receipt PDF reads as the receipt
    const pdf = await call(app, null, "POST", "/public/receipt", {
      caseNumber: receipt.caseNumber,
      code: receipt.trackingCode,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "alur-receipt-")), "r.pdf");
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(text).toContain("TANDA TERIMA PERMOHONAN");
    expect(text).toContain(receipt.caseNumber);
    expect(text).toContain("Fotokopi KTP");
    // with a wrong code, nothing
    const wrong = await call(app, null, "POST", "/public/receipt", {
      caseNumber: receipt.caseNumber,
      code: "AAAA-BBBB-CCCC",
    });
    expect(wrong.status).toBe(404);
  });

  it("refuses bad form data with 422 naming the field, and fields outside the form", async () => {
    const before = await casesOfService();
    const bad = await apply({ variables: { nik: "12345", alasan: "" } });
    expect(bad.status).toBe(422);
    const error = ApiError.parse(await bad.json());
    expect(error.code).toBe("application-form-invalid");
    expect(error.message.id).toContain("formulir");
    expect(JSON.stringify(error.details)).toContain("nik");
    const forged = await apply({ variables: { nik: "3216015505800002", alasan: "x", status: "selesai" } });
    expect(forged.status).toBe(422);
    expect(ApiError.parse(await forged.json()).code).toBe("data-not-allowed");
    // no phone and no email
    const noContact = await apply({ contact: {} });
    expect(noContact.status).toBe(400);
    const badPhone = await apply({ contact: { phone: "12345" } });
    expect(badPhone.status).toBe(400);
    expect(await casesOfService()).toBe(before);
  });

  it("refuses an application without a mandatory document, and a wrong file type, with nothing stored", async () => {
    const before = await casesOfService();
    const res = await apply({ files: [] });
    expect(res.status).toBe(422);
    const error = ApiError.parse(await res.json());
    expect(error.code).toBe("documents-missing");
    expect(error.details).toEqual({ missing: [{ id: "ktp", name: "Fotokopi KTP" }] });
    // a PDF given as the house photo (jpg, png only)
    const wrongType = await apply({
      files: [
        { field: "document:ktp", name: "ktp.pdf", bytes: PDF },
        { field: "document:foto", name: "rumah.pdf", bytes: PDF },
      ],
    });
    expect(wrongType.status).toBe(415);
    expect(await casesOfService()).toBe(before);
  });

  it("refuses a file over 10 MB with 413", async () => {
    const before = await casesOfService();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const res = await apply({ files: [{ field: "document:ktp", name: "ktp.pdf", bytes: big }] });
    expect(res.status).toBe(413);
    expect(ApiError.parse(await res.json()).code).toBe("file-too-large");
    expect(await casesOfService()).toBe(before);
  });

  it("holds each document to its requirement's maxSizeMb, under the 10 MB cap", async () => {
    const before = await casesOfService();
    // the standard takes the house photo up to 0.5 MB: a 0.6 MB PNG is refused, naming the limit
    const png = (bytes: number) => {
      const b = new Uint8Array(bytes);
      b.set([0x89, 0x50, 0x4e, 0x47]);
      return b;
    };
    const photo = (bytes: number) => ({
      field: "document:foto",
      name: "rumah.png",
      bytes: png(bytes),
      type: "image/png",
    });
    const ktp = { field: "document:ktp", name: "ktp.pdf", bytes: PDF };
    const tooBig = await apply({ files: [ktp, photo(600 * 1024)] });
    expect(tooBig.status).toBe(413);
    const error = ApiError.parse(await tooBig.json());
    expect(error.code).toBe("file-too-large");
    expect(error.details).toEqual({ filename: "rumah.png", requirementId: "foto", maxBytes: 512 * 1024 });
    expect(await casesOfService()).toBe(before);
    // the same photo at the limit is taken, and a 2 MB KTP (no limit of its own) too
    const bigKtp = new Uint8Array(2 * 1024 * 1024);
    bigKtp.set(PDF);
    const taken = await apply({ files: [{ ...ktp, bytes: bigKtp }, photo(512 * 1024)] });
    expect(taken.status, await taken.clone().text()).toBe(201);
    expect(await casesOfService()).toBe(before + 1);
  });

  it("limits applications per client address and per email, answering 429 in both languages", async () => {
    // one client address applies up to its limit, then is refused before its body is read
    const ip = "10.99.0.1";
    for (let i = 0; i < APPLY_IP_LIMIT; i++) expect((await apply({ ip })).status).toBe(201);
    const limited = await apply({ ip });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3600");
    const error = ApiError.parse(await limited.json());
    expect(error.code).toBe("application-rate-limited");
    expect(error.message.id).toContain("Terlalu banyak permohonan");
    expect(error.message.en).toContain("Too many applications");
    // another address still may
    expect((await apply({ ip: "10.99.0.2" })).status).toBe(201);

    // one email address from many addresses: limited per day
    const contact = { email: "sering@contoh.test" };
    for (let i = 0; i < APPLY_CONTACT_LIMIT; i++) expect((await apply({ contact })).status).toBe(201);
    const again = await apply({ contact: { email: "SERING@contoh.test" } });
    expect(again.status).toBe(429);
    expect(ApiError.parse(await again.json()).code).toBe("contact-rate-limited");
  });

  it("emails the applicant the receipt and the completion through a real SMTP server, once each", async () => {
    const email = `kabar.${Date.now()}@contoh.test`;
    const res = await apply({ contact: { email } });
    expect(res.status).toBe(201);
    const receipt = ApplicationReceipt.parse(await res.json());
    const deps = {
      db,
      logger: createLogger({ level: "silent", pretty: false }),
      channels: [emailChannel({ smtpUrl: smtp.url, from: "Dinsos Bekasi <layanan@dinsos.test>" })],
    };
    // quoted-printable soft breaks and escapes undone, so the text reads as written
    const mailsTo = () =>
      smtp
        .messages()
        .map((m) =>
          m.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
        )
        .filter((m) => m.includes(`To: ${email}`));

    // when the outbox is swept twice
    await sweepDeliveries(deps, { limit: 100 });
    await sweepDeliveries(deps, { limit: 100 });
    // then one receipt email arrived, in Indonesian, with the tracking link and without the code
    const receipts = mailsTo();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toContain(`Subject: Tanda terima permohonan ${receipt.caseNumber}`);
    expect(receipts[0]).toContain("telah diterima Dinas Sosial Kabupaten Bekasi");
    expect(receipts[0]).toContain(`/lacak?d=3216&nomor=${encodeURIComponent(receipt.caseNumber)}`);
    expect(receipts[0]).not.toContain(receipt.trackingCode);

    // when the front office completes the case's one step
    const row = await db
      .selectFrom("cases")
      .select("id")
      .where("case_number", "=", receipt.caseNumber)
      .executeTakeFirstOrThrow();
    let task: { id: string; revision: number } | undefined;
    for (let i = 0; i < 50 && !task; i++) {
      task = await db
        .selectFrom("tasks")
        .select(["id", "revision"])
        .where("case_id", "=", row.id)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (!task) await new Promise((r) => setTimeout(r, 200));
    }
    const done = await call(app, frontOffice, "POST", `/tasks/${task!.id}/complete`, {
      revision: task!.revision,
      data: {},
    });
    expect(done.status, await done.clone().text()).toBe(200);
    for (let i = 0; i < 50; i++) {
      const c = await db.selectFrom("cases").select("status").where("id", "=", row.id).executeTakeFirstOrThrow();
      if (c.status === "completed") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await sweepDeliveries(deps, { limit: 100 });
    await sweepDeliveries(deps, { limit: 100 });
    // then the applicant is told once that it is done, with the link
    const completed = mailsTo().filter((m) => m.includes(`Subject: Permohonan ${receipt.caseNumber} selesai`));
    expect(completed).toHaveLength(1);
    expect(completed[0]).toContain("telah selesai diproses");
    // and the survey is offered where the result is (the tracking page)
    expect(completed[0]).toContain("(SKM)");
    expect(mailsTo()).toHaveLength(2);
  });

  it("answers 400 to a multipart part without a name (it crashed the server once)", async () => {
    const b = "grenzeAlur";
    const body = `--${b}\r\nContent-Disposition: form-data; name=""\r\n\r\n{"a":1}\r\n--${b}--\r\n`;
    for (const url of [URL, "/public/track/uploads"]) {
      const res = await app.request(
        url,
        { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${b}` }, body },
        fromPeer("10.40.0.1"),
      );
      expect(res.status).toBe(400);
      expect(ApiError.parse(await res.json()).code).toBe("validation-failed");
    }
  });

  it("takes applications only for published services in effect", async () => {
    const res = await apply({ url: "/public/districts/3216/services/tidak-ada/applications" });
    expect(res.status).toBe(404);
  });
});

/**
 * Notification delivery on real servers: PostgreSQL, a real SMTP server (aiosmtpd) and a stand-in
 * WhatsApp/SMS gateway (third-party SaaS). A notification's deliveries are written with it, sent
 * once, retried after failures, and a sweeper killed between sending and recording never makes
 * the recipient get the message twice.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAccounts } from "../auth/accounts";
import { ensureReferenceData } from "../auth/seed-demo";
import { createLogger } from "../logger";
import { insertActing } from "../store/acting";
import type { Db } from "../store/db";
import { deliveriesOf } from "../store/notification-deliveries";
import { savePreferences } from "../store/notification-preferences";
import { insertNotification } from "../store/notifications";
import { type MessageGateway, type SmtpServer, startMessageGateway, startSmtpServer } from "../testing";
import { postgresDb } from "../testing/servers";
import { sweepDeliveries } from "./delivery-sweeper";
import { emailChannel } from "./email-channel";
import { httpGatewayChannel } from "./http-gateway-channel";

const TAG = `${process.pid}${Date.now().toString(36)}`;
const logger = createLogger({ level: "silent", pretty: false });
const FROM = "Alur Uji <alur@dinsos.test>";

let db: Db;
let smtp: SmtpServer;
let gateway: MessageGateway;
let userId: string;
let district: string;

beforeAll(async () => {
  db = await postgresDb();
  await ensureReferenceData(db);
  // one recipient: back-office of 3216 with email and WhatsApp for notices
  district = "3216";
  const [account] = await createAccounts(db, [
    { username: `dlv${TAG}.bo`, orgUnitId: district, district, roles: ["back-office"] },
  ]);
  userId = account!.id;
  await savePreferences(db, userId, {
    email: `bo.${TAG}@dinsos.test`,
    phone: "+6281234567890",
    channels: {
      notice: ["in-app", "email", "whatsapp-sms"],
      "task-assigned": ["in-app"],
      "task-due-soon": ["in-app"],
      "task-overdue": ["in-app"],
    },
  });
  smtp = await startSmtpServer();
  gateway = await startMessageGateway();
});

afterAll(async () => {
  await smtp?.stop();
  await gateway?.stop();
  await db?.destroy();
});

/** A notice to this test's recipient only (its own role in a district no other file uses for it). */
async function notice(title: string) {
  return insertNotification(db, {
    id: crypto.randomUUID(),
    caseId: null,
    district,
    elementId: null,
    roles: [],
    userId,
    title,
    body: `Isi ${title}: berkas lengkap.`,
    dedupeKey: `dlv-${TAG}-${title}`,
  });
}

const email = () => emailChannel({ smtpUrl: smtp.url, from: FROM });
const whatsapp = () => httpGatewayChannel({ url: gateway.url, token: "gw-secret" });
const mailsWith = (subject: string) => smtp.messages().filter((m) => m.includes(`Subject: ${subject}`));

/** Lets a leased (or backed-off) row be taken now, as if its time had passed. */
async function expireLeases(notificationId: string) {
  await db
    .updateTable("notification_deliveries")
    .set({ next_attempt_at: sql`now() - interval '1 second'` })
    .where("notification_id", "=", notificationId)
    .execute();
}

describe("notification delivery", () => {
  it("writes the deliveries with the notification and sends the email through SMTP once", async () => {
    // given a notice to a user who chose email and WhatsApp
    const n = await notice(`Surat ${TAG} A`);
    expect((await deliveriesOf(db, n.id)).map((d) => [d.channel, d.status]).sort()).toEqual([
      ["email", "pending"],
      ["whatsapp-sms", "pending"],
    ]);

    // when the sweeper runs twice
    await sweepDeliveries({ db, logger, channels: [email()] });
    await sweepDeliveries({ db, logger, channels: [email()] });

    // then one mail arrived, with the notice's subject and body and the delivery's Message-ID
    const mails = mailsWith(`Surat ${TAG} A`);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`To: bo.${TAG}@dinsos.test`);
    expect(mails[0]).toContain(`Isi Surat ${TAG} A: berkas lengkap.`);
    const row = (await deliveriesOf(db, n.id)).find((d) => d.channel === "email")!;
    expect(mails[0]).toContain(`Message-ID: <${row.id}@alur.notifications>`);
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect(row.sent_at).not.toBeNull();
  });

  it("delivers a role's notice to who acts in that role today (Plt/Plh), not to who acted before", async () => {
    // given a position's role that nobody holds, one official acting in it today, one whose term ended
    const role = `kepala-seksi-${TAG}`;
    const [today, before] = await createAccounts(db, [
      { username: `dlv${TAG}.plt`, orgUnitId: district, district, roles: ["back-office"] },
      { username: `dlv${TAG}.plh`, orgUnitId: district, district, roles: ["back-office"] },
    ]);
    const onlyNotices = {
      notice: ["in-app" as const, "email" as const],
      "task-assigned": [],
      "task-due-soon": [],
      "task-overdue": [],
    };
    for (const [who, email] of [
      [today!, `plt.${TAG}@dinsos.test`],
      [before!, `plh.${TAG}@dinsos.test`],
    ] as const) {
      await savePreferences(db, who.id, { email, phone: null, channels: onlyNotices });
    }
    const jakarta = (offsetDays: number) =>
      new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    await insertActing(db, {
      id: crypto.randomUUID(),
      userId: today!.id,
      district,
      kind: "plt",
      position: "Kepala Seksi",
      roles: [role],
      from: jakarta(-1),
      to: jakarta(1),
      reason: "Pejabat definitif cuti",
      createdBy: "test",
    });
    await insertActing(db, {
      id: crypto.randomUUID(),
      userId: before!.id,
      district,
      kind: "plh",
      position: "Kepala Seksi",
      roles: [role],
      from: jakarta(-30),
      to: jakarta(-20),
      reason: "Dinas luar",
      createdBy: "test",
    });

    // when a notice goes to the role
    const n = await insertNotification(db, {
      id: crypto.randomUUID(),
      caseId: null,
      district,
      elementId: null,
      roles: [role],
      userId: null,
      title: `Untuk ${role}`,
      body: "Mohon tanda tangan.",
      dedupeKey: `dlv-${TAG}-acting`,
    });

    // then only today's acting official gets an email
    const rows = await deliveriesOf(db, n.id);
    expect(rows.map((r) => [r.user_id, r.channel, r.address])).toEqual([
      [today!.id, "email", `plt.${TAG}@dinsos.test`],
    ]);
  });

  it("retries an email the server could not take, with back-off, and sends it once it is back", async () => {
    // given the SMTP server is down
    const n = await notice(`Surat ${TAG} B`);
    await smtp.stop();

    // when the sweeper tries
    const first = await sweepDeliveries({ db, logger, channels: [email()] });

    // then the delivery waits for a retry with the error kept
    expect(first.failed).toBeGreaterThanOrEqual(1);
    let row = (await deliveriesOf(db, n.id)).find((d) => d.channel === "email")!;
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/smtp/);
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now());

    // and when the server is back and the back-off has passed
    smtp = await startSmtpServer({ port: smtp.port });
    await expireLeases(n.id);
    await sweepDeliveries({ db, logger, channels: [email()] });

    // then it was sent on the second attempt
    row = (await deliveriesOf(db, n.id)).find((d) => d.channel === "email")!;
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(mailsWith(`Surat ${TAG} B`)).toHaveLength(1);
  });

  it("a sweeper killed between sending an email and recording it does not send it again", async () => {
    // given a notice whose email a sweeper process sends and then dies (SIGKILL) before recording
    const n = await notice(`Surat ${TAG} C`);
    const exit = await crashingSweep({ SMTP_URL: smtp.url, SMTP_FROM: FROM });
    expect(exit.signal, exit.output).toBe("SIGKILL");
    expect(mailsWith(`Surat ${TAG} C`)).toHaveLength(1);
    let row = (await deliveriesOf(db, n.id)).find((d) => d.channel === "email")!;
    expect(row.status).toBe("sending");

    // when its lease runs out and another sweeper takes the row
    await expireLeases(n.id);
    const after = await sweepDeliveries({ db, logger, channels: [email()] });
    await sweepDeliveries({ db, logger, channels: [email()] });

    // then it is recorded as unconfirmed and the recipient still has exactly one mail
    expect(after.unconfirmed).toBe(1);
    row = (await deliveriesOf(db, n.id)).find((d) => d.channel === "email")!;
    expect(row.status).toBe("unconfirmed");
    expect(mailsWith(`Surat ${TAG} C`)).toHaveLength(1);
  });

  it("sends WhatsApp/SMS through the HTTP gateway, retries a 503, and a killed sweeper's retry is dropped by its key", async () => {
    // given the earlier notices' gateway messages are sent, and a new notice's email too
    await sweepDeliveries({ db, logger, channels: [whatsapp()] });
    const n = await notice(`Surat ${TAG} D`);
    await sweepDeliveries({ db, logger, channels: [email()] });
    const before = gateway.requests.length;

    // when the gateway answers 503 once
    gateway.failNext(1, 503);
    const first = await sweepDeliveries({ db, logger, channels: [whatsapp()] });
    expect(first.failed).toBeGreaterThanOrEqual(1);
    await expireLeases(n.id);
    // and a sweeper process sends it and dies before recording
    const exit = await crashingSweep({ WA_GATEWAY_URL: gateway.url, WA_GATEWAY_TOKEN: "gw-secret" });
    expect(exit.signal, exit.output).toBe("SIGKILL");
    // and after its lease another sweeper sends it again
    await expireLeases(n.id);
    await sweepDeliveries({ db, logger, channels: [whatsapp()] });

    // then the gateway was asked three times with the same key and sends one message
    const row = (await deliveriesOf(db, n.id)).find((d) => d.channel === "whatsapp-sms")!;
    const asks = gateway.requests.slice(before).filter((r) => r.key === row.id);
    expect(asks).toHaveLength(3);
    expect(asks.every((r) => r.authorization === "Bearer gw-secret")).toBe(true);
    expect(gateway.delivered.get(row.id)?.body).toMatchObject({ to: "+6281234567890" });
    expect(gateway.delivered.get(row.id)?.body.text).toContain(`Surat ${TAG} D`);
    expect(row).toMatchObject({ status: "sent", provider_id: `gw-${row.id}` });
  });
});

/** Runs runtime/src/testing/crash-delivery-sweep.ts as its own process; resolves with how it ended. */
function crashingSweep(
  env: Record<string, string>,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  const script = path.join(import.meta.dirname, "../testing/crash-delivery-sweep.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: path.join(import.meta.dirname, "../.."),
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: inject("databaseUrl"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, output })));
}

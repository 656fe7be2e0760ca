/**
 * Complaints over the real API and store (PGlite) and a real SMTP server (aiosmtpd): filed from the
 * public form (for a service, or for one's own case through the tracked-case door), taken at the
 * counter, listed for the complaint team with the 3 × 24-hour clock, answered once (the email
 * reaches the complainant), tracked, warned of when due, reported and exported for SP4N-LAPOR!;
 * refusals are audited, hostile input and floods are refused.
 */
import { ComplaintItem, ComplaintList, ComplaintReceipt, ComplaintReport, PublicComplaintView } from "@alur/shared/api";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { warnDueComplaints } from "../../notifications/complaint-notices";
import { sweepDeliveries } from "../../notifications/delivery-sweeper";
import { emailChannel } from "../../notifications/email-channel";
import { insertComplaint } from "../../store/complaints";
import type { Db } from "../../store/db";
import type { NotificationsTable } from "../../store/notifications";
import { setTrackingCodeHash } from "../../store/tracking";
import { type SmtpServer, startSmtpServer } from "../../testing";
import { buildTestApp, call, fixtureCase, fromPeer, type Session, signIn, type TestApp } from "../../testing/api-app";
import { pgliteDb } from "../../testing/servers";
import { APPLY_CONTACT_LIMIT, APPLY_IP_LIMIT } from "../public/public-apply.handlers";
import { trackingCodeHash } from "../public/tracking-code";

const PROCESS = "pengaduan-layanan";
const HOUR = 60 * 60 * 1000;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());

let db: Db;
let app: TestApp;
let team: Session;
let head: Session;
let frontOffice: Session;
let backOffice: Session;
let sumedangTeam: Session;
let smtp: SmtpServer;
let peer = 0;

/** A public request from its own client address unless one is given. */
function publicCall(url: string, body: unknown, ip = `10.30.${++peer >> 8}.${peer & 255}`) {
  return app.request(
    url,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    fromPeer(ip),
  );
}

function complaint(over: Record<string, unknown> = {}) {
  return {
    district: "3216",
    processId: PROCESS,
    name: "Rina Marlina",
    contact: { email: `rina.${++peer}@contoh.test` },
    category: "waktu",
    text: "Permohonan saya sudah dua minggu belum ada kabar dari petugas.",
    ...over,
  };
}

async function auditsOf(action: string, outcome: "ok" | "denied") {
  return db.selectFrom("audit_log").selectAll().where("action", "=", action).where("outcome", "=", outcome).execute();
}

beforeAll(async () => {
  db = await pgliteDb();
  const built = await buildTestApp(db);
  app = built.app;
  team = await signIn(app, built.credentials, "bks.pengelola-pengaduan");
  head = await signIn(app, built.credentials, "bks.kepala-bidang");
  frontOffice = await signIn(app, built.credentials, "bks.front-office");
  backOffice = await signIn(app, built.credentials, "bks.back-office");
  sumedangTeam = await signIn(app, built.credentials, "smd.pengelola-pengaduan");
  // the service complaints are about is published in Bekasi
  await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null, processId: PROCESS });
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp?.stop();
  await db?.destroy();
});

describe("complaints", () => {
  it("is filed online, listed for the team with its 72-hour due time, answered once, emailed and tracked", async () => {
    const email = `aduan.${Date.now()}@contoh.test`;
    // when a citizen files a complaint about the service
    const res = await publicCall("/public/complaints", complaint({ contact: { email, phone: "0812-3456-7890" } }));
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = ComplaintReceipt.parse(await res.json());
    expect(receipt.complaintNumber).toMatch(/^ADU\/[A-Z0-9]+\/\d{4}\/\d{6}$/);
    expect(receipt.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // then it is due 72 clock hours after receipt
    expect(Date.parse(receipt.dueAt) - Date.parse(receipt.receivedAt)).toBe(72 * HOUR);
    // and the complaint team is told, in its bell
    const told = await db
      .withTables<{ notifications: NotificationsTable }>()
      .selectFrom("notifications")
      .select(["roles", "title"])
      .where("title", "=", `Pengaduan baru: ${receipt.complaintNumber}`)
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.roles).toEqual(["pengelola-pengaduan"]);

    // the team's list shows it open with its due time
    const listed = ComplaintList.parse(await (await call(app, team, "GET", "/complaints")).json());
    const item = listed.items.find((i) => i.complaintNumber === receipt.complaintNumber);
    expect(item).toMatchObject({
      clock: "open",
      dueAt: receipt.dueAt,
      serviceName: `Layanan ${PROCESS}`,
      channel: "online",
      contact: { email, phone: "+6281234567890" },
    });

    // before the answer, the complainant sees no answer yet
    const before = PublicComplaintView.parse(
      await (
        await publicCall("/public/complaints/track", {
          complaintNumber: receipt.complaintNumber.toLowerCase(),
          code: receipt.trackingCode.toLowerCase(),
        })
      ).json(),
    );
    expect(before).toMatchObject({ answer: null, respondedAt: null, dueAt: receipt.dueAt });

    // when the team answers
    const answer = "Permohonan Anda sedang diverifikasi; petugas akan menghubungi Anda besok.";
    const answered = await call(app, team, "POST", `/complaints/${item!.id}/answer`, { answer });
    expect(answered.status, await answered.clone().text()).toBe(200);
    expect(ComplaintItem.parse(await answered.json())).toMatchObject({ clock: "answered", answer });
    // a second answer is refused
    const again = await call(app, head, "POST", `/complaints/${item!.id}/answer`, { answer: `${answer} Lagi.` });
    expect(again.status).toBe(409);
    const refused = (await again.json()) as { code: string; message: { id: string; en: string } };
    expect(refused).toMatchObject({ code: "complaint-already-answered" });
    expect(refused.message.en).toContain("already been answered");

    // then the answer reaches the complainant's inbox through the real SMTP server, once
    const deps = {
      db,
      logger: createLogger({ level: "silent", pretty: false }),
      channels: [emailChannel({ smtpUrl: smtp.url, from: "Dinsos Bekasi <layanan@dinsos.test>" })],
    };
    await sweepDeliveries(deps, { limit: 100 });
    await sweepDeliveries(deps, { limit: 100 });
    const mails = smtp
      .messages()
      .map((m) =>
        m.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
      )
      .filter((m) => m.includes(`To: ${email}`));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`Subject: Tanggapan atas pengaduan ${receipt.complaintNumber}`);
    expect(mails[0]).toContain("sedang diverifikasi");
    expect(mails[0]).toContain("/pengaduan/lacak");
    expect(mails[0]).not.toContain(receipt.trackingCode);

    // and the complainant reads it with the number and code
    const after = PublicComplaintView.parse(
      await (
        await publicCall("/public/complaints/track", {
          complaintNumber: receipt.complaintNumber,
          code: receipt.trackingCode,
        })
      ).json(),
    );
    expect(after.answer).toBe(answer);
    expect(after.respondedAt).not.toBeNull();
    // the decision is audited without the complaint's words or the contact
    const filed = await auditsOf("complaint.file", "ok");
    expect(JSON.stringify(filed)).not.toContain("dua minggu");
    expect(JSON.stringify(filed)).not.toContain(email);
    expect(await auditsOf("complaint.answer", "ok")).toHaveLength(1);
  });

  it("attaches a complaint to a case only with that case's tracking code", async () => {
    const fx = await fixtureCase(db, { district: "3216", roles: ["back-office"], createdBy: null, processId: PROCESS });
    await setTrackingCodeHash(db, fx.caseId, trackingCodeHash(fx.caseId, "AAAA-BBBB-CCCC"));
    await db.updateTable("cases").set({ case_number: sql`upper(case_number)` }).where("id", "=", fx.caseId).execute();
    const { case_number } = await db
      .selectFrom("cases")
      .select("case_number")
      .where("id", "=", fx.caseId)
      .executeTakeFirstOrThrow();
    const ip = "10.31.0.1";
    // a wrong code is the tracking door's 404 and counts as a failed tracking attempt
    const wrong = await publicCall(
      "/public/complaints",
      complaint({ case: { caseNumber: case_number, code: "ZZZZ-ZZZZ-ZZZZ" } }),
      ip,
    );
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({ code: "tracking-not-found" });
    const failures = await db.selectFrom("tracking_attempts").selectAll().where("ip", "=", ip).execute();
    expect(failures).toHaveLength(1);
    expect(await auditsOf("complaint.link", "denied")).toHaveLength(1);
    // the case of another district cannot be named under this one
    const elsewhere = await publicCall(
      "/public/complaints",
      complaint({ district: "3211", processId: undefined, case: { caseNumber: case_number, code: "AAAA-BBBB-CCCC" } }),
    );
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({ code: "complaint-district-mismatch" });
    // the right pair links it; the team sees the case number
    const ok = await publicCall(
      "/public/complaints",
      complaint({ processId: undefined, case: { caseNumber: case_number.toLowerCase(), code: "aaaa-bbbb-cccc" } }),
    );
    expect(ok.status, await ok.clone().text()).toBe(201);
    const receipt = ComplaintReceipt.parse(await ok.json());
    const listed = ComplaintList.parse(await (await call(app, head, "GET", "/complaints?status=all")).json());
    expect(listed.items.find((i) => i.complaintNumber === receipt.complaintNumber)).toMatchObject({
      caseId: fx.caseId,
      caseNumber: case_number,
      processId: PROCESS,
    });
  });

  it("takes phone and walk-in complaints at the counter, and refuses (audited) those who may not", async () => {
    // the front office takes an anonymous walk-in complaint without contact
    const walkIn = await call(app, frontOffice, "POST", "/complaints", {
      channel: "walk-in",
      processId: PROCESS,
      category: "petugas",
      text: "Petugas loket tidak ada di tempat pada jam pelayanan.",
    });
    expect(walkIn.status, await walkIn.clone().text()).toBe(201);
    const receipt = ComplaintReceipt.parse(await walkIn.json());
    const listed = ComplaintList.parse(await (await call(app, team, "GET", "/complaints")).json());
    expect(listed.items.find((i) => i.complaintNumber === receipt.complaintNumber)).toMatchObject({
      channel: "walk-in",
      name: null,
      contact: {},
    });
    // an unknown service is 404
    expect(
      (
        await call(app, frontOffice, "POST", "/complaints", {
          channel: "phone",
          processId: "tidak-ada",
          category: "lainnya",
          text: "Layanan yang tidak pernah ada di kabupaten ini.",
        })
      ).status,
    ).toBe(404);
    // back office may neither take nor read complaints; another district's team may not answer Bekasi's
    const deniedBefore = (await db.selectFrom("audit_log").selectAll().where("outcome", "=", "denied").execute())
      .length;
    expect(
      (
        await call(app, backOffice, "POST", "/complaints", {
          channel: "phone",
          category: "lainnya",
          text: "Dicoba oleh petugas yang tidak berwenang.",
        })
      ).status,
    ).toBe(403);
    expect((await call(app, backOffice, "GET", "/complaints")).status).toBe(403);
    expect((await call(app, frontOffice, "GET", "/complaints")).status).toBe(403);
    const id = listed.items[0]!.id;
    const foreign = await call(app, sumedangTeam, "POST", `/complaints/${id}/answer`, {
      answer: "Jawaban dari kabupaten lain yang tidak berwenang.",
    });
    expect(foreign.status).toBe(403);
    const body = (await foreign.json()) as { message: { id: string; en: string } };
    expect(body.message.id).toContain("tidak berwenang");
    expect(body.message.en).toContain("not allowed");
    // Sumedang's list does not show Bekasi's complaints
    const theirs = ComplaintList.parse(await (await call(app, sumedangTeam, "GET", "/complaints?status=all")).json());
    expect(theirs.items.filter((i) => i.district !== "3211")).toEqual([]);
    // the report is refused to the front office
    expect((await call(app, frontOffice, "GET", `/reports/complaints?from=${today}&to=${today}`)).status).toBe(403);
    const deniedAfter = await db.selectFrom("audit_log").selectAll().where("outcome", "=", "denied").execute();
    expect(deniedAfter.length - deniedBefore).toBe(5);
    expect(deniedAfter.map((a) => a.action)).toEqual(
      expect.arrayContaining(["complaint.file", "complaint.list", "complaint.answer", "complaint.report"]),
    );
  });

  it("refuses hostile input with bilingual errors", async () => {
    const cases: [string, unknown, number][] = [
      ["no contact", complaint({ contact: {} }), 400],
      ["text too short", complaint({ text: "jelek" }), 400],
      ["text too long", complaint({ text: "x".repeat(2001) }), 400],
      ["unknown category", complaint({ category: "'; drop table complaints; --" }), 400],
      ["foreign phone", complaint({ contact: { phone: "+1 202 555 0100" } }), 400],
      ["bad district", complaint({ district: "../../etc" }), 400],
      ["unknown district", complaint({ district: "9999" }), 404],
      ["unpublished service", complaint({ processId: "tidak-ada" }), 404],
    ];
    for (const [what, body, status] of cases) {
      const res = await publicCall("/public/complaints", body);
      expect(res.status, what).toBe(status);
      const error = (await res.json()) as { message: { id: string; en: string } };
      expect(error.message.id, what).toBeTruthy();
      expect(error.message.en, what).toBeTruthy();
    }
    // a body past the cap is 413 before it is parsed
    const big = await publicCall("/public/complaints", { ...complaint(), padding: "x".repeat(20_000) });
    expect(big.status).toBe(413);
    // a tracking number that does not exist is the same 404 as a wrong code
    const unknown = await publicCall("/public/complaints/track", { complaintNumber: "ADU/X/2026/1", code: "AAAA" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "complaint-not-found" });
    // a complaint id that is no uuid is a 400
    expect((await call(app, team, "POST", "/complaints/1%20or%201=1/answer", { answer: "x".repeat(20) })).status).toBe(
      400,
    );
  });

  it("limits complaints per client address before the body and per phone or email", async () => {
    const ip = "10.32.0.1";
    for (let i = 0; i < APPLY_IP_LIMIT; i++) {
      const res = await publicCall("/public/complaints", complaint(), ip);
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const flooded = await publicCall("/public/complaints", complaint(), ip);
    expect(flooded.status).toBe(429);
    expect(flooded.headers.get("retry-after")).toBe("3600");
    expect(await flooded.json()).toMatchObject({ code: "complaint-rate-limited" });
    // the same phone number from different addresses
    for (let i = 0; i < APPLY_CONTACT_LIMIT; i++) {
      expect((await publicCall("/public/complaints", complaint({ contact: { phone: "081299990000" } }))).status).toBe(
        201,
      );
    }
    const sameContact = await publicCall("/public/complaints", complaint({ contact: { phone: "+6281299990000" } }));
    expect(sameContact.status).toBe(429);
    expect(
      (await auditsOf("complaint.file", "denied")).some((a) => JSON.stringify(a.details).includes("contact")),
    ).toBe(true);
  });

  it("warns the team once when due soon and once when overdue, and reports response times against the clock", async () => {
    // given two complaints filed in Sumedang, one 50 hours ago and one 80 hours ago
    const filed = async () =>
      ComplaintReceipt.parse(
        await (
          await publicCall(
            "/public/complaints",
            complaint({ district: "3211", processId: undefined, category: "lainnya" }),
          )
        ).json(),
      );
    const soon = await filed();
    const late = await filed();
    const age = async (number: string, hours: number) =>
      db
        .updateTable("complaints")
        .set({
          received_at: sql`now() - make_interval(hours => ${hours})`,
          due_at: sql`now() - make_interval(hours => ${hours - 72})`,
        })
        .where("complaint_number", "=", number)
        .execute();
    await age(soon.complaintNumber, 50);
    await age(late.complaintNumber, 80);
    // when the sweep runs twice
    const first = await warnDueComplaints(db, new Date());
    const second = await warnDueComplaints(db, new Date());
    // then each is warned of once
    expect(first).toEqual({ dueSoon: 1, overdue: 1 });
    expect(second).toEqual({ dueSoon: 0, overdue: 0 });
    const listed = ComplaintList.parse(await (await call(app, sumedangTeam, "GET", "/complaints")).json());
    expect(listed.items.find((i) => i.complaintNumber === soon.complaintNumber)?.clock).toBe("due-soon");
    expect(listed.items.find((i) => i.complaintNumber === late.complaintNumber)?.clock).toBe("overdue");
    // the overdue one is answered late (about 80 h), the other in time (about 50 h)
    for (const number of [soon.complaintNumber, late.complaintNumber]) {
      const id = listed.items.find((i) => i.complaintNumber === number)!.id;
      expect(
        (await call(app, sumedangTeam, "POST", `/complaints/${id}/answer`, { answer: "Sudah kami tindak lanjuti." }))
          .status,
      ).toBe(200);
    }
    const report = ComplaintReport.parse(
      await (await call(app, sumedangTeam, "GET", `/reports/complaints?from=2020-01-01&to=${today}`)).json(),
    );
    // by hand: hours 50 and 80; median 65, p90 50 + 0.9 × 30 = 77; one of two within 72 h
    expect(report.total).toMatchObject({ received: 2, answered: 2, withinClock: 1, withinClockPercent: 50 });
    expect(report.total.medianHours).toBeCloseTo(65, 0);
    expect(report.total.p90Hours).toBeCloseTo(77, 0);
    expect(report.rows.map((r) => r.processId)).toEqual(report.rows.map(() => null));
    // the export carries LAPOR!'s fields, no contact data, and neutralizes formulas
    await call(app, sumedangTeam, "POST", "/complaints", {
      channel: "phone",
      name: '=HYPERLINK("http://x")',
      category: "lainnya",
      text: "+SUM(A1:A9) ditulis oleh penelepon",
    });
    const csv = await call(app, sumedangTeam, "GET", `/reports/complaints/lapor.csv?from=2020-01-01&to=${today}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    // UTF-8 with a byte-order mark, so spreadsheet apps read the Indonesian text right
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe(
      "Nomor Tiket Instansi,Judul Laporan,Isi Laporan,Kategori,Tanggal Laporan,Instansi Tujuan,Lokasi,Kanal,Kerahasiaan,Nama Pelapor,Nomor Permohonan Terkait,Batas Tanggapan,Tindak Lanjut,Tanggal Tindak Lanjut,Lama Tanggapan (jam),Status",
    );
    expect(text).toContain(soon.complaintNumber);
    expect(text).not.toContain("@contoh.test");
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain("'+SUM(A1:A9)");
    expect(await auditsOf("complaint.export", "ok")).toHaveLength(1);
  });

  it("finds complaints by number, name or text, wildcards taken literally, one page of 50 at a time", async () => {
    // given 52 complaints of one complainant in Bekasi, one of them quoting "100%_"
    const received = new Date();
    const numbers: string[] = [];
    for (let i = 0; i < 52; i++) {
      numbers.push(
        await insertComplaint(db, {
          id: crypto.randomUUID(),
          district: "3216",
          districtAbbreviation: "BKS",
          channel: "phone",
          processId: null,
          serviceName: null,
          caseId: null,
          name: "Yohanes Pencarian",
          phone: null,
          email: null,
          category: "lainnya",
          text: i === 7 ? "Katanya sudah 100%_ selesai, tetapi belum." : `Pengaduan uji halaman nomor ${i}.`,
          ip: null,
          trackingCodeHash: `hash-search-${i}`,
          trackUrl: "http://localhost/pengaduan/lacak",
          receivedBy: null,
          receivedAt: received,
          dueAt: new Date(received.getTime() + (72 + i) * HOUR),
        }),
      );
    }
    const list = async (query: string) => {
      const res = await call(app, team, "GET", `/complaints?${query}`);
      expect(res.status).toBe(200);
      return ComplaintList.parse(await res.json());
    };
    // when the team searches the name (any case), then all 52 match, 50 on the first page by due time
    const first = await list("search=yohanes%20pencarian");
    expect(first).toMatchObject({ total: 52, page: 1, pageSize: 50 });
    expect(first.items.map((i) => i.complaintNumber)).toEqual(numbers.slice(0, 50));
    const second = await list("search=yohanes%20pencarian&page=2");
    expect(second.items.map((i) => i.complaintNumber)).toEqual(numbers.slice(50));
    // a part of one number finds that one; "%" and "_" are not wildcards
    const one = await list(`search=${encodeURIComponent(numbers[3]!.slice(-8))}`);
    expect(one.items.map((i) => i.complaintNumber)).toEqual([numbers[3]]);
    const literal = await list(`search=${encodeURIComponent("100%_")}`);
    expect(literal.items.map((i) => i.complaintNumber)).toEqual([numbers[7]]);
    // answered ones are not in the open list's search
    expect((await list("search=yohanes&status=answered")).total).toBe(0);
    // and a search past 100 characters or a page 0 is refused
    expect((await call(app, team, "GET", `/complaints?search=${"x".repeat(101)}`)).status).toBe(400);
    expect((await call(app, team, "GET", "/complaints?page=0")).status).toBe(400);
  });
});

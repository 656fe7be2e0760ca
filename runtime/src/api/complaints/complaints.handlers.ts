/**
 * Complaints (pengaduan). A complaint is a record in the store, not a workflow: its only rule is
 * the 3 × 24-hour response clock in clock hours (`due_at`, fixed at receipt), which the team's list
 * shows and the due-warning sweep warns of; answering records the answer once and writes the
 * complainant's notice in the same transaction. Filed online through the same abuse limits as
 * online applications; a complaint about one's own case goes through the tracked-case door.
 */
import { randomUUID } from "node:crypto";
import {
  COMPLAINT_PAGE_SIZE,
  type ComplaintItem,
  type ComplaintReceipt,
  type ComplaintReport,
  type PublicComplaintView,
} from "@alur/shared/api";
import { findDistrict } from "@alur/shared/calendar/districts";
import {
  COMPLAINT_CATEGORY_NAMES,
  COMPLAINT_RESPONSE_HOURS,
  type ComplaintCategory,
  complaintClock,
  complaintDueAt,
  percentile,
  responseHours,
} from "@alur/shared/complaints";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { RouteHandler } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { canHandleComplaints, canReportComplaints, canTakeComplaint } from "../../auth/policy";
import { noticeComplaintFiled } from "../../notifications/complaint-notices";
import {
  answerComplaint,
  type ComplaintRow,
  complaintById,
  complaintByNumber,
  complaintsReceivedIn,
  complaintsSince,
  insertComplaint,
  listComplaints,
} from "../../store/complaints";
import type { Db } from "../../store/db";
import { findDistrictUnit } from "../../store/org-units";
import { resolvePublishedVersion, wibDate } from "../../store/process-versions";
import { caseForSurvey } from "../../store/survey-responses";
import { recordTrackingAttempt, trackingFailuresSince } from "../../store/tracking";
import { audit } from "../audit-trail";
import { csvCell } from "../case-list/export-file";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import {
  APPLY_CONTACT_LIMIT,
  APPLY_CONTACT_WINDOW_MS,
  APPLY_IP_LIMIT,
  APPLY_IP_WINDOW_MS,
} from "../public/public-apply.handlers";
import { TRACKING_FAILURE_LIMIT, TRACKING_WINDOW_MS, trackedCase } from "../public/tracked-case";
import { newTrackingCode, trackingCodeHash, trackingCodeMatches } from "../public/tracking-code";
import type * as routes from "./complaints.routes";

/** The audit actor of a complaint filed from the public form. */
export const ONLINE_COMPLAINANT = "public:complaint";
const DAY_MS = 24 * 60 * 60 * 1000;

/** 429 before the body is read, for a client address past the online-application limit in complaints. */
export function complaintLimit() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const since = new Date(Date.now() - APPLY_IP_WINDOW_MS);
    if ((await complaintsSince(c.get("deps").db, { ip: c.get("ip") }, since)) >= APPLY_IP_LIMIT) {
      throw new ApiException(429, "complaint-rate-limited", undefined, {
        "Retry-After": String(APPLY_IP_WINDOW_MS / 1000),
      });
    }
    await next();
  });
}

function wib(d: Date): string {
  return d.toLocaleString("id-ID", { timeZone: "Asia/Jakarta", dateStyle: "long", timeStyle: "short" });
}

/** The published service of the district, or 404. */
async function serviceOf(db: Db, district: string, processId: string): Promise<string> {
  const version = await resolvePublishedVersion(db, { processId, district, today: wibDate(new Date()) });
  if (!version) throw new ApiException(404, "not-found");
  return (version.plan as ExecutionPlan).standard?.name ?? version.name;
}

interface Filing {
  district: string;
  channel: "online" | "phone" | "walk-in";
  processId: string | null;
  serviceName: string | null;
  caseId: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  category: string;
  text: string;
  receivedBy: string | null;
}

/** Numbers, stores and announces a complaint to the team; audited without its words or contact. */
async function file(c: AppContext, f: Filing): Promise<ComplaintReceipt> {
  const { db } = c.get("deps");
  const districtInfo = findDistrict(f.district);
  const unit = await findDistrictUnit(db, f.district);
  const id = randomUUID();
  const trackingCode = newTrackingCode();
  const receivedAt = new Date();
  const dueAt = complaintDueAt(receivedAt);
  const trackUrl = `${new URL(c.req.url).origin}/pengaduan/lacak`;
  const complaintNumber = await db.transaction().execute(async (tx) => {
    const number = await insertComplaint(tx, {
      id,
      ...f,
      districtAbbreviation: unit?.abbreviation ?? f.district,
      ip: f.channel === "online" ? c.get("ip") : null,
      trackingCodeHash: trackingCodeHash(id, trackingCode),
      trackUrl,
      receivedAt,
      dueAt,
    });
    await noticeComplaintFiled(tx, {
      id,
      district: f.district,
      complaintNumber: number,
      caseId: f.caseId,
      dueAt,
      serviceName: f.serviceName,
    });
    await audit(c, tx, {
      ...(f.channel === "online" ? { actorId: ONLINE_COMPLAINANT } : {}),
      action: "complaint.file",
      outcome: "ok",
      resourceType: "complaint",
      resourceId: id,
      district: f.district,
      after: {
        complaintNumber: number,
        channel: f.channel,
        category: f.category,
        processId: f.processId,
        caseId: f.caseId,
        anonymous: f.name === null,
        dueAt: dueAt.toISOString(),
      },
    });
    return number;
  });
  return {
    complaintNumber,
    trackingCode,
    district: { code: f.district, name: districtInfo?.name ?? unit?.name ?? f.district },
    receivedAt: receivedAt.toISOString(),
    dueAt: dueAt.toISOString(),
  };
}

export const fileOnline: RouteHandler<typeof routes.fileOnline, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const contact = { phone: body.contact.phone ?? null, email: body.contact.email ?? null };
  if ((await complaintsSince(db, contact, new Date(Date.now() - APPLY_CONTACT_WINDOW_MS))) >= APPLY_CONTACT_LIMIT) {
    await audit(c, db, {
      actorId: ONLINE_COMPLAINANT,
      action: "complaint.file",
      outcome: "denied",
      resourceType: "complaint",
      district: body.district,
      details: { reason: "contact-rate-limited" },
    });
    throw new ApiException(429, "complaint-rate-limited", undefined, {
      "Retry-After": String(APPLY_CONTACT_WINDOW_MS / 1000),
    });
  }
  if (!findDistrict(body.district) || body.district.length < 4) throw new ApiException(404, "not-found");
  let processId = body.processId ?? null;
  let serviceName: string | null = null;
  let caseId: string | null = null;
  if (body.case) {
    // only the holder of the case's tracking code may attach a complaint to it
    const tracked = await trackedCase(c, body.case, "complaint.link");
    if (tracked.district !== body.district) throw new ApiException(400, "complaint-district-mismatch");
    const plan = tracked.plan as ExecutionPlan;
    caseId = tracked.id;
    processId = plan.processId;
    serviceName = plan.standard?.name ?? tracked.service_name;
  } else if (processId) {
    serviceName = await serviceOf(db, body.district, processId);
  }
  const receipt = await file(c, {
    district: body.district,
    channel: "online",
    processId,
    serviceName,
    caseId,
    name: body.name || null,
    ...contact,
    category: body.category,
    text: body.text,
    receivedBy: null,
  });
  c.header("cache-control", "no-store");
  return c.json(receipt, 201);
};

export const takeAtCounter: RouteHandler<typeof routes.takeAtCounter, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const district = p.district;
  await authorize(c, district !== null && canTakeComplaint(p, district), "complaint.file", {
    type: "complaint",
    district,
  });
  let processId = body.processId ?? null;
  let serviceName: string | null = null;
  let caseId: string | null = null;
  if (body.caseNumber) {
    const found = await caseForSurvey(db, district!, body.caseNumber.toUpperCase());
    if (!found) throw new ApiException(404, "not-found");
    caseId = found.id;
    processId = found.process_id;
    serviceName = await serviceOf(db, district!, found.process_id).catch(() => null);
  } else if (processId) {
    serviceName = await serviceOf(db, district!, processId);
  }
  const receipt = await file(c, {
    district: district!,
    channel: body.channel,
    processId,
    serviceName,
    caseId,
    name: body.name || null,
    phone: body.contact.phone ?? null,
    email: body.contact.email ?? null,
    category: body.category,
    text: body.text,
    receivedBy: p.userId,
  });
  return c.json(receipt, 201);
};

function publicView(row: ComplaintRow): PublicComplaintView {
  return {
    complaintNumber: row.complaint_number,
    district: { code: row.district, name: findDistrict(row.district)?.name ?? row.district },
    serviceName: row.service_name,
    caseNumber: row.case_number,
    category: row.category as ComplaintCategory,
    text: row.text,
    receivedAt: new Date(row.received_at).toISOString(),
    dueAt: new Date(row.due_at).toISOString(),
    respondedAt: row.responded_at ? new Date(row.responded_at).toISOString() : null,
    answer: row.answer,
  };
}

/** The complainant's door: number and code, failures limited with tracking's (one limit per address). */
export const trackOnline: RouteHandler<typeof routes.trackOnline, AppEnv> = async (c) => {
  const { complaintNumber, code } = c.req.valid("json");
  const { db } = c.get("deps");
  const ip = c.get("ip");
  if ((await trackingFailuresSince(db, ip, new Date(Date.now() - TRACKING_WINDOW_MS))) >= TRACKING_FAILURE_LIMIT) {
    throw new ApiException(429, "tracking-rate-limited", undefined, {
      "Retry-After": String(TRACKING_WINDOW_MS / 1000),
    });
  }
  const row = await complaintByNumber(db, complaintNumber.toUpperCase());
  const ok = trackingCodeMatches(row?.id, row?.tracking_code_hash, code);
  if (!ok) await recordTrackingAttempt(db, ip, false);
  await audit(c, db, {
    actorId: null,
    action: "complaint.track",
    outcome: ok ? "ok" : "denied",
    resourceType: "complaint",
    resourceId: ok ? row!.id : null,
    district: ok ? row!.district : null,
    details: ok ? {} : { complaintNumber: complaintNumber.slice(0, 80) },
  });
  if (!ok || !row) throw new ApiException(404, "complaint-not-found");
  c.header("cache-control", "no-store");
  return c.json(publicView(row), 200);
};

function itemOf(row: ComplaintRow, now: Date): ComplaintItem {
  const receivedAt = new Date(row.received_at);
  const respondedAt = row.responded_at ? new Date(row.responded_at) : null;
  const clock = complaintClock({ receivedAt, respondedAt }, now);
  return {
    id: row.id,
    complaintNumber: row.complaint_number,
    district: row.district,
    channel: row.channel,
    processId: row.process_id,
    serviceName: row.service_name,
    caseId: row.case_id,
    caseNumber: row.case_number,
    name: row.name,
    contact: { ...(row.phone ? { phone: row.phone } : {}), ...(row.email ? { email: row.email } : {}) },
    category: row.category as ComplaintCategory,
    text: row.text,
    receivedAt: receivedAt.toISOString(),
    dueAt: clock.dueAt.toISOString(),
    clock: clock.state,
    respondedAt: respondedAt?.toISOString() ?? null,
    respondedBy: row.responded_by,
    answer: row.answer,
  };
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const q = c.req.valid("query");
  const district = p.district;
  await authorize(c, district !== null && canHandleComplaints(p, district), "complaint.list", {
    type: "complaint",
    district,
  });
  const { rows, total } = await listComplaints(c.get("deps").db, {
    district: district!,
    status: q.status,
    ...(q.search ? { search: q.search } : {}),
    limit: COMPLAINT_PAGE_SIZE,
    offset: (q.page - 1) * COMPLAINT_PAGE_SIZE,
  });
  const now = new Date();
  c.header("cache-control", "no-store");
  return c.json({ items: rows.map((r) => itemOf(r, now)), total, page: q.page, pageSize: COMPLAINT_PAGE_SIZE }, 200);
};

export const answer: RouteHandler<typeof routes.answer, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const row = await complaintById(db, id);
  await authorize(c, !!row && canHandleComplaints(p, row.district), "complaint.answer", {
    type: "complaint",
    id,
    district: row?.district ?? p.district,
  });
  if (!row) throw new ApiException(404, "not-found");
  const at = new Date();
  const answered = await answerComplaint(db, {
    id,
    answer: body.answer,
    by: p.userId,
    at,
    notice: {
      title: `Tanggapan atas pengaduan ${row.complaint_number}`,
      body:
        `Pengaduan Anda nomor ${row.complaint_number} yang diterima pada ${wib(new Date(row.received_at))} WIB ` +
        `telah ditanggapi oleh Dinas Sosial ${findDistrict(row.district)?.name ?? ""}:\n\n${body.answer}\n\n` +
        "Lihat tanggapan ini di halaman pelacakan pengaduan dengan nomor pengaduan dan kode pelacakan Anda: {link}",
    },
  });
  if (!answered) throw new ApiException(409, "complaint-already-answered");
  const hours = responseHours(new Date(row.received_at), at);
  await audit(c, db, {
    action: "complaint.answer",
    outcome: "ok",
    resourceType: "complaint",
    resourceId: id,
    district: row.district,
    after: {
      respondedAt: at.toISOString(),
      hours: Math.round(hours * 100) / 100,
      withinClock: hours <= COMPLAINT_RESPONSE_HOURS,
    },
  });
  const fresh = await complaintById(db, id);
  return c.json(itemOf(fresh!, at), 200);
};

/** A period of Asia/Jakarta dates (UTC+7), `to` inclusive, as instants. */
function periodOf(from: string, to: string): { from: Date; until: Date } {
  return {
    from: new Date(`${from}T00:00:00+07:00`),
    until: new Date(new Date(`${to}T00:00:00+07:00`).getTime() + DAY_MS),
  };
}

async function reportScope(c: AppContext, q: { district?: string | undefined }, action: string): Promise<string> {
  const p = requirePrincipal(c);
  const district = p.isSuperAdmin ? (q.district ?? p.district) : p.district;
  await authorize(c, district !== null && canReportComplaints(p, district), action, {
    type: "complaint",
    district: district ?? null,
  });
  return district!;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** Response-time figures of a group of complaints at `now` (an open complaint counts as not answered). */
function figures(rows: ComplaintRow[], now: Date) {
  const hours = rows.flatMap((r) =>
    r.responded_at ? [responseHours(new Date(r.received_at), new Date(r.responded_at))] : [],
  );
  const within = hours.filter((h) => h <= COMPLAINT_RESPONSE_HOURS).length;
  const openOverdue = rows.filter((r) => !r.responded_at && new Date(r.due_at).getTime() < now.getTime()).length;
  return {
    received: rows.length,
    answered: hours.length,
    withinClock: within,
    withinClockPercent: rows.length === 0 ? null : round1((within / rows.length) * 100),
    medianHours: round1(percentile(hours, 50)),
    p90Hours: round1(percentile(hours, 90)),
    openOverdue,
  };
}

const monthOf = (d: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" }).format(d);

export const report: RouteHandler<typeof routes.report, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const district = await reportScope(c, q, "complaint.report");
  const rows = await complaintsReceivedIn(c.get("deps").db, { district, ...periodOf(q.from, q.to) });
  const now = new Date();
  const groups = new Map<string, ComplaintRow[]>();
  for (const r of rows) {
    const key = `${monthOf(new Date(r.received_at))}\u0000${r.process_id ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const body: ComplaintReport = {
    district,
    from: q.from,
    to: q.to,
    rows: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, group]) => ({
        month: key.split("\u0000")[0]!,
        processId: group[0]!.process_id,
        serviceName: group[0]!.service_name,
        ...figures(group, now),
      })),
    total: figures(rows, now),
  };
  c.header("cache-control", "no-store");
  return c.json(body, 200);
};

const wibStamp = (d: Date | string | null) =>
  d === null
    ? ""
    : new Intl.DateTimeFormat("sv-SE", {
        timeZone: "Asia/Jakarta",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      }).format(new Date(d));

/**
 * SP4N-LAPOR!'s report fields, in the order of its complaint form (judul, isi, kategori, tanggal,
 * lokasi/instansi, kerahasiaan) followed by the handling the agency records (nomor tiket instansi,
 * tanggal diterima, batas, tindak lanjut, tanggal tindak lanjut, status). No phone or email: the
 * recap goes to another system, the contact stays with the office.
 */
const LAPOR_COLUMNS: { header: string; value: (r: ComplaintRow, district: string) => string }[] = [
  { header: "Nomor Tiket Instansi", value: (r) => r.complaint_number },
  {
    header: "Judul Laporan",
    value: (r) =>
      `${COMPLAINT_CATEGORY_NAMES[r.category as ComplaintCategory]?.id ?? r.category}${r.service_name ? ` - ${r.service_name}` : ""}`,
  },
  { header: "Isi Laporan", value: (r) => r.text },
  { header: "Kategori", value: (r) => COMPLAINT_CATEGORY_NAMES[r.category as ComplaintCategory]?.id ?? r.category },
  { header: "Tanggal Laporan", value: (r) => wibStamp(r.received_at) },
  { header: "Instansi Tujuan", value: (_r, district) => `Dinas Sosial ${findDistrict(district)?.name ?? district}` },
  { header: "Lokasi", value: (_r, district) => findDistrict(district)?.name ?? district },
  {
    header: "Kanal",
    value: (r) => ({ online: "Formulir daring", phone: "Telepon", "walk-in": "Datang langsung" })[r.channel],
  },
  { header: "Kerahasiaan", value: (r) => (r.name ? "Biasa" : "Anonim") },
  { header: "Nama Pelapor", value: (r) => r.name ?? "" },
  { header: "Nomor Permohonan Terkait", value: (r) => r.case_number ?? "" },
  { header: "Batas Tanggapan", value: (r) => wibStamp(r.due_at) },
  { header: "Tindak Lanjut", value: (r) => r.answer ?? "" },
  { header: "Tanggal Tindak Lanjut", value: (r) => wibStamp(r.responded_at) },
  {
    header: "Lama Tanggapan (jam)",
    value: (r) => (r.responded_at ? responseHours(new Date(r.received_at), new Date(r.responded_at)).toFixed(1) : ""),
  },
  { header: "Status", value: (r) => (r.responded_at ? "Selesai" : "Proses") },
];

export const laporExport: RouteHandler<typeof routes.laporExport, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const district = await reportScope(c, q, "complaint.export");
  const { db } = c.get("deps");
  const rows = await complaintsReceivedIn(db, { district, ...periodOf(q.from, q.to) });
  await audit(c, db, {
    action: "complaint.export",
    outcome: "ok",
    resourceType: "complaint",
    district,
    details: { from: q.from, to: q.to, rows: rows.length, format: "lapor-csv" },
  });
  const lines = [LAPOR_COLUMNS.map((col) => csvCell(col.header)).join(",")];
  for (const r of rows) lines.push(LAPOR_COLUMNS.map((col) => csvCell(col.value(r, district))).join(","));
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="pengaduan-lapor-${district}-${q.from}-${q.to}.csv"`);
  c.header("cache-control", "no-store");
  return c.body(`\uFEFF${lines.join("\r\n")}\r\n`, 200) as never;
};

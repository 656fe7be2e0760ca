/**
 * Complaints (pengaduan) over HTTP: filed from the public pages (no sign-in) or taken by the front
 * office by phone or at the desk, answered by the complaint team within 3 × 24 hours, followed by
 * the complainant with the complaint number and tracking code, reported and exported for SP4N-LAPOR!.
 */
import { z } from "zod";
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_CLOCK_STATES } from "../complaints";
import { CalendarDate } from "./auth";
import { ApplicantPhone, PublicDistrict, PublicDistrictParam, PublicProcessIdParam, TrackRequest } from "./public";

/** How the complainant is answered: a phone (WhatsApp/SMS) and/or an email; none for an anonymous walk-in. */
export const ComplainantContact = z.object({
  phone: ApplicantPhone.optional(),
  email: z.string().trim().toLowerCase().max(200).pipe(z.email()).optional(),
});
export type ComplainantContact = z.infer<typeof ComplainantContact>;

const ComplaintText = z.string().trim().min(10).max(2000);
/** Empty or absent: anonymous (the complainant is still answered at the contact they gave). */
const ComplainantName = z.string().trim().max(120).optional();

/**
 * A complaint from the public form: about a service of the district, and optionally about the
 * complainant's own case, which needs that case's tracking code (the tracked-case door), so nobody
 * attaches a complaint to another person's case. A phone or an email is required: the answer goes there.
 */
export const PublicComplaintRequest = z
  .object({
    district: PublicDistrictParam,
    processId: PublicProcessIdParam.optional(),
    case: TrackRequest.optional(),
    name: ComplainantName,
    contact: ComplainantContact,
    category: z.enum(COMPLAINT_CATEGORIES),
    text: ComplaintText,
  })
  .refine((r) => r.contact.phone !== undefined || r.contact.email !== undefined, {
    message: "phone or email required",
    path: ["contact", "phone"],
  });
export type PublicComplaintRequest = z.infer<typeof PublicComplaintRequest>;

/** A complaint the front office takes by phone or at the desk, for a service or a case of its district by number. */
export const CounterComplaintRequest = z.object({
  channel: z.enum(["phone", "walk-in"]),
  processId: PublicProcessIdParam.optional(),
  caseNumber: z.string().trim().min(1).max(80).optional(),
  name: ComplainantName,
  contact: ComplainantContact.default({}),
  category: z.enum(COMPLAINT_CATEGORIES),
  text: ComplaintText,
});
export type CounterComplaintRequest = z.infer<typeof CounterComplaintRequest>;

/** The tanda terima of a complaint: its number, the tracking code (shown once), when it is due. */
export const ComplaintReceipt = z.object({
  complaintNumber: z.string(),
  trackingCode: z.string(),
  district: PublicDistrict,
  receivedAt: z.string(),
  dueAt: z.string(),
});
export type ComplaintReceipt = z.infer<typeof ComplaintReceipt>;

export const ComplaintTrackRequest = z.object({
  complaintNumber: z.string().trim().min(1).max(80),
  code: z.string().trim().min(1).max(40),
});
export type ComplaintTrackRequest = z.infer<typeof ComplaintTrackRequest>;

/** What the complainant sees: the state against the clock and the office's answer. */
export const PublicComplaintView = z.object({
  complaintNumber: z.string(),
  district: PublicDistrict,
  serviceName: z.string().nullable(),
  caseNumber: z.string().nullable(),
  category: z.enum(COMPLAINT_CATEGORIES),
  text: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  respondedAt: z.string().nullable(),
  answer: z.string().nullable(),
});
export type PublicComplaintView = z.infer<typeof PublicComplaintView>;

export const ComplaintStatusFilter = z.enum(["open", "answered", "all"]);

/** Complaints per page of the team's list. */
export const COMPLAINT_PAGE_SIZE = 50;

export const ComplaintListQuery = z.object({
  status: ComplaintStatusFilter.default("open"),
  district: PublicDistrictParam.optional(),
  /** A part of the complaint or case number, the complainant's name, the service or the text. */
  search: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** A complaint as the complaint team sees it. */
export const ComplaintItem = z.object({
  id: z.string(),
  complaintNumber: z.string(),
  district: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  processId: z.string().nullable(),
  serviceName: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  name: z.string().nullable(),
  contact: z.object({ phone: z.string().optional(), email: z.string().optional() }),
  category: z.enum(COMPLAINT_CATEGORIES),
  text: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  clock: z.enum(COMPLAINT_CLOCK_STATES),
  respondedAt: z.string().nullable(),
  respondedBy: z.string().nullable(),
  answer: z.string().nullable(),
});
export type ComplaintItem = z.infer<typeof ComplaintItem>;

export const ComplaintList = z.object({
  items: z.array(ComplaintItem),
  /** How many complaints match, over every page. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ComplaintList = z.infer<typeof ComplaintList>;

export const ComplaintIdParam = z.object({ id: z.uuid() });

export const AnswerComplaintRequest = z.object({ answer: z.string().trim().min(10).max(4000) });
export type AnswerComplaintRequest = z.infer<typeof AnswerComplaintRequest>;

/** A period of Asia/Jakarta dates, both inclusive, by the day complaints were received. */
export const ComplaintReportQuery = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    district: PublicDistrictParam.optional(),
  })
  .refine((q) => q.from <= q.to, { message: "from after to", path: ["from"] });
export type ComplaintReportQuery = z.infer<typeof ComplaintReportQuery>;

/** Response times of one service (null: complaints about no service) in one month (YYYY-MM, WIB). */
export const ComplaintReportRow = z.object({
  month: z.string(),
  processId: z.string().nullable(),
  serviceName: z.string().nullable(),
  received: z.number().int(),
  answered: z.number().int(),
  /** Answered within 72 h, over all received (an open overdue complaint counts against it). */
  withinClock: z.number().int(),
  withinClockPercent: z.number().nullable(),
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
  openOverdue: z.number().int(),
});

export const ComplaintReport = z.object({
  district: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(ComplaintReportRow),
  total: ComplaintReportRow.omit({ month: true, processId: true, serviceName: true }),
});
export type ComplaintReport = z.infer<typeof ComplaintReport>;

/**
 * Complaints (pengaduan): the response clock of the service standards ("responsif pengaduan
 * maksimal 3 x 24 jam", seed 000), their categories and channels, and the response-time figures
 * of the report. The clock counts clock hours, not working days: a complaint received on Friday
 * evening is due on Monday evening. Pure and without zod (the public page loads it).
 */

/** 3 × 24 hours. */
export const COMPLAINT_RESPONSE_HOURS = 72;
/** An open complaint with this little time left is "due soon" in the team's list and warned of once. */
export const COMPLAINT_DUE_SOON_HOURS = 24;
const HOUR_MS = 60 * 60 * 1000;

/** Received + 72 clock hours. */
export function complaintDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + COMPLAINT_RESPONSE_HOURS * HOUR_MS);
}

export const COMPLAINT_CLOCK_STATES = ["open", "due-soon", "overdue", "answered", "answered-late"] as const;
export type ComplaintClockState = (typeof COMPLAINT_CLOCK_STATES)[number];

/**
 * Where a complaint stands against its clock at `now`: open, due soon (≤ 24 h left), overdue;
 * once answered, whether the answer came by the due time (the due instant itself still counts).
 */
export function complaintClock(
  c: { receivedAt: Date; respondedAt: Date | null },
  now: Date,
): { state: ComplaintClockState; dueAt: Date; hoursLeft: number } {
  const dueAt = complaintDueAt(c.receivedAt);
  const until = c.respondedAt ?? now;
  const hoursLeft = (dueAt.getTime() - until.getTime()) / HOUR_MS;
  if (c.respondedAt) return { state: hoursLeft >= 0 ? "answered" : "answered-late", dueAt, hoursLeft };
  if (hoursLeft < 0) return { state: "overdue", dueAt, hoursLeft };
  return { state: hoursLeft <= COMPLAINT_DUE_SOON_HOURS ? "due-soon" : "open", dueAt, hoursLeft };
}

/** Hours from receipt to answer. */
export function responseHours(receivedAt: Date, respondedAt: Date): number {
  return (respondedAt.getTime() - receivedAt.getTime()) / HOUR_MS;
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

type Words = { id: string; en: string };

/** What a complaint is about; the standards' "pengaduan, saran dan masukan" plus the usual topics. */
export const COMPLAINT_CATEGORIES = [
  "pelayanan",
  "petugas",
  "waktu",
  "persyaratan",
  "biaya",
  "informasi",
  "saran",
  "lainnya",
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_CATEGORY_NAMES: Record<ComplaintCategory, Words> = {
  pelayanan: { id: "Prosedur pelayanan", en: "Service procedure" },
  petugas: { id: "Sikap atau perilaku petugas", en: "Staff conduct" },
  waktu: { id: "Waktu penyelesaian", en: "Completion time" },
  persyaratan: { id: "Persyaratan", en: "Requirements" },
  biaya: { id: "Biaya atau pungutan", en: "Fees or levies" },
  informasi: { id: "Informasi layanan", en: "Service information" },
  saran: { id: "Saran dan masukan", en: "Suggestion" },
  lainnya: { id: "Lainnya", en: "Other" },
};

/** How the complaint reached the office: the public form, or the front office by phone or at the desk. */
export const COMPLAINT_CHANNELS = ["online", "phone", "walk-in"] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** The role of the complaint team (*pengelola pengaduan*, seed 000 component 6). */
export const COMPLAINT_ROLE = "pengelola-pengaduan";

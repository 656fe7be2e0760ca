/**
 * Performance reports for heads of division and of office (issue 15, item 5): on-time share,
 * mean and p90 duration per service, month and step, open cases by SLA state, pause against
 * working time, and a heat map of the time spent on a service's diagram. Periods are whole months
 * in WIB (Asia/Jakarta), as the rollups count them.
 */
import { z } from "zod";
import { PublicProcessIdParam } from "./public";

/** A calendar month, YYYY-MM. */
export const ReportMonth = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, "YYYY-MM");

/** Longest period one report covers. */
export const REPORT_MAX_MONTHS = 60;

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Months from `from` to `to`, both inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

const ReportPeriodFields = z.object({
  processId: PublicProcessIdParam.optional(),
  from: ReportMonth,
  to: ReportMonth,
  /** Super admin only: the district to read (without it, every district); others read their own. */
  district: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
});

/** A period from `from` to `to`, at most REPORT_MAX_MONTHS long. */
function boundedPeriod<T extends z.ZodType<{ from: string; to: string }>>(schema: T): T {
  return schema
    .refine((q) => q.from <= q.to, { message: "from after to", path: ["from"] })
    .refine((q) => monthIndex(q.to) - monthIndex(q.from) < REPORT_MAX_MONTHS, {
      message: `at most ${REPORT_MAX_MONTHS} months`,
      path: ["to"],
    });
}

export const PerformanceReportQuery = boundedPeriod(ReportPeriodFields);
export type PerformanceReportQuery = z.infer<typeof PerformanceReportQuery>;

export const ReportCsvSection = z.enum(["services", "months", "steps", "open"]);
export type ReportCsvSection = z.infer<typeof ReportCsvSection>;

export const PerformanceCsvQuery = boundedPeriod(ReportPeriodFields.extend({ section: ReportCsvSection }));
export type PerformanceCsvQuery = z.infer<typeof PerformanceCsvQuery>;

const Percent = z.number().min(0).max(100).nullable();
const Seconds = z.number().nonnegative().nullable();

/** Closed cases of a service, month or the whole report. */
export const CaseFigures = z.object({
  completed: z.number().int(),
  cancelled: z.number().int(),
  terminated: z.number().int(),
  /** Completed cases that had a due date: the base of the on-time share. */
  withDue: z.number().int(),
  onTime: z.number().int(),
  /** onTime / withDue × 100, null without a due date. */
  onTimePercent: Percent,
  meanSeconds: Seconds,
  /** Nearest-rank p90 of the duration, as the upper bound of its histogram bucket (≤ 9 % high). */
  p90Seconds: Seconds,
  /** Time the service clock was stopped (waiting on the applicant, suspended), summed over completed cases. */
  pausedSeconds: z.number().nonnegative(),
  /** Time the clock ran: duration minus pause, summed over completed cases. */
  workingSeconds: z.number().nonnegative(),
});
export type CaseFigures = z.infer<typeof CaseFigures>;

export const StepFigures = z.object({
  processId: z.string(),
  elementId: z.string(),
  name: z.string().nullable(),
  completed: z.number().int(),
  withDue: z.number().int(),
  onTime: z.number().int(),
  onTimePercent: Percent,
  meanSeconds: Seconds,
  p90Seconds: Seconds,
  /** Pauses of the service clock this step held, and their total and mean length. */
  pauses: z.number().int(),
  pausedSeconds: z.number().nonnegative(),
  meanPausedSeconds: Seconds,
});
export type StepFigures = z.infer<typeof StepFigures>;

export const OpenCaseCounts = z.object({
  onTime: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  paused: z.number().int(),
  noDueDate: z.number().int(),
  total: z.number().int(),
});
export type OpenCaseCounts = z.infer<typeof OpenCaseCounts>;

export const PerformanceReport = z.object({
  /** null: every district (the super admin's national view). */
  district: z.string().nullable(),
  processId: z.string().nullable(),
  from: ReportMonth,
  to: ReportMonth,
  /** The instant open cases' SLA states are measured at. */
  at: z.string(),
  totals: CaseFigures,
  services: z.array(CaseFigures.extend({ processId: z.string(), name: z.string() })),
  months: z.array(CaseFigures.extend({ month: ReportMonth })),
  steps: z.array(StepFigures),
  open: OpenCaseCounts.extend({
    services: z.array(OpenCaseCounts.extend({ processId: z.string(), name: z.string() })),
  }),
  /** One service only: its newest version's diagram and the mean time spent per element. */
  heatMap: z
    .object({
      version: z.number().int(),
      bpmnXml: z.string(),
      elements: z.array(
        z.object({
          elementId: z.string(),
          meanSeconds: Seconds,
          meanPausedSeconds: Seconds,
          completed: z.number().int(),
        }),
      ),
    })
    .nullable(),
});
export type PerformanceReport = z.infer<typeof PerformanceReport>;

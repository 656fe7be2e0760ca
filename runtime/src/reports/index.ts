/**
 * The performance report: read from the store's rollups and assembled here (no SQL), and its
 * sections as CSV. The API serves it; the bench measures it.
 */
import {
  type CaseFigures,
  monthsBetween,
  type OpenCaseCounts,
  type PerformanceReport,
  type ReportCsvSection,
  type StepFigures,
} from "@alur/shared/api";
import { addHistograms, percentileFromHistogram } from "@alur/shared/reports";
import { csvCell } from "../api/case-list/export-file";
import type { Db } from "../store/db";
import {
  type CaseRollupRow,
  caseRollupsIn,
  newestDiagram,
  newestVersions,
  type OpenCountRow,
  openCaseCounts,
  type ServiceVersionInfo,
  type StepRollupRow,
  stepRollupsIn,
} from "../store/reports";

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);
const mean = (sum: number, n: number) => (n > 0 ? sum / n : null);

/** Figures of a set of case rollup rows. */
export function caseFigures(rows: CaseRollupRow[]): CaseFigures {
  let completed = 0;
  let cancelled = 0;
  let terminated = 0;
  let withDue = 0;
  let onTime = 0;
  let duration = 0;
  let paused = 0;
  const histogram: number[] = [];
  for (const r of rows) {
    completed += r.completed;
    cancelled += r.cancelled;
    terminated += r.terminated;
    withDue += r.with_due;
    onTime += r.on_time;
    duration += r.duration_s;
    paused += r.paused_s;
    addHistograms(histogram, r.histogram);
  }
  return {
    completed,
    cancelled,
    terminated,
    withDue,
    onTime,
    onTimePercent: percent(onTime, withDue),
    meanSeconds: mean(duration, completed),
    p90Seconds: percentileFromHistogram(histogram, 0.9),
    pausedSeconds: paused,
    workingSeconds: Math.max(0, duration - paused),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

function stepFigures(processId: string, elementId: string, name: string | null, rows: StepRollupRow[]): StepFigures {
  let completed = 0;
  let withDue = 0;
  let onTime = 0;
  let duration = 0;
  let pauses = 0;
  let paused = 0;
  const histogram: number[] = [];
  for (const r of rows) {
    completed += r.completed;
    withDue += r.with_due;
    onTime += r.on_time;
    duration += r.duration_s;
    pauses += r.paused;
    paused += r.paused_s;
    addHistograms(histogram, r.histogram);
  }
  return {
    processId,
    elementId,
    name,
    completed,
    withDue,
    onTime,
    onTimePercent: percent(onTime, withDue),
    meanSeconds: mean(duration, completed),
    p90Seconds: percentileFromHistogram(histogram, 0.9),
    pauses,
    pausedSeconds: paused,
    meanPausedSeconds: mean(paused, pauses),
  };
}

function openCounts(rows: OpenCountRow[]): OpenCaseCounts {
  const sum = (f: (r: OpenCountRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    onTime: sum((r) => r.on_time),
    dueSoon: sum((r) => r.due_soon),
    overdue: sum((r) => r.overdue),
    paused: sum((r) => r.paused),
    noDueDate: sum((r) => r.no_due),
    total: sum((r) => r.total),
  };
}

export interface ReportInput {
  district: string | null;
  processId: string | null;
  from: string;
  to: string;
  at: Date;
  months: string[];
  cases: CaseRollupRow[];
  steps: StepRollupRow[];
  open: OpenCountRow[];
  versions: ServiceVersionInfo[];
  diagram: { version: number; bpmn_xml: string } | undefined;
}

/** The report from its rollup rows; every month of the period is listed, empty ones too. */
export function assembleReport(input: ReportInput): PerformanceReport {
  const info = new Map(input.versions.map((v) => [v.process_id, v]));
  const nameOf = (processId: string) => info.get(processId)?.name ?? processId;
  const byService = groupBy(input.cases, (r) => r.process_id);
  const byMonth = groupBy(input.cases, (r) => r.month);
  const bySteps = groupBy(input.steps, (r) => `${r.process_id}\u0000${r.element_id}`);
  const steps = [...bySteps.entries()].map(([key, rows]) => {
    const [processId, elementId] = key.split("\u0000") as [string, string];
    return stepFigures(processId, elementId, info.get(processId)?.names[elementId] ?? null, rows);
  });
  steps.sort((a, b) => a.processId.localeCompare(b.processId) || (b.meanSeconds ?? 0) - (a.meanSeconds ?? 0));
  return {
    district: input.district,
    processId: input.processId,
    from: input.from,
    to: input.to,
    at: input.at.toISOString(),
    totals: caseFigures(input.cases),
    services: [...byService.entries()]
      .map(([processId, rows]) => ({ processId, name: nameOf(processId), ...caseFigures(rows) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    months: input.months.map((month) => ({ month, ...caseFigures(byMonth.get(month) ?? []) })),
    steps,
    open: {
      ...openCounts(input.open),
      services: input.open
        .map((r) => ({ processId: r.process_id, name: nameOf(r.process_id), ...openCounts([r]) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    },
    heatMap:
      input.processId && input.diagram
        ? {
            version: input.diagram.version,
            bpmnXml: input.diagram.bpmn_xml,
            elements: steps
              .filter((s) => s.processId === input.processId)
              .map((s) => ({
                elementId: s.elementId,
                meanSeconds: s.meanSeconds,
                meanPausedSeconds: s.meanPausedSeconds,
                completed: s.completed,
              })),
          }
        : null,
  };
}

const num = (n: number | null, digits = 1) => (n === null ? "" : n.toFixed(digits));
const hours = (seconds: number | null) => (seconds === null ? "" : (seconds / 3600).toFixed(2));

const FIGURE_HEADERS = [
  "selesai/completed",
  "dibatalkan/cancelled",
  "dihentikan/terminated",
  "dengan_tenggat/with_due",
  "tepat_waktu/on_time",
  "persen_tepat_waktu/on_time_percent",
  "rata_rata_jam/mean_hours",
  "p90_jam/p90_hours",
  "jeda_jam/paused_hours",
  "kerja_jam/working_hours",
];

function figureCells(f: CaseFigures): string[] {
  return [
    String(f.completed),
    String(f.cancelled),
    String(f.terminated),
    String(f.withDue),
    String(f.onTime),
    num(f.onTimePercent),
    hours(f.meanSeconds),
    hours(f.p90Seconds),
    hours(f.pausedSeconds),
    hours(f.workingSeconds),
  ];
}

/** One section of the report as CSV (UTF-8 with BOM, CRLF, bilingual headers, hours as decimals). */
export function reportCsv(report: PerformanceReport, section: ReportCsvSection): string {
  let rows: string[][];
  switch (section) {
    case "services":
      rows = [
        ["layanan/service", "nama/name", ...FIGURE_HEADERS],
        ...report.services.map((s) => [s.processId, s.name, ...figureCells(s)]),
      ];
      break;
    case "months":
      rows = [["bulan/month", ...FIGURE_HEADERS], ...report.months.map((m) => [m.month, ...figureCells(m)])];
      break;
    case "steps":
      rows = [
        [
          "layanan/service",
          "langkah/step",
          "nama/name",
          "selesai/completed",
          "dengan_tenggat/with_due",
          "tepat_waktu/on_time",
          "persen_tepat_waktu/on_time_percent",
          "rata_rata_jam/mean_hours",
          "p90_jam/p90_hours",
          "jeda/pauses",
          "jeda_jam/paused_hours",
        ],
        ...report.steps.map((s) => [
          s.processId,
          s.elementId,
          s.name ?? "",
          String(s.completed),
          String(s.withDue),
          String(s.onTime),
          num(s.onTimePercent),
          hours(s.meanSeconds),
          hours(s.p90Seconds),
          String(s.pauses),
          hours(s.pausedSeconds),
        ]),
      ];
      break;
    case "open":
      rows = [
        [
          "layanan/service",
          "nama/name",
          "sesuai_jadwal/on_time",
          "mendekati_tenggat/due_soon",
          "terlambat/overdue",
          "dijeda/paused",
          "tanpa_tenggat/no_due_date",
          "jumlah/total",
        ],
        ...report.open.services.map((s) => [
          s.processId,
          s.name,
          String(s.onTime),
          String(s.dueSoon),
          String(s.overdue),
          String(s.paused),
          String(s.noDueDate),
          String(s.total),
        ]),
      ];
      break;
  }
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** The report of a district (null: all) over whole months, with open cases as they stand at `at`. */
export async function readPerformanceReport(
  db: Db,
  input: { district: string | null; processId?: string; from: string; to: string; at: Date },
): Promise<PerformanceReport> {
  const scope = {
    district: input.district,
    from: input.from,
    to: input.to,
    ...(input.processId ? { processId: input.processId } : {}),
  };
  const [cases, steps, open, diagram] = await Promise.all([
    caseRollupsIn(db, scope),
    stepRollupsIn(db, scope),
    openCaseCounts(db, { ...scope, now: input.at }),
    input.processId ? newestDiagram(db, input.district, input.processId) : Promise.resolve(undefined),
  ]);
  const processIds = [...new Set([...cases, ...steps, ...open].map((r) => r.process_id))];
  if (input.processId && !processIds.includes(input.processId)) processIds.push(input.processId);
  const versions = await newestVersions(db, input.district, processIds);
  return assembleReport({
    district: input.district,
    processId: input.processId ?? null,
    from: input.from,
    to: input.to,
    at: input.at,
    months: monthsBetween(input.from, input.to),
    cases,
    steps,
    open,
    versions,
    diagram,
  });
}

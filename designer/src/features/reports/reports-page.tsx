/**
 * Performance reports for heads of division and of office and the district admin: on-time share
 * per service, month and step, open cases by SLA state, mean and p90 durations, pause against
 * working time, and for one service a heat map of its diagram. Charts (Chart.js) with the figures
 * in tables beside them; printable; each section as CSV.
 */
import type { PerformanceReport, PerformanceReportQuery, ReportCsvSection } from "@alur/shared/api";
import { useQuery } from "@tanstack/react-query";
import type { ChartConfiguration } from "chart.js";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { catalogueQuery } from "../../api/queries/processes";
import { performanceCsvHref, performanceReportQuery } from "../../api/queries/reports";
import { rolesQuery } from "../../api/queries/tasks";
import { useSession } from "../../app/use-session";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { staffServices } from "../catalogue/staff-services";
import { useDuration, useLocale, usePercent } from "./format";
import { HeatMap } from "./heat-map";
import { ReportChart } from "./report-chart";
import "./reports.css";

const wibMonth = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" })
    .format(new Date())
    .slice(0, 7);

const COLORS = { onTime: "#067647", dueSoon: "#b54708", overdue: "#b42318", paused: "#7a5af8", none: "#98a2b3" };
const ACCENT = "#175cd3";
const CSV_SECTIONS: ReportCsvSection[] = ["services", "months", "steps", "open"];

const hours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;
const monthLabel = (month: string, locale: string) =>
  new Date(`${month}-15T00:00:00Z`).toLocaleDateString(locale, { month: "short", year: "numeric", timeZone: "UTC" });

export function ReportsPage() {
  const { t } = useTranslation();
  const { user, isAdmin } = useSession();
  const roles = useQuery(rolesQuery());
  const isHead = Boolean(user?.roles.some((r) => roles.data?.items.some((role) => role.id === r && role.isHead)));
  const canReport = isAdmin || isHead;
  return (
    <>
      <PageHeader title={t("reports.title")} sub={t("reports.subtitle")} />
      {canReport ? <Reports /> : roles.isSuccess && <p className="muted">{t("reports.noAccess")}</p>}
    </>
  );
}

function Reports() {
  const { t } = useTranslation();
  const { user } = useSession();
  const catalogue = useQuery(catalogueQuery(user?.district ?? null));
  const services = staffServices(catalogue.data?.items ?? []);
  const month = wibMonth();
  const [filter, setFilter] = useState<PerformanceReportQuery>({ from: `${month.slice(0, 4)}-01`, to: month });
  const [draft, setDraft] = useState(filter);
  const report = useQuery(performanceReportQuery(filter));
  return (
    <section className="reports" aria-label={t("reports.title")}>
      <form
        className="reports-filters card"
        aria-label={t("reports.filter")}
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft.from <= draft.to ? draft : { ...draft, from: draft.to, to: draft.from });
        }}
      >
        <label>
          {t("reports.service")}
          <select
            name="processId"
            value={draft.processId ?? ""}
            onChange={(e) => setDraft({ ...draft, processId: e.target.value || undefined })}
          >
            <option value="">{t("reports.allServices")}</option>
            {services.map((s) => (
              <option key={s.processId} value={s.processId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("reports.from")}
          <input
            type="month"
            name="from"
            value={draft.from}
            max={draft.to}
            required
            onChange={(e) => e.target.value && setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          {t("reports.to")}
          <input
            type="month"
            name="to"
            value={draft.to}
            min={draft.from}
            required
            onChange={(e) => e.target.value && setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <button type="submit" className="btn btn-primary">
          {t("reports.show")}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => window.print()}>
          {t("reports.print")}
        </button>
      </form>
      <p className="reports-csv">
        {t("reports.csv")}:{" "}
        {CSV_SECTIONS.map((s) => (
          <a key={s} className="btn btn-small" href={performanceCsvHref(filter, s)} download data-testid={`csv-${s}`}>
            {t(`reports.csvSection.${s}`)}
          </a>
        ))}
      </p>
      <QueryState query={report}>{(r) => <ReportView report={r} />}</QueryState>
    </section>
  );
}

function ReportView({ report }: { report: PerformanceReport }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const percent = usePercent();
  const locale = useLocale();
  const monthName = (m: string) => monthLabel(m, locale);
  const serviceName = report.processId
    ? (report.services.find((s) => s.processId === report.processId)?.name ?? report.processId)
    : t("reports.allServices");

  const monthChart = useMemo<ChartConfiguration<"bar" | "line">>(
    () => ({
      type: "bar",
      data: {
        labels: report.months.map((m) => monthLabel(m.month, locale)),
        datasets: [
          {
            type: "bar",
            label: t("reports.onTimePercent"),
            data: report.months.map((m) => m.onTimePercent),
            backgroundColor: COLORS.onTime,
            yAxisID: "percent",
          },
          {
            type: "line",
            label: t("reports.completed"),
            data: report.months.map((m) => m.completed),
            borderColor: ACCENT,
            backgroundColor: ACCENT,
            yAxisID: "count",
          },
        ],
      },
      options: {
        scales: {
          percent: { type: "linear", position: "left", min: 0, max: 100, title: { display: true, text: "%" } },
          count: { type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false } },
        },
      },
    }),
    [report, t, locale],
  );
  const serviceChart = useMemo<ChartConfiguration<"bar">>(
    () => ({
      type: "bar",
      data: {
        labels: report.services.map((s) => s.name),
        datasets: [
          {
            label: t("reports.workingHours"),
            data: report.services.map((s) => hours(s.workingSeconds)),
            backgroundColor: ACCENT,
          },
          {
            label: t("reports.pausedHours"),
            data: report.services.map((s) => hours(s.pausedSeconds)),
            backgroundColor: COLORS.paused,
          },
        ],
      },
      options: { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } },
    }),
    [report, t],
  );
  const openChart = useMemo<ChartConfiguration<"bar">>(
    () => ({
      type: "bar",
      data: {
        labels: report.open.services.map((s) => s.name),
        datasets: (
          [
            ["onTime", "onTime"],
            ["dueSoon", "dueSoon"],
            ["overdue", "overdue"],
            ["paused", "paused"],
            ["noDueDate", "none"],
          ] as const
        ).map(([key, color]) => ({
          label: t(`reports.sla.${key}`),
          data: report.open.services.map((s) => s[key]),
          backgroundColor: COLORS[color],
        })),
      },
      options: { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } },
    }),
    [report, t],
  );

  return (
    <div className="reports-body" data-testid="performance-report">
      <p className="muted reports-scope">
        {serviceName} · {monthName(report.from)} – {monthName(report.to)}
      </p>
      <dl className="reports-tiles">
        <div className="card">
          <dt>{t("reports.onTimePercent")}</dt>
          <dd data-testid="on-time-total">{percent(report.totals.onTimePercent)}</dd>
          <dd className="muted">
            {t("reports.onTimeOf", { onTime: report.totals.onTime, of: report.totals.withDue })}
          </dd>
        </div>
        <div className="card">
          <dt>{t("reports.completed")}</dt>
          <dd data-testid="completed-total">{report.totals.completed}</dd>
          <dd className="muted">
            {t("reports.cancelledCount", { n: report.totals.cancelled + report.totals.terminated })}
          </dd>
        </div>
        <div className="card">
          <dt>{t("reports.meanDuration")}</dt>
          <dd>{duration(report.totals.meanSeconds)}</dd>
          <dd className="muted">{t("reports.p90Is", { value: duration(report.totals.p90Seconds) })}</dd>
        </div>
        <div className="card">
          <dt>{t("reports.openNow")}</dt>
          <dd data-testid="open-total">{report.open.total}</dd>
          <dd className="muted">{t("reports.overdueCount", { n: report.open.overdue })}</dd>
        </div>
      </dl>

      <section className="card" aria-labelledby="reports-months">
        <h2 id="reports-months">{t("reports.perMonth")}</h2>
        <ReportChart config={monthChart} label={t("reports.perMonthChart")} testId="chart-months" />
        <div className="table-scroll">
          <table className="reports-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.month")}</th>
                <th scope="col">{t("reports.completed")}</th>
                <th scope="col">{t("reports.onTimePercent")}</th>
                <th scope="col">{t("reports.mean")}</th>
                <th scope="col">{t("reports.p90")}</th>
              </tr>
            </thead>
            <tbody>
              {report.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthName(m.month)}</th>
                  <td className="num">{m.completed}</td>
                  <td className="num">{percent(m.onTimePercent)}</td>
                  <td className="num">{duration(m.meanSeconds)}</td>
                  <td className="num">{duration(m.p90Seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="reports-services">
        <h2 id="reports-services">{t("reports.perService")}</h2>
        {report.services.length === 0 ? (
          <p className="muted">{t("reports.noClosed")}</p>
        ) : (
          <>
            <h3>{t("reports.pauseVsWorking")}</h3>
            <ReportChart
              config={serviceChart}
              label={t("reports.pauseVsWorking")}
              height={Math.max(140, 60 + report.services.length * 36)}
              testId="chart-services"
            />
            <div className="table-scroll">
              <table className="reports-table">
                <thead>
                  <tr>
                    <th scope="col">{t("reports.service")}</th>
                    <th scope="col">{t("reports.completed")}</th>
                    <th scope="col">{t("reports.onTimePercent")}</th>
                    <th scope="col">{t("reports.mean")}</th>
                    <th scope="col">{t("reports.p90")}</th>
                    <th scope="col">{t("reports.workingTime")}</th>
                    <th scope="col">{t("reports.pauseTime")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.services.map((s) => (
                    <tr key={s.processId}>
                      <th scope="row">{s.name}</th>
                      <td className="num">{s.completed}</td>
                      <td className="num" data-testid={`on-time-${s.processId}`}>
                        {percent(s.onTimePercent)}
                      </td>
                      <td className="num">{duration(s.meanSeconds)}</td>
                      <td className="num">{duration(s.p90Seconds)}</td>
                      <td className="num">{duration(s.workingSeconds)}</td>
                      <td className="num">{duration(s.pausedSeconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="reports-open">
        <h2 id="reports-open">{t("reports.openBySla")}</h2>
        <p className="muted">{t("reports.openAt", { at: new Date(report.at).toLocaleString(locale) })}</p>
        {report.open.total > 0 && (
          <ReportChart
            config={openChart}
            label={t("reports.openBySla")}
            height={Math.max(140, 60 + report.open.services.length * 36)}
            testId="chart-open"
          />
        )}
        <div className="table-scroll">
          <table className="reports-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.service")}</th>
                <th scope="col">{t("reports.sla.onTime")}</th>
                <th scope="col">{t("reports.sla.dueSoon")}</th>
                <th scope="col">{t("reports.sla.overdue")}</th>
                <th scope="col">{t("reports.sla.paused")}</th>
                <th scope="col">{t("reports.sla.noDueDate")}</th>
              </tr>
            </thead>
            <tbody>
              {report.open.services.map((s) => (
                <tr key={s.processId}>
                  <th scope="row">{s.name}</th>
                  <td className="num">{s.onTime}</td>
                  <td className="num">{s.dueSoon}</td>
                  <td className="num">{s.overdue}</td>
                  <td className="num">{s.paused}</td>
                  <td className="num">{s.noDueDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="reports-steps">
        <h2 id="reports-steps">{t("reports.perStep")}</h2>
        {report.heatMap ? (
          <>
            <h3>{t("reports.heatMap", { version: report.heatMap.version })}</h3>
            <HeatMap heatMap={report.heatMap} />
          </>
        ) : (
          <p className="muted">{t("reports.heatMapHint")}</p>
        )}
        <div className="table-scroll">
          <table className="reports-table">
            <thead>
              <tr>
                {!report.processId && <th scope="col">{t("reports.service")}</th>}
                <th scope="col">{t("reports.step")}</th>
                <th scope="col">{t("reports.completed")}</th>
                <th scope="col">{t("reports.onTimePercent")}</th>
                <th scope="col">{t("reports.mean")}</th>
                <th scope="col">{t("reports.p90")}</th>
                <th scope="col">{t("reports.pauseTime")}</th>
              </tr>
            </thead>
            <tbody>
              {report.steps.map((s) => (
                <tr key={`${s.processId}/${s.elementId}`}>
                  {!report.processId && (
                    <td>{report.services.find((x) => x.processId === s.processId)?.name ?? s.processId}</td>
                  )}
                  <th scope="row">{s.name ?? s.elementId}</th>
                  <td className="num">{s.completed}</td>
                  <td className="num">{percent(s.onTimePercent)}</td>
                  <td className="num">{duration(s.meanSeconds)}</td>
                  <td className="num">{duration(s.p90Seconds)}</td>
                  <td className="num">{s.pauses > 0 ? duration(s.pausedSeconds) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{t("reports.p90Note")}</p>
      </section>
    </div>
  );
}

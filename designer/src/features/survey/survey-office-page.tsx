/**
 * The survey at the office: the IKM report for heads and the district admin (per service or the
 * whole district, over a period, printable), and the counter's entry of paper questionnaires.
 */
import type { IkmReport } from "@alur/shared/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { catalogueQuery } from "../../api/queries/processes";
import { answerAtCounter, ikmReportQuery } from "../../api/queries/survey";
import { rolesQuery } from "../../api/queries/tasks";
import { useSession } from "../../app/use-session";
import { ErrorMessage } from "../../components/error-message";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { type ServiceOption, staffServices } from "../catalogue/staff-services";
import { SurveyQuestionnaire, useQuestionnaire } from "./survey-questionnaire";

const wibToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());

export function SurveyOfficePage() {
  const { t } = useTranslation();
  const { user, isAdmin } = useSession();
  const roles = useQuery(rolesQuery());
  const isHead = Boolean(user?.roles.some((r) => roles.data?.items.some((role) => role.id === r && role.isHead)));
  const catalogue = useQuery(catalogueQuery(user?.district ?? null));
  const services = staffServices(catalogue.data?.items ?? []);
  const canReport = isAdmin || isHead;
  const canEnter = canReport || Boolean(user?.roles.includes("front-office"));
  return (
    <>
      <PageHeader title={t("survey.officeTitle")} sub={t("survey.officeSubtitle")} />
      {canReport && <ReportSection services={services} />}
      {canEnter && <CounterEntry services={services} />}
      {!canReport && !canEnter && <p className="muted">{t("survey.noAccess")}</p>}
    </>
  );
}

function ReportSection({ services }: { services: ServiceOption[] }) {
  const { t } = useTranslation();
  const today = wibToday();
  const [filter, setFilter] = useState({ processId: "", from: `${today.slice(0, 4)}-01-01`, to: today });
  const [draft, setDraft] = useState(filter);
  const report = useQuery(
    ikmReportQuery({ from: filter.from, to: filter.to, ...(filter.processId ? { processId: filter.processId } : {}) }),
  );
  return (
    <section className="survey-report" aria-labelledby="ikm-title">
      <h2 id="ikm-title">{t("survey.reportTitle")}</h2>
      <form
        className="survey-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <label>
          {t("survey.service")}
          <select
            name="processId"
            value={draft.processId}
            onChange={(e) => setDraft({ ...draft, processId: e.target.value })}
          >
            <option value="">{t("survey.allServices")}</option>
            {services.map((s) => (
              <option key={s.processId} value={s.processId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("survey.from")}
          <input
            type="date"
            name="from"
            value={draft.from}
            max={draft.to}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          {t("survey.to")}
          <input
            type="date"
            name="to"
            value={draft.to}
            min={draft.from}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <button type="submit" className="btn">
          {t("survey.show")}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => window.print()}>
          {t("survey.print")}
        </button>
      </form>
      <QueryState query={report}>{(r) => <ReportView report={r} services={services} />}</QueryState>
    </section>
  );
}

function ReportView({ report, services }: { report: IkmReport; services: ServiceOption[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "id";
  const num = (n: number | null, digits = 2) =>
    n === null
      ? "—"
      : n.toLocaleString(lang === "en" ? "en-GB" : "id-ID", {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
  const service = services.find((s) => s.processId === report.processId)?.name ?? t("survey.allServices");
  return (
    <div className="card" data-testid="ikm-report">
      <p className="muted">
        {service} · {report.from} – {report.to}
      </p>
      {report.respondents === 0 ? (
        <p data-testid="ikm-empty">{t("survey.noResponses")}</p>
      ) : (
        <>
          <p>
            {t("survey.ikm")}: <strong data-testid="ikm-value">{num(report.converted)}</strong>{" "}
            <span className="survey-grade" data-testid="ikm-grade">
              {report.grade}
            </span>{" "}
            ({report.performance?.[lang]})
          </p>
          <table className="survey-report-table">
            <thead>
              <tr>
                <th scope="col">{t("survey.element")}</th>
                <th scope="col">{t("survey.mean")}</th>
                <th scope="col">{t("survey.weighted")}</th>
              </tr>
            </thead>
            <tbody>
              {report.elements.map((e, i) => (
                <tr key={e.element}>
                  <td>
                    U{i + 1} {e.name[lang]}
                  </td>
                  <td className="num">{num(e.mean)}</td>
                  <td className="num">{num(e.mean === null ? null : e.mean / 9, 3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            {t("survey.formula", { index: num(report.index, 3), converted: num(report.converted) })}
          </p>
        </>
      )}
      <p data-testid="ikm-sample">
        {t("survey.sample", {
          respondents: report.respondents,
          population: report.population,
          minimum: report.minimumSample,
        })}
      </p>
      {report.respondents < report.minimumSample && <p className="alert alert-warn">{t("survey.sampleShort")}</p>}
      {report.suggestions.length > 0 && (
        <>
          <h3>{t("survey.suggestions")}</h3>
          <ul>
            {report.suggestions.map((s) => (
              <li key={`${s.at}-${s.text.slice(0, 20)}`}>{s.text}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function CounterEntry({ services }: { services: ServiceOption[] }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const [saved, setSaved] = useState(false);
  return (
    <section className="survey-entry" aria-labelledby="survey-entry-title">
      <h2 id="survey-entry-title">{t("survey.entryTitle")}</h2>
      <p className="muted">{t("survey.entryIntro")}</p>
      {saved && (
        <p className="alert alert-ok" role="status">
          {t("survey.entrySaved")}
        </p>
      )}
      <CounterForm
        key={round}
        services={services}
        onSaved={() => {
          setSaved(true);
          setRound((r) => r + 1);
        }}
      />
    </section>
  );
}

function CounterForm({ services, onSaved }: { services: ServiceOption[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [caseNumber, setCaseNumber] = useState("");
  const [processId, setProcessId] = useState("");
  const form = useQuestionnaire();
  const send = useMutation({ mutationFn: answerAtCounter, onSuccess: onSaved });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.answers) return;
    send.mutate({
      ...(caseNumber.trim() ? { caseNumber: caseNumber.trim() } : { processId }),
      answers: form.answers,
    });
  };
  return (
    <form onSubmit={submit} className="survey-form">
      <div className="card survey-filters">
        <label>
          {t("survey.caseNumberOptional")}
          <input name="caseNumber" value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} maxLength={80} />
        </label>
        <label>
          {t("survey.service")}
          <select
            name="entryProcessId"
            value={processId}
            onChange={(e) => setProcessId(e.target.value)}
            required={!caseNumber.trim()}
            disabled={Boolean(caseNumber.trim())}
          >
            <option value="">—</option>
            {services.map((s) => (
              <option key={s.processId} value={s.processId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <SurveyQuestionnaire form={form} />
      {send.isError && <ErrorMessage error={send.error} />}
      <button type="submit" className="btn btn-primary" disabled={send.isPending || !form.answers}>
        {send.isPending ? t("common.loading") : t("survey.entrySubmit")}
      </button>
    </form>
  );
}

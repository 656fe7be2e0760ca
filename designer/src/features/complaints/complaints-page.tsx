/**
 * Complaints at the office (/pengaduan-masuk): the complaint team's list with each complaint's
 * 3 × 24-hour clock (due soon and overdue marked), the answer form, the front office's intake of
 * phone and walk-in complaints, and the response-time report with the SP4N-LAPOR! export.
 */
import type { ComplaintItem, ComplaintReport } from "@alur/shared/api";
import { COMPLAINT_CATEGORIES, COMPLAINT_ROLE, type ComplaintCategory } from "@alur/shared/complaints";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  answerComplaint,
  complaintKeys,
  complaintReportQuery,
  complaintsQuery,
  laporCsvHref,
  takeComplaint,
} from "../../api/queries/complaints";
import { catalogueQuery } from "../../api/queries/processes";
import { rolesQuery } from "../../api/queries/tasks";
import { useSession } from "../../app/use-session";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { type ServiceOption, staffServices } from "../catalogue/staff-services";
import "./complaints.css";

const wibToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());

export function ComplaintsPage() {
  const { t } = useTranslation();
  const { user, isAdmin } = useSession();
  const roles = useQuery(rolesQuery());
  const isHead = Boolean(user?.roles.some((r) => roles.data?.items.some((role) => role.id === r && role.isHead)));
  const onTeam = Boolean(user?.roles.includes(COMPLAINT_ROLE));
  const catalogue = useQuery(catalogueQuery(user?.district ?? null));
  const services = staffServices(catalogue.data?.items ?? []);
  const canHandle = onTeam || isHead;
  const canTake = onTeam || Boolean(user?.roles.includes("front-office"));
  const canReport = canHandle || isAdmin;
  return (
    <>
      <PageHeader title={t("complaints.title")} sub={t("complaints.subtitle")} />
      {canHandle && <ComplaintList />}
      {canTake && <Intake services={services} />}
      {canReport && <ReportSection />}
      {!canHandle && !canTake && !canReport && <p className="muted">{t("complaints.noAccess")}</p>}
    </>
  );
}

function ComplaintList() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<"open" | "answered">("open");
  const [search, setSearch] = useState("");
  const [draft, setDraft] = useState("");
  const [page, setPage] = useState(1);
  const list = useQuery(complaintsQuery(status, search, page));
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setSearch(draft.trim());
    setPage(1);
  };
  return (
    <section aria-labelledby="complaints-list-title">
      <h2 id="complaints-list-title">{t("complaints.listTitle")}</h2>
      <div className="complaint-filters">
        {(["open", "answered"] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={status === s ? "btn btn-primary" : "btn"}
            aria-pressed={status === s}
            onClick={() => {
              setStatus(s);
              setPage(1);
            }}
          >
            {t(`complaints.tab.${s}`)}
          </button>
        ))}
        <search className="complaint-search">
          <form onSubmit={onSearch}>
            <label>
              {t("complaints.search")}
              <input
                type="search"
                value={draft}
                maxLength={100}
                placeholder={t("complaints.searchPlaceholder")}
                onChange={(e) => setDraft(e.target.value)}
              />
            </label>
            <button type="submit" className="btn">
              {t("complaints.searchSubmit")}
            </button>
          </form>
        </search>
      </div>
      <QueryState query={list}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
          return data.items.length === 0 ? (
            <p className="muted">{t("complaints.empty")}</p>
          ) : (
            <div aria-busy={list.isPlaceholderData}>
              <p className="muted" data-testid="complaint-count">
                {t("complaints.count", { count: data.total })}
              </p>
              <ul className="complaint-list" data-testid="complaint-list">
                {data.items.map((item) => (
                  <ComplaintCard key={item.id} item={item} />
                ))}
              </ul>
              {pages > 1 && (
                <nav className="pager" aria-label={t("complaints.pageOf", { page: data.page, pages })}>
                  <button type="button" className="btn" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t("common.previous")}
                  </button>
                  <span>{t("complaints.pageOf", { page: data.page, pages })}</span>
                  <button type="button" className="btn" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                    {t("common.next")}
                  </button>
                </nav>
              )}
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

function ComplaintCard({ item }: { item: ComplaintItem }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [answer, setAnswer] = useState("");
  const send = useMutation({
    mutationFn: () => answerComplaint(item.id, { answer: answer.trim() }),
    onSuccess: () => client.invalidateQueries({ queryKey: complaintKeys.all }),
  });
  const at = (iso: string | null) => formatDateTime(iso, i18n.language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <li className="card complaint-item" data-testid="complaint-item" data-number={item.complaintNumber}>
      <header>
        <strong>{item.complaintNumber}</strong>
        <span className="complaint-clock" data-state={item.clock} data-testid="complaint-clock">
          {t(`complaints.clock.${item.clock}`)}
        </span>
      </header>
      <p className="muted">
        {item.serviceName ?? t("complaints.general")} · {t(`complaint.categories.${item.category}`)} ·{" "}
        {t(`complaints.channel.${item.channel}`)}
        {item.caseNumber && item.caseId && (
          <>
            {" · "}
            <Link to={`/permohonan/${encodeURIComponent(item.caseId)}`}>{item.caseNumber}</Link>
          </>
        )}
      </p>
      <dl className="public-facts complaint-facts">
        <dt>{t("complaints.receivedAt")}</dt>
        <dd>{at(item.receivedAt)}</dd>
        <dt>{t("complaints.dueAt")}</dt>
        <dd data-testid="complaint-due">{at(item.dueAt)}</dd>
        <dt>{t("complaints.complainant")}</dt>
        <dd>
          {item.name ?? t("complaints.anonymous")}
          {item.contact.phone ? ` · ${item.contact.phone}` : ""}
          {item.contact.email ? ` · ${item.contact.email}` : ""}
        </dd>
      </dl>
      <p className="complaint-text">{item.text}</p>
      {item.answer ? (
        <div className="alert alert-ok complaint-answer">
          <p className="muted">{t("complaints.answeredAt", { at: at(item.respondedAt) })}</p>
          <p className="complaint-text">{item.answer}</p>
        </div>
      ) : (
        <form className="complaint-form" onSubmit={submit}>
          <label>
            {t("complaints.answer")}
            <textarea
              name="answer"
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              required
              minLength={10}
              maxLength={4000}
              rows={4}
            />
          </label>
          <p className="muted">
            {item.contact.email || item.contact.phone ? t("complaints.answerNotice") : t("complaints.answerNoContact")}
          </p>
          {send.isError && <ErrorMessage error={send.error} />}
          <button type="submit" className="btn btn-primary" disabled={send.isPending || answer.trim().length < 10}>
            {send.isPending ? t("common.loading") : t("complaints.answerSubmit")}
          </button>
        </form>
      )}
    </li>
  );
}

function Intake({ services }: { services: ServiceOption[] }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const empty = {
    channel: "phone" as "phone" | "walk-in",
    processId: "",
    caseNumber: "",
    name: "",
    phone: "",
    email: "",
    category: "",
    text: "",
  };
  const [form, setForm] = useState(empty);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const send = useMutation({
    mutationFn: takeComplaint,
    onSuccess: () => {
      setForm(empty);
      void client.invalidateQueries({ queryKey: complaintKeys.all });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate({
      channel: form.channel,
      ...(form.caseNumber.trim()
        ? { caseNumber: form.caseNumber.trim() }
        : form.processId
          ? { processId: form.processId }
          : {}),
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
      contact: {
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
      },
      category: form.category as ComplaintCategory,
      text: form.text.trim(),
    });
  };
  return (
    <section aria-labelledby="complaint-intake-title">
      <h2 id="complaint-intake-title">{t("complaints.intakeTitle")}</h2>
      {send.data && (
        <p className="alert alert-ok" role="status" data-testid="complaint-intake-receipt">
          {t("complaints.intakeSaved", {
            number: send.data.complaintNumber,
            code: send.data.trackingCode,
            due: formatDateTime(send.data.dueAt, i18n.language),
          })}
        </p>
      )}
      <form className="card complaint-form" onSubmit={submit}>
        <label>
          {t("complaints.channelLabel")}
          <select name="channel" value={form.channel} onChange={set("channel")}>
            <option value="phone">{t("complaints.channel.phone")}</option>
            <option value="walk-in">{t("complaints.channel.walk-in")}</option>
          </select>
        </label>
        <label>
          {t("complaints.caseNumber")}
          <input name="caseNumber" value={form.caseNumber} onChange={set("caseNumber")} maxLength={80} />
        </label>
        <label>
          {t("complaints.service")}
          <select
            name="processId"
            value={form.processId}
            onChange={set("processId")}
            disabled={Boolean(form.caseNumber.trim())}
          >
            <option value="">{t("complaints.general")}</option>
            {services.map((s) => (
              <option key={s.processId} value={s.processId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("complaint.category")}
          <select name="category" value={form.category} onChange={set("category")} required>
            <option value="">—</option>
            {COMPLAINT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("complaint.text")}
          <textarea
            name="text"
            value={form.text}
            onChange={set("text")}
            required
            minLength={10}
            maxLength={2000}
            rows={4}
          />
        </label>
        <label>
          {t("complaint.name")}
          <input name="name" value={form.name} onChange={set("name")} maxLength={120} />
        </label>
        <label>
          {t("public.phone")}
          <input name="phone" type="tel" value={form.phone} onChange={set("phone")} maxLength={30} />
        </label>
        <label>
          {t("public.email")}
          <input name="email" type="email" value={form.email} onChange={set("email")} maxLength={200} />
        </label>
        {send.isError && <ErrorMessage error={send.error} />}
        <button type="submit" className="btn btn-primary" disabled={send.isPending}>
          {send.isPending ? t("common.loading") : t("complaints.intakeSubmit")}
        </button>
      </form>
    </section>
  );
}

function ReportSection() {
  const { t } = useTranslation();
  const today = wibToday();
  const [filter, setFilter] = useState({ from: `${today.slice(0, 7)}-01`, to: today });
  const [draft, setDraft] = useState(filter);
  const report = useQuery(complaintReportQuery(filter));
  return (
    <section aria-labelledby="complaint-report-title">
      <h2 id="complaint-report-title">{t("complaints.reportTitle")}</h2>
      <form
        className="complaint-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <label>
          {t("complaints.from")}
          <input
            type="date"
            name="from"
            value={draft.from}
            max={draft.to}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          {t("complaints.to")}
          <input
            type="date"
            name="to"
            value={draft.to}
            min={draft.from}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <button type="submit" className="btn">
          {t("complaints.show")}
        </button>
        <a className="btn btn-ghost" href={laporCsvHref(filter)} download data-testid="complaint-lapor-export">
          {t("complaints.export")}
        </a>
      </form>
      <QueryState query={report}>{(r) => <ReportTable report={r} />}</QueryState>
      <p className="muted">{t("complaints.exportHint")}</p>
    </section>
  );
}

function ReportTable({ report }: { report: ComplaintReport }) {
  const { t, i18n } = useTranslation();
  const num = (n: number | null) =>
    n === null ? "—" : n.toLocaleString(i18n.language === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: 1 });
  const rows = [
    ...report.rows.map((r) => ({ ...r, label: `${r.month} · ${r.serviceName ?? t("complaints.general")}` })),
    { ...report.total, label: t("complaints.total") },
  ];
  return (
    <div className="card complaint-table-wrap" data-testid="complaint-report">
      <table className="complaint-report-table">
        <thead>
          <tr>
            <th scope="col">{t("complaints.reportGroup")}</th>
            <th scope="col">{t("complaints.received")}</th>
            <th scope="col">{t("complaints.answeredCount")}</th>
            <th scope="col">{t("complaints.median")}</th>
            <th scope="col">{t("complaints.p90")}</th>
            <th scope="col">{t("complaints.within")}</th>
            <th scope="col">{t("complaints.openOverdue")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} data-testid={r.label === t("complaints.total") ? "complaint-report-total" : undefined}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.received}</td>
              <td className="num">{r.answered}</td>
              <td className="num">{num(r.medianHours)}</td>
              <td className="num">{num(r.p90Hours)}</td>
              <td className="num" data-testid={r.label === t("complaints.total") ? "complaint-within" : undefined}>
                {r.withinClockPercent === null ? "—" : `${num(r.withinClockPercent)}%`}
              </td>
              <td className="num">{r.openOverdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

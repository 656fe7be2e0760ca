/**
 * Daftar Permohonan: every case the user may see, open or closed, by filters kept in the address
 * (so a filter can be bookmarked, saved and exported as shown); cursor pages; CSV and XLSX export.
 */
import {
  type BatchOperation,
  type CaseFilter,
  type CaseListItem,
  CaseListStatus,
  type CaseSort,
  SlaState,
} from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { deleteCaseFilter, saveCaseFilter } from "../../api/mutations/case-filters";
import { caseExportHref, caseListKeys, caseListQuery, savedCaseFiltersQuery } from "../../api/queries/case-list";
import { catalogueQuery } from "../../api/queries/processes";
import { rolesQuery } from "../../api/queries/tasks";
import { useSession } from "../../app/use-session";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { staffServices } from "../catalogue/staff-services";
import { BatchDialog } from "./batch-dialog";
import { filterFromParams, searchFilter, searchText } from "./case-list-filter";

const PAGE_SIZE = 25;
const SORTS: CaseSort[] = ["received", "closed", "due", "case-number"];

const SLA_BADGE: Record<string, string> = {
  overdue: "badge badge-overdue",
  "due-soon": "badge badge-info",
  "on-time": "badge badge-ok",
  paused: "badge",
};

export function CaseListPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const sort = (params.get("sort") as CaseSort | null) ?? "received";
  const order = params.get("order") === "asc" ? "asc" : "desc";
  // cursors of the pages visited, so "previous" works with a forward-only cursor
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery(caseListQuery({ ...filter, sort, order, limit: PAGE_SIZE, cursor }));
  const catalogue = useQuery(catalogueQuery(user?.district ?? null));
  const services = staffServices(catalogue.data?.items ?? []);
  const batchOperations = useBatchOperations();
  const [batching, setBatching] = useState(false);

  /** Replaces the filters in the address and starts again at the first page. */
  const apply = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged);
    setCursors([undefined]);
  };

  return (
    <>
      <PageHeader title={t("caseList.title")} sub={t("caseList.subtitle")} />
      <FilterForm key={params.toString()} filter={filter} services={services} apply={apply} />
      <div className="filters">
        <label>
          {t("caseList.sort")}
          <select value={sort} onChange={(e) => apply({ sort: e.target.value })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`caseList.sortBy.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("caseList.order")}
          <select value={order} onChange={(e) => apply({ order: e.target.value })}>
            <option value="desc">{t("caseList.desc")}</option>
            <option value="asc">{t("caseList.asc")}</option>
          </select>
        </label>
        <a className="btn btn-small" href={caseExportHref({ ...filter, sort, order }, "csv")} download>
          {t("caseList.exportCsv")}
        </a>
        <a className="btn btn-small" href={caseExportHref({ ...filter, sort, order }, "xlsx")} download>
          {t("caseList.exportXlsx")}
        </a>
        {batchOperations.length > 0 && (
          <button type="button" className="btn btn-small" onClick={() => setBatching(true)}>
            {t("batch.open")}
          </button>
        )}
      </div>
      {batching && <BatchDialog filter={filter} operations={batchOperations} onClose={() => setBatching(false)} />}
      <SavedFilters
        filter={filter}
        onPick={(saved) => {
          setParams(new URLSearchParams(saved as Record<string, string>));
          setCursors([undefined]);
        }}
      />
      <QueryState query={list}>
        {(page) => (
          // the previous page stays shown while a new filter loads: dimmed and busy, so no one reads it as the answer
          <div className={list.isPlaceholderData ? "is-stale" : undefined} aria-busy={list.isPlaceholderData}>
            {page.items.length === 0 ? (
              <p className="card muted">{t("caseList.empty")}</p>
            ) : (
              <CaseTable items={page.items} />
            )}
            <div className="pager">
              <button
                type="button"
                className="btn btn-small"
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t("common.previous")}
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={!page.nextCursor}
                onClick={() => setCursors((c) => [...c, page.nextCursor ?? undefined])}
              >
                {t("common.next")}
              </button>
            </div>
          </div>
        )}
      </QueryState>
    </>
  );
}

/** The batch operations the user's roles allow (the API decides again, and audits a refusal). */
function useBatchOperations(): BatchOperation[] {
  const { user, isAdmin } = useSession();
  const roles = useQuery(rolesQuery());
  const isHead = Boolean(user?.roles.some((r) => roles.data?.items.some((role) => role.id === r && role.isHead)));
  if (isAdmin) return ["cancel", "retry-incidents", "migrate"];
  return isHead ? ["cancel", "migrate"] : [];
}

/** The filter fields; their values take effect on "Terapkan". */
function FilterForm({
  filter,
  services,
  apply,
}: {
  filter: CaseFilter;
  services: { processId: string; name: string }[];
  apply: (next: Record<string, string | undefined>) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    search: searchText(filter),
    service: filter.service ?? "",
    status: filter.status ?? "",
    sla: filter.sla ?? "",
    step: filter.step ?? "",
    receivedFrom: filter.receivedFrom ?? "",
    receivedTo: filter.receivedTo ?? "",
    closedFrom: filter.closedFrom ?? "",
    closedTo: filter.closedTo ?? "",
  });
  const set = (key: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const { search, ...rest } = draft;
    apply({ ...rest, ...searchFilter(search) });
  };
  return (
    <form className="filters" onSubmit={onSubmit} aria-label={t("caseList.filters")}>
      <label>
        {t("caseList.search")}
        <input
          type="search"
          value={draft.search}
          placeholder={t("caseList.searchPlaceholder")}
          onChange={set("search")}
        />
      </label>
      <label>
        {t("inbox.service")}
        <select value={draft.service} onChange={set("service")}>
          <option value="">{t("inbox.anyService")}</option>
          {services.map((s) => (
            <option key={s.processId} value={s.processId}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("caseList.status")}
        <select value={draft.status} onChange={set("status")}>
          <option value="">{t("inbox.anyStatus")}</option>
          {CaseListStatus.options.map((s) => (
            <option key={s} value={s}>
              {t(`case.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("caseList.sla")}
        <select value={draft.sla} onChange={set("sla")}>
          <option value="">{t("inbox.anyStatus")}</option>
          {SlaState.options.map((s) => (
            <option key={s} value={s}>
              {t(`caseList.slaState.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("caseList.step")}
        <input value={draft.step} placeholder={t("caseList.stepPlaceholder")} onChange={set("step")} />
      </label>
      <label>
        {t("caseList.receivedFrom")}
        <input type="date" value={draft.receivedFrom} onChange={set("receivedFrom")} />
      </label>
      <label>
        {t("caseList.receivedTo")}
        <input type="date" value={draft.receivedTo} onChange={set("receivedTo")} />
      </label>
      <label>
        {t("caseList.closedFrom")}
        <input type="date" value={draft.closedFrom} onChange={set("closedFrom")} />
      </label>
      <label>
        {t("caseList.closedTo")}
        <input type="date" value={draft.closedTo} onChange={set("closedTo")} />
      </label>
      <button type="submit" className="btn">
        {t("inbox.apply")}
      </button>
    </form>
  );
}

/** The user's saved filters: pick one, save the current one under a name, delete one. */
function SavedFilters({ filter, onPick }: { filter: CaseFilter; onPick: (filter: CaseFilter) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const saved = useQuery(savedCaseFiltersQuery());
  const [name, setName] = useState("");
  const [picked, setPicked] = useState("");
  const refresh = () => client.invalidateQueries({ queryKey: caseListKeys.filters });
  const save = useMutation({
    mutationFn: () => saveCaseFilter(name.trim(), filter),
    onSuccess: async () => {
      setName("");
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteCaseFilter(id),
    onSuccess: async () => {
      setPicked("");
      await refresh();
    },
  });
  const items = saved.data?.items ?? [];
  return (
    <section className="filters" aria-label={t("caseList.saved")}>
      <label>
        {t("caseList.saved")}
        <select
          value={picked}
          onChange={(e) => {
            setPicked(e.target.value);
            const chosen = items.find((f) => f.id === e.target.value);
            if (chosen) onPick(chosen.filter);
          }}
        >
          <option value="">{items.length === 0 ? t("caseList.noSaved") : t("caseList.pickSaved")}</option>
          {items.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {picked && (
        <button type="button" className="btn btn-small" onClick={() => remove.mutate(picked)}>
          {t("caseList.deleteSaved")}
        </button>
      )}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <label>
          {t("caseList.saveAs")}
          <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-small" disabled={!name.trim() || save.isPending}>
          {t("caseList.save")}
        </button>
      </form>
      {save.error && <ErrorMessage error={save.error} />}
      {remove.error && <ErrorMessage error={remove.error} />}
    </section>
  );
}

function CaseTable({ items }: { items: CaseListItem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table table-stack" data-testid="case-list">
      <thead>
        <tr>
          <th>{t("caseList.col.case")}</th>
          <th>{t("caseList.col.service")}</th>
          <th>{t("caseList.col.applicant")}</th>
          <th>{t("caseList.col.status")}</th>
          <th>{t("caseList.col.step")}</th>
          <th>{t("caseList.col.received")}</th>
          <th>{t("caseList.col.due")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/permohonan/${c.id}`}>{c.caseNumber}</Link>
            </td>
            <td data-label={t("caseList.col.service")}>
              {c.serviceName} <span className="muted">v{c.version}</span>
            </td>
            <td data-label={t("caseList.col.applicant")}>
              {c.applicantName ?? <span className="muted">{t("caseList.withheld")}</span>}
              {c.nik && <div className="muted">{c.nik}</div>}
            </td>
            <td data-label={t("caseList.col.status")}>
              <span className="badge">{t(`case.status.${c.status}`)}</span>{" "}
              {c.sla && <span className={SLA_BADGE[c.sla]}>{t(`caseList.slaState.${c.sla}`)}</span>}
            </td>
            <td data-label={t("caseList.col.step")}>
              {c.currentSteps.length === 0 ? "—" : c.currentSteps.map((s) => s.name ?? s.elementId).join(", ")}
            </td>
            <td data-label={t("caseList.col.received")}>{formatDateTime(c.receivedAt, i18n.language)}</td>
            <td data-label={t("caseList.col.due")}>
              {c.closedAt
                ? `${t("caseList.closed")} ${formatDateTime(c.closedAt, i18n.language)}`
                : formatDateTime(c.dueAt, i18n.language)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

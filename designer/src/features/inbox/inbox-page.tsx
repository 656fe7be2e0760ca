/** Tugas: my tasks, my roles' open tasks, the district's (heads); filters, search, cursor pages. */
import type { InboxItem } from "@alur/shared/api";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { catalogueQuery } from "../../api/queries/processes";
import { type InboxFilters, inboxQuery } from "../../api/queries/tasks";
import { useSession } from "../../app/use-session";
import { formatDateTime, isOverdue } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { staffServices } from "../catalogue/staff-services";

const PAGE_SIZE = 25;
type Scope = NonNullable<InboxFilters["scope"]>;

export function InboxPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<Scope>("mine");
  const [status, setStatus] = useState<"" | "open" | "claimed">("");
  const [service, setService] = useState("");
  const { user } = useSession();
  const catalogue = useQuery(catalogueQuery(user?.district ?? null));
  const services = staffServices(catalogue.data?.items ?? []);
  const [overdue, setOverdue] = useState(false);
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  // cursors of the pages visited, so "previous" works with a forward-only cursor
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const filters: InboxFilters = {
    scope,
    status: status || undefined,
    service: service || undefined,
    overdue: overdue ? "true" : undefined,
    q: q || undefined,
    limit: PAGE_SIZE,
    cursor,
  };
  const inbox = useQuery(inboxQuery(filters));
  const resetPaging = () => setCursors([undefined]);

  return (
    <>
      <PageHeader title={t("inbox.title")} sub={t("inbox.subtitle")} />
      <div className="tabs" role="tablist">
        {(["mine", "unassigned", "district"] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={scope === s}
            onClick={() => {
              setScope(s);
              resetPaging();
            }}
          >
            {t(`inbox.scope.${s}`)}
          </button>
        ))}
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(search.trim());
          resetPaging();
        }}
      >
        <label>
          {t("inbox.search")}
          <input
            type="search"
            value={search}
            placeholder={t("inbox.searchPlaceholder")}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <label>
          {t("inbox.status")}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              resetPaging();
            }}
          >
            <option value="">{t("inbox.anyStatus")}</option>
            <option value="open">{t("task.status.open")}</option>
            <option value="claimed">{t("task.status.claimed")}</option>
          </select>
        </label>
        <label>
          {t("inbox.service")}
          <select
            value={service}
            onChange={(e) => {
              setService(e.target.value);
              resetPaging();
            }}
          >
            <option value="">{t("inbox.anyService")}</option>
            {services.map((s) => (
              <option key={s.processId} value={s.processId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox-inline">
          <span>
            <input
              type="checkbox"
              checked={overdue}
              onChange={(e) => {
                setOverdue(e.target.checked);
                resetPaging();
              }}
            />{" "}
            {t("inbox.onlyOverdue")}
          </span>
        </label>
        <button type="submit" className="btn">
          {t("inbox.apply")}
        </button>
      </form>
      <QueryState query={inbox}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p className="card muted">{t("inbox.empty")}</p>
            ) : (
              <TaskTable items={page.items} />
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
          </>
        )}
      </QueryState>
    </>
  );
}

function TaskTable({ items }: { items: InboxItem[] }) {
  const { t, i18n } = useTranslation();
  const now = new Date();
  return (
    <table className="table table-stack">
      <thead>
        <tr>
          <th>{t("inbox.col.task")}</th>
          <th>{t("inbox.col.case")}</th>
          <th>{t("inbox.col.applicant")}</th>
          <th>{t("inbox.col.due")}</th>
          <th>{t("inbox.col.status")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((task) => (
          <tr key={task.id}>
            <td>
              <Link to={`/tugas/${task.id}`}>{task.name ?? task.elementId}</Link>
            </td>
            <td data-label={t("inbox.col.case")}>{task.caseNumber}</td>
            <td data-label={t("inbox.col.applicant")}>{task.applicantName ?? "—"}</td>
            <td data-label={t("inbox.col.due")}>
              {formatDateTime(task.dueAt, i18n.language)}{" "}
              {isOverdue(task.dueAt, now) && <span className="badge badge-overdue">{t("inbox.overdue")}</span>}
            </td>
            <td data-label={t("inbox.col.status")}>
              <span className="badge">{t(`task.status.${task.status}`)}</span>
              {task.suspendedSince && (
                <>
                  {" "}
                  <span className="badge badge-warning" data-testid="task-suspended">
                    {t("inbox.suspended")}
                  </span>
                </>
              )}
              {task.assignee && <span className="muted"> · {task.assignee}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Moving running cases of a process to another published version: pick the versions, see per case
 * whether it can move and why not (the dry run), map a step that is gone to one of the new version,
 * then move the cases that can. For admins and heads of division (the API decides and audits).
 */
import type { MigrationReport, MigrationRequest, ProcessVersionView } from "@alur/shared/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { migrateCases, migrationDryRun } from "../../api/mutations/processes";
import { processVersionsQuery } from "../../api/queries/processes";
import { ErrorMessage } from "../../components/error-message";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";

export function MigrationPage() {
  const { t } = useTranslation();
  const { processId = "" } = useParams();
  const versions = useQuery(processVersionsQuery(processId));
  return (
    <>
      <PageHeader
        title={`${t("migration.title")} · ${processId}`}
        actions={<Link to={`/desainer/${encodeURIComponent(processId)}/riwayat`}>{t("history.title")}</Link>}
      />
      <QueryState query={versions}>
        {(list) => <MigrationForm processId={processId} versions={list.items} />}
      </QueryState>
    </>
  );
}

const label = (v: ProcessVersionView) => `v${v.version}${v.district ? ` (${v.district})` : ""}`;

function MigrationForm({ processId, versions }: { processId: string; versions: ProcessVersionView[] }) {
  const { t, i18n } = useTranslation();
  const sorted = useMemo(() => [...versions].sort((a, b) => b.version - a.version), [versions]);
  const targets = sorted.filter((v) => v.status === "published");
  const sources = sorted.filter((v) => v.status !== "draft");
  const [toId, setToId] = useState(targets[0]?.id ?? "");
  const [fromId, setFromId] = useState(sources.find((v) => v.id !== targets[0]?.id)?.id ?? "");
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<MigrationReport | null>(null);
  const from = sorted.find((v) => v.id === fromId);
  const to = sorted.find((v) => v.id === toId);
  const body = (): MigrationRequest | null => {
    if (!from || !to) return null;
    const mapped = Object.fromEntries(Object.entries(mapping).filter(([, target]) => target.trim() !== ""));
    return {
      fromVersion: from.version,
      toVersion: to.version,
      ...(Object.keys(mapped).length > 0 ? { mapping: mapped } : {}),
      ...(to.district ? { district: to.district } : {}),
    };
  };
  const dryRun = useMutation({
    mutationFn: (request: MigrationRequest) => migrationDryRun(processId, request),
    onSuccess: setReport,
  });
  const migrate = useMutation({
    mutationFn: (request: MigrationRequest) => migrateCases(processId, request),
    onSuccess: setReport,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = body();
    if (request) dryRun.mutate(request);
  };
  // steps a case is at that the target version lacks: the admin may map them to another step
  const missing = [
    ...new Set(
      (report?.items ?? []).flatMap((i) =>
        i.blockers.filter((b) => b.code === "element-missing" && b.elementId).map((b) => b.elementId as string),
      ),
    ),
  ];
  const lang = i18n.language === "en" ? "en" : "id";
  const done = report?.migrated !== undefined;

  if (targets.length === 0 || sources.length < 2) return <p className="alert alert-info">{t("migration.none")}</p>;
  return (
    <>
      <form className="card" onSubmit={submit} data-testid="migration-form">
        <p className="muted">{t("migration.intro")}</p>
        <div className="grid-2">
          <label>
            {t("migration.from")}
            <select
              value={fromId}
              onChange={(e) => {
                setFromId(e.target.value);
                setReport(null);
              }}
            >
              {sources.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("migration.to")}
            <select
              value={toId}
              onChange={(e) => {
                setToId(e.target.value);
                setReport(null);
              }}
            >
              {targets.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {missing.length > 0 && (
          <fieldset>
            <legend>{t("migration.mapping")}</legend>
            {missing.map((elementId) => (
              <label key={elementId}>
                {t("migration.mapTo", { step: elementId })}
                <input
                  value={mapping[elementId] ?? ""}
                  onChange={(e) => setMapping({ ...mapping, [elementId]: e.target.value })}
                  data-testid={`map-${elementId}`}
                />
              </label>
            ))}
          </fieldset>
        )}
        {(dryRun.isError || migrate.isError) && <ErrorMessage error={dryRun.error ?? migrate.error} />}
        <div className="page-actions">
          <button type="submit" className="btn" disabled={!from || !to || fromId === toId || dryRun.isPending}>
            {dryRun.isPending ? t("migration.checking") : t("migration.dryRun")}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="migration-run"
            disabled={!report || done || report.movable === 0 || migrate.isPending}
            onClick={() => {
              const request = body();
              if (request) migrate.mutate(request);
            }}
          >
            {migrate.isPending ? t("migration.moving") : t("migration.run", { count: report?.movable ?? 0 })}
          </button>
        </div>
      </form>
      {report && (
        <section className="card" style={{ marginTop: 14 }} aria-labelledby="migration-result">
          <h2 id="migration-result">
            {done
              ? t("migration.moved", { count: report.migrated ?? 0, blocked: report.blocked })
              : t("migration.summary", { movable: report.movable, blocked: report.blocked })}
          </h2>
          {report.items.length === 0 ? (
            <p className="muted">{t("migration.noCases")}</p>
          ) : (
            <table className="table table-stack" data-testid="migration-table">
              <thead>
                <tr>
                  <th>{t("inbox.col.case")}</th>
                  <th>{t("migration.canMove")}</th>
                  <th>{t("migration.why")}</th>
                </tr>
              </thead>
              <tbody>
                {report.items.map((item) => (
                  <tr key={item.caseId} data-testid="migration-row" data-can-move={item.canMove}>
                    <td>
                      <Link to={`/permohonan/${item.caseId}`}>{item.caseNumber}</Link>
                    </td>
                    <td data-label={t("migration.canMove")}>
                      {item.migrated ? (
                        <span className="badge badge-ok">{t("migration.done")}</span>
                      ) : item.canMove ? (
                        <span className="badge badge-ok">{t("migration.yes")}</span>
                      ) : (
                        <span className="badge badge-overdue">{t("migration.no")}</span>
                      )}
                    </td>
                    <td data-label={t("migration.why")}>
                      {item.blockers.map((b) => b.message[lang]).join(" ") || "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}

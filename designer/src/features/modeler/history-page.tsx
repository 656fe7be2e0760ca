/**
 * Version history of a process: each version's legal basis and author, and what changed between
 * two versions in words (the shared describer) beside the two diagrams with the changes marked.
 */
import { LegalBasis } from "@alur/shared/schemas";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { processVersionQuery, processVersionsQuery } from "../../api/queries/processes";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState, Spinner } from "../../components/query-state";
import "./bpmn-modeler.css";
import { ChangeList, changedIds, useModelChanges } from "./model-changes";

const DiagramViewer = lazy(async () => ({ default: (await import("../cases/diagram-viewer")).DiagramViewer }));

const LegalBases = z.array(LegalBasis);

/** "Perbup No. 12 Tahun 2025 tentang …" for each legal basis the version records. */
function legalBasisText(value: unknown, lang: string): string {
  const parsed = LegalBases.safeParse(value);
  if (!parsed.success || parsed.data.length === 0) return "—";
  const [no, year, about] = lang === "en" ? ["No.", "of", "on"] : ["No.", "Tahun", "tentang"];
  return parsed.data
    .map((l) =>
      [l.kind, l.number && `${no} ${l.number}`, l.year && `${year} ${l.year}`, `${about} ${l.title}`]
        .filter(Boolean)
        .join(" "),
    )
    .join("; ");
}

export function HistoryPage() {
  const { t, i18n } = useTranslation();
  const { processId = "" } = useParams();
  const versions = useQuery(processVersionsQuery(processId));
  const [pair, setPair] = useState<[string, string] | null>(null);
  return (
    <>
      <PageHeader
        title={`${t("history.title")} · ${processId}`}
        actions={<Link to={`/desainer/${encodeURIComponent(processId)}/migrasi`}>{t("migration.open")}</Link>}
      />
      <QueryState query={versions}>
        {(list) => {
          const items = [...list.items].sort((a, b) => b.version - a.version);
          return (
            <>
              <table className="table table-stack">
                <thead>
                  <tr>
                    <th>{t("history.version")}</th>
                    <th>{t("history.status")}</th>
                    <th>{t("history.effective")}</th>
                    <th>{t("history.legalBasis")}</th>
                    <th>{t("history.author")}</th>
                    <th>{t("history.created")}</th>
                    <th>{t("catalogue.col.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((v, i) => {
                    const older = items[i + 1];
                    return (
                      <tr key={v.id} data-testid="history-row" data-version={v.version}>
                        <td>
                          v{v.version} {v.district && <span className="badge">{v.district}</span>}
                        </td>
                        <td data-label={t("history.status")}>
                          {t(`version.status.${v.status}`, { defaultValue: v.status })}
                        </td>
                        <td data-label={t("history.effective")}>{v.effectiveFrom ?? "—"}</td>
                        <td data-label={t("history.legalBasis")} data-testid="legal-basis">
                          {legalBasisText(v.legalBasis, i18n.language)}
                        </td>
                        <td data-label={t("history.author")} data-testid="author">
                          {v.createdByName ?? (v.createdBy ? t("history.unknownAuthor") : "—")}
                        </td>
                        <td data-label={t("history.created")}>{formatDateTime(v.createdAt, i18n.language)}</td>
                        <td className="page-actions">
                          <Link to={`/desainer/${v.id}`}>{t("catalogue.edit")}</Link>
                          {older && (
                            <button type="button" className="btn btn-small" onClick={() => setPair([older.id, v.id])}>
                              {t("history.compare", { older: older.version })}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {pair && <VersionDiff oldId={pair[0]} newId={pair[1]} />}
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function VersionDiff({ oldId, newId }: { oldId: string; newId: string }) {
  const { t } = useTranslation();
  const older = useQuery(processVersionQuery(oldId));
  const newer = useQuery(processVersionQuery(newId));
  const forms = useMemo(
    () => ({ oldForms: older.data?.plan.forms, newForms: newer.data?.plan.forms }),
    [older.data, newer.data],
  );
  const changes = useModelChanges(older.data?.bpmnXml, newer.data?.bpmnXml, forms);
  const marks = useMemo(() => {
    const ids = changedIds(changes);
    return {
      none: { done: [], active: [], overdue: [] },
      before: { "diff-removed": ids.removed, "diff-changed": ids.changed },
      after: { "diff-added": ids.added, "diff-changed": ids.changed },
    };
  }, [changes]);
  if (!older.data || !newer.data || !changes) return <Spinner />;
  const count = (kind: string) => changes.elements.filter((e) => e.change === kind).length;
  return (
    <section className="card" style={{ marginTop: 14 }} aria-labelledby="diff-title">
      <h2 id="diff-title">{t("history.diff", { older: older.data.version, newer: newer.data.version })}</h2>
      <p>
        <span className="badge badge-ok">{t("history.added", { count: count("added") })}</span>{" "}
        <span className="badge badge-overdue">{t("history.removed", { count: count("removed") })}</span>{" "}
        <span className="badge">{t("history.changed", { count: count("changed") })}</span>
      </p>
      <ChangeList changes={changes} />
      <Suspense fallback={<Spinner />}>
        <div className="diff-grid">
          <div>
            <h3>{t("history.before")}</h3>
            <DiagramViewer xml={older.data.bpmnXml} marks={marks.none} extraMarks={marks.before} />
          </div>
          <div>
            <h3>{t("history.after")}</h3>
            <DiagramViewer xml={newer.data.bpmnXml} marks={marks.none} extraMarks={marks.after} />
          </div>
        </div>
      </Suspense>
    </section>
  );
}

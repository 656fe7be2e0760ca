/** Version history of a process and a visual diff of two versions (bpmn-js-differ + two viewers). */
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { processBpmnQuery, processVersionsQuery } from "../../api/queries/processes";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState, Spinner } from "../../components/query-state";
import "./bpmn-modeler.css";
import { diffModels, type ModelDiff } from "./diff-models";

const DiagramViewer = lazy(async () => ({ default: (await import("../cases/diagram-viewer")).DiagramViewer }));

export function HistoryPage() {
  const { t, i18n } = useTranslation();
  const { processId = "" } = useParams();
  const versions = useQuery(processVersionsQuery(processId));
  const [pair, setPair] = useState<[string, string] | null>(null);
  return (
    <>
      <PageHeader title={`${t("history.title")} · ${processId}`} />
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
                    <th>{t("history.created")}</th>
                    <th>{t("catalogue.col.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((v, i) => {
                    const older = items[i + 1];
                    return (
                      <tr key={v.id}>
                        <td>
                          v{v.version} {v.district && <span className="badge">{v.district}</span>}
                        </td>
                        <td data-label={t("history.status")}>
                          {t(`version.status.${v.status}`, { defaultValue: v.status })}
                        </td>
                        <td data-label={t("history.effective")}>{v.effectiveFrom ?? "—"}</td>
                        <td data-label={t("history.created")}>
                          {formatDateTime(v.createdAt, i18n.language)} {v.createdBy && `· ${v.createdBy}`}
                        </td>
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
  const oldXml = useQuery(processBpmnQuery(oldId));
  const newXml = useQuery(processBpmnQuery(newId));
  const [d, setD] = useState<ModelDiff | null>(null);
  useEffect(() => {
    if (!oldXml.data || !newXml.data) return;
    let live = true;
    void diffModels(oldXml.data, newXml.data).then((r) => live && setD(r));
    return () => {
      live = false;
    };
  }, [oldXml.data, newXml.data]);
  const marks = useMemo(() => {
    const changed = d?.changed.map((c) => c.id) ?? [];
    return {
      none: { done: [], active: [], overdue: [] },
      before: { "diff-removed": d?.removed ?? [], "diff-changed": changed },
      after: { "diff-added": d?.added ?? [], "diff-changed": changed },
    };
  }, [d]);
  if (!oldXml.data || !newXml.data || !d) return <Spinner />;
  return (
    <section className="card" style={{ marginTop: 14 }} aria-labelledby="diff-title">
      <h2 id="diff-title">{t("history.diff")}</h2>
      <p>
        <span className="badge badge-ok">{t("history.added", { count: d.added.length })}</span>{" "}
        <span className="badge badge-overdue">{t("history.removed", { count: d.removed.length })}</span>{" "}
        <span className="badge">{t("history.changed", { count: d.changed.length })}</span>
      </p>
      <ul>
        {d.changed.map((c) => (
          <li key={c.id}>
            {c.id}: {c.attrs.join(", ")}
          </li>
        ))}
      </ul>
      <Suspense fallback={<Spinner />}>
        <div className="diff-grid">
          <div>
            <h3>{t("history.before")}</h3>
            <DiagramViewer xml={oldXml.data} marks={marks.none} extraMarks={marks.before} />
          </div>
          <div>
            <h3>{t("history.after")}</h3>
            <DiagramViewer xml={newXml.data} marks={marks.none} extraMarks={marks.after} />
          </div>
        </div>
      </Suspense>
    </section>
  );
}

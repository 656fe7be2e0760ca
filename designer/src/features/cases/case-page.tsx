/** Permohonan: status, applicant, timeline, documents and the diagram with steps marked. */
import type { CaseView } from "@alur/shared/api";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { caseQuery, caseTimelineQuery, isRunning } from "../../api/queries/cases";
import { processBpmnQuery } from "../../api/queries/processes";
import { rolesQuery } from "../../api/queries/tasks";
import { useSession } from "../../app/use-session";
import { formatDateTime, isOverdue } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState, Spinner } from "../../components/query-state";
import { CancelCaseDialog } from "./cancel-case-dialog";
import { CorrectDataDialog } from "./correct-data-dialog";
import { DocumentsPanel } from "./documents-panel";
import { IncidentsPanel } from "./incidents-panel";
import { stepMarks, timelineEventKey } from "./step-marks";
import { CompletedSteps, CurrentSteps } from "./steps-panel";
import { SuspendCaseDialog } from "./suspend-case-dialog";
import { actorName, elementNamesOf, isShownOnCasePage, stepLabel } from "./timeline-view";

const DiagramViewer = lazy(async () => ({ default: (await import("./diagram-viewer")).DiagramViewer }));

const STATUS_BADGE: Partial<Record<CaseView["status"], string>> = {
  completed: "badge badge-ok",
  incident: "badge badge-overdue",
};

export function CasePage() {
  const { caseId = "" } = useParams();
  const c = useQuery(caseQuery(caseId));
  return <QueryState query={c}>{(data) => <CaseDetail c={data} />}</QueryState>;
}

function CaseDetail({ c }: { c: CaseView }) {
  const { t, i18n } = useTranslation();
  const timeline = useQuery(caseTimelineQuery(c.id, isRunning(c.status)));
  const bpmn = useQuery(processBpmnQuery(c.processVersionId));
  const marks = useMemo(
    () =>
      stepMarks(
        timeline.data?.items ?? [],
        c.currentSteps.map((s) => s.elementId),
        c.status === "active" ? c.dueAt : null,
        new Date(),
      ),
    [timeline.data, c],
  );
  const paused = c.clock.pausedSince !== null && isRunning(c.status);
  const late = c.status === "active" && !paused && isOverdue(c.dueAt, new Date());
  const { user, isAdmin } = useSession();
  const roles = useQuery(rolesQuery());
  // the API lets admins and the district's heads cancel (and audits every try)
  const isHead = Boolean(user?.roles.some((r) => roles.data?.items.some((role) => role.id === r && role.isHead)));
  const [cancelling, setCancelling] = useState(false);
  const [holding, setHolding] = useState(false);
  const suspended = c.suspendedSince !== null && isRunning(c.status);
  const [correcting, setCorrecting] = useState(false);
  const names = useMemo(() => (bpmn.data ? elementNamesOf(bpmn.data) : new Map<string, string>()), [bpmn.data]);
  return (
    <>
      <PageHeader
        title={`${t("case.title")} ${c.caseNumber}`}
        sub={
          <>
            <span className={STATUS_BADGE[c.status] ?? "badge badge-info"} data-testid="case-status">
              {t(`case.status.${c.status}`)}
            </span>{" "}
            {t("case.applicant")}: {String(c.applicant.name ?? "—")} · {t("case.due")}:{" "}
            <span data-testid="case-due">{formatDateTime(c.dueAt, i18n.language)}</span>
            {c.clock.originalDueAt && (
              <span className="muted" data-testid="case-due-moved">
                {" "}
                ({t("case.clock.movedFrom", { at: formatDateTime(c.clock.originalDueAt, i18n.language) })})
              </span>
            )}{" "}
            {late && <span className="badge badge-overdue">{t("inbox.overdue")}</span>}
            {suspended && (
              <span className="badge badge-warning" data-testid="case-suspended">
                {t("case.suspend.badge", { at: formatDateTime(c.suspendedSince, i18n.language) })}
              </span>
            )}{" "}
            {paused && (
              <span className="badge badge-info" data-testid="case-clock-paused">
                {t("case.clock.paused", { at: formatDateTime(c.clock.pausedSince, i18n.language) })}
              </span>
            )}
          </>
        }
      />
      {isRunning(c.status) && (isAdmin || isHead) && (
        <div className="page-actions">
          <button type="button" className="btn" onClick={() => setCorrecting(true)}>
            {t("case.correct.open")}
          </button>
          <button type="button" className="btn" onClick={() => setHolding(true)} data-testid="case-hold">
            {suspended ? t("case.resume.open") : t("case.suspend.open")}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => setCancelling(true)}>
            {t("case.cancel.open")}
          </button>
        </div>
      )}
      {cancelling && <CancelCaseDialog c={c} onClose={() => setCancelling(false)} />}
      {holding && <SuspendCaseDialog c={c} onClose={() => setHolding(false)} />}
      {correcting && <CorrectDataDialog c={c} onClose={() => setCorrecting(false)} />}
      {c.purged && (
        <p className="alert alert-info" role="status" data-testid="case-purged">
          {t("case.purged", { at: formatDateTime(c.purged.at, i18n.language) })}
        </p>
      )}
      <IncidentsPanel c={c} names={names} canRetry={isAdmin} />
      <div className="grid-2">
        <div>
          <section className="card" aria-labelledby="diagram-title">
            <h2 id="diagram-title">{t("case.diagram")}</h2>
            <QueryState query={bpmn}>
              {(xml) => (
                <Suspense fallback={<Spinner />}>
                  <DiagramViewer xml={xml} marks={marks} />
                </Suspense>
              )}
            </QueryState>
          </section>
          <section className="card" aria-labelledby="current-title" style={{ marginTop: 14 }}>
            <h2 id="current-title">{t("case.currentSteps")}</h2>
            <CurrentSteps c={c} canReassign={isRunning(c.status) && (isAdmin || isHead)} />
          </section>
          <section className="card" aria-labelledby="completed-title" style={{ marginTop: 14 }}>
            <h2 id="completed-title">{t("case.steps.completed")}</h2>
            <CompletedSteps c={c} />
          </section>
        </div>
        <div>
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("case.timeline")}</h2>
            <QueryState query={timeline}>
              {(tl) => (
                <ol className="timeline">
                  {tl.items.filter(isShownOnCasePage).map((e) => {
                    const who = actorName(e, user?.id, t("task.commentAuthorYou"));
                    const step = stepLabel(e, names);
                    return (
                      <li key={e.id}>
                        <strong>{t(`case.event.${timelineEventKey(e.type)}`, { defaultValue: e.type })}</strong>
                        {step && (
                          <span className="muted">
                            {" "}
                            · {step}
                            {e.data.calledProcess !== undefined && ` (${t("case.inCalledProcess")})`}
                          </span>
                        )}
                        {typeof e.data.text === "string" && <div>{e.data.text}</div>}
                        {e.type === "variablesCorrected" && Array.isArray(e.data.variables) && (
                          <div>
                            {t("case.correct.changed", { names: e.data.variables.join(", ") })}
                            {typeof e.data.reason === "string" && ` · ${e.data.reason}`}
                          </div>
                        )}
                        {e.type === "task.reassigned" && (
                          <div>
                            {t("case.reassign.entry", {
                              from: typeof e.data.fromName === "string" ? e.data.fromName : t("case.steps.unassigned"),
                              to: typeof e.data.toName === "string" ? e.data.toName : "—",
                            })}
                            {typeof e.data.reason === "string" && ` · ${e.data.reason}`}
                          </div>
                        )}
                        {(e.type === "caseSuspended" || e.type === "caseResumed") &&
                          typeof e.data.reason === "string" && (
                            <div>
                              {t("case.suspend.reasonShown")}: {e.data.reason}
                            </div>
                          )}
                        {e.type === "caseMigrated" && (
                          <div>
                            {t("case.migrated", { from: String(e.data.fromVersion), to: String(e.data.toVersion) })}
                          </div>
                        )}
                        {(e.type === "case.incident-retried" || e.type === "case.batch-migrated") &&
                          typeof e.data.reason === "string" && (
                            <div>
                              {t("case.batchReason")}: {e.data.reason}
                            </div>
                          )}
                        {e.type === "case.cancel-requested" && typeof e.data.reason === "string" && (
                          <div>
                            {t("case.cancel.reason")}: {e.data.reason}
                          </div>
                        )}
                        <div className="muted">
                          {formatDateTime(e.at, i18n.language)}
                          {who && ` · ${who}`}
                        </div>
                      </li>
                    );
                  })}
                </ol>
              )}
            </QueryState>
          </section>
          <section className="card" aria-labelledby="case-docs-title" style={{ marginTop: 14 }}>
            <h2 id="case-docs-title">{t("case.documents")}</h2>
            <DocumentsPanel caseId={c.id} documents={c.documents} />
          </section>
        </div>
      </div>
    </>
  );
}

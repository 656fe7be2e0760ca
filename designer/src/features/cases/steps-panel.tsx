/**
 * The case's steps for staff: each current step with who holds it and its due date (a supervisor
 * can hand it to someone else), and each completed step with who completed it and the form data
 * entered, shown read-only by the same form-js viewer the task page uses.
 */
import type { CaseView, CompletedStep } from "@alur/shared/api";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime, isOverdue } from "../../components/format";
import { Spinner } from "../../components/query-state";
import { ReassignTaskDialog } from "./reassign-task-dialog";

const FormViewer = lazy(async () => ({ default: (await import("../forms/form-viewer")).FormViewer }));

export function CurrentSteps({ c, canReassign }: { c: CaseView; canReassign: boolean }) {
  const { t, i18n } = useTranslation();
  // the step is looked up on every render: the dialog follows the live case (holder, revision)
  // and closes by itself when the step does (completed meanwhile)
  const [reassigningId, setReassigningId] = useState<string | null>(null);
  const reassigning = c.currentSteps.find((s) => s.taskId === reassigningId);
  const now = new Date();
  if (c.currentSteps.length === 0) return <p className="muted">{t("case.noCurrentSteps")}</p>;
  return (
    <>
      <ul className="step-list">
        {c.currentSteps.map((s) => (
          <li key={s.taskId} className="step-item" data-testid="current-step">
            <div className="step-head">
              <Link to={`/tugas/${s.taskId}`}>
                <strong>{s.name ?? s.elementId}</strong>
              </Link>
              {canReassign && (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-haspopup="dialog"
                  onClick={() => setReassigningId(s.taskId)}
                >
                  {t("case.reassign.open")}
                </button>
              )}
            </div>
            <div className="muted" data-testid="step-assignee">
              {t("case.steps.assignee")}: {s.assignee ? s.assignee.displayName : t("case.steps.unassigned")}
            </div>
            <div className="muted">
              {t("case.steps.due")}: {formatDateTime(s.dueAt, i18n.language)}{" "}
              {c.clock.pausedSince === null && isOverdue(s.dueAt, now) && (
                <span className="badge badge-overdue">{t("inbox.overdue")}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
      {reassigning && <ReassignTaskDialog c={c} step={reassigning} onClose={() => setReassigningId(null)} />}
    </>
  );
}

export function CompletedSteps({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  if (c.completedSteps.length === 0) return <p className="muted">{t("case.steps.noneCompleted")}</p>;
  return (
    <>
      {c.withheld && c.withheld.fields.length > 0 && <p className="muted">{t("case.steps.withheld")}</p>}
      <ol className="step-list">
        {c.completedSteps.map((s) => (
          <CompletedStepItem key={s.taskId} s={s} />
        ))}
      </ol>
    </>
  );
}

function CompletedStepItem({ s }: { s: CompletedStep }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const hasData = s.data !== null && Object.keys(s.data).length > 0;
  return (
    <li className="step-item" data-testid="completed-step">
      <strong>{s.name ?? s.elementId}</strong>
      <div className="muted" data-testid="step-closed-by">
        {s.status === "completed"
          ? t("case.steps.completedBy", { name: s.closedBy?.displayName ?? "—" })
          : t("case.steps.cancelled")}{" "}
        · {formatDateTime(s.closedAt, i18n.language)}
      </div>
      {hasData && (
        <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{t("case.steps.data")}</summary>
          {/* the viewer mounts only when opened: a case with many steps loads one form at a time */}
          {open &&
            (s.form ? (
              <Suspense fallback={<Spinner />}>
                <FormViewer schema={s.form} initialData={s.data ?? {}} readOnly />
              </Suspense>
            ) : (
              <dl className="step-data">
                {Object.entries(s.data ?? {}).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
                  </div>
                ))}
              </dl>
            ))}
        </details>
      )}
    </li>
  );
}

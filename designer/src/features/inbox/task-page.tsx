/** One task: its form, the documents to check, comments, claim, delegate and complete. */
import type { TaskDetail, TimelineEvent } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { z } from "zod";
import { claimTask, commentOnTask, completeTask, saveDraft, unclaimTask } from "../../api/mutations/tasks";
import { caseKeys, caseQuery, caseTimelineQuery } from "../../api/queries/cases";
import { rolesQuery, taskKeys, taskQuery } from "../../api/queries/tasks";
import { useSession } from "../../app/use-session";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime, isOverdue } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState, Spinner } from "../../components/query-state";
import { DocumentsPanel } from "../cases/documents-panel";
import { actorName } from "../cases/timeline-view";
import type { FormSubmitResult } from "../forms/form-viewer";
import { DelegateDialog } from "./delegate-dialog";

const FormViewer = lazy(async () => ({ default: (await import("../forms/form-viewer")).FormViewer }));

export function TaskPage() {
  const { taskId = "" } = useParams();
  const task = useQuery(taskQuery(taskId));
  return <QueryState query={task}>{(data) => <TaskView key={data.id} task={data} />}</QueryState>;
}

function TaskView({ task }: { task: TaskDetail }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const caseInfo = useQuery(caseQuery(task.caseId));
  // what the user typed: survives a rejected completion
  const typed = useRef<Record<string, unknown>>(task.draft ?? {});
  const submitForm = useRef<(() => FormSubmitResult) | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [delegating, setDelegating] = useState(false);
  const [delegatedTo, setDelegatedTo] = useState<string | null>(null);
  const roles = useQuery(rolesQuery());

  const refresh = () => client.invalidateQueries({ queryKey: taskKeys.all });
  const claim = useMutation({ mutationFn: () => claimTask(task.id, task.revision), onSuccess: refresh });
  const unclaim = useMutation({ mutationFn: () => unclaimTask(task.id, task.revision), onSuccess: refresh });
  const draft = useMutation({ mutationFn: () => saveDraft(task.id, typed.current) });
  const complete = useMutation({
    mutationFn: (data: Record<string, unknown>) => completeTask(task.id, task.revision, data),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: taskKeys.all });
      await client.invalidateQueries({ queryKey: caseKeys.detail(task.caseId) });
      void navigate("/tugas");
    },
    // keep the typed values on the server too, so a reload does not lose them either
    onError: () => void saveDraft(task.id, typed.current).catch(() => undefined),
  });

  const onComplete = () => {
    let data = typed.current;
    if (submitForm.current) {
      const result = submitForm.current();
      if (Object.keys(result.errors).length > 0) {
        setInvalid(true);
        return;
      }
      data = result.data;
    }
    setInvalid(false);
    complete.mutate(data);
  };

  const mine = task.assignee !== null && task.assignee === user?.id;
  // the API lets the assignee or a head of the district reassign
  const isHead = Boolean(user?.roles.some((r) => roles.data?.items.some((role) => role.id === r && role.isHead)));
  const done = task.status === "completed" || task.status === "cancelled";
  // claimed by (or delegated to) a colleague: only they can complete it now
  const othersTask = task.assignee !== null && !mine;
  return (
    <>
      <PageHeader
        title={task.name ?? task.elementId}
        sub={
          <>
            <Link to={`/permohonan/${task.caseId}`}>{task.caseNumber}</Link> · {task.applicantName ?? "—"} ·{" "}
            {t("task.due")}: {formatDateTime(task.dueAt, i18n.language)}{" "}
            {isOverdue(task.dueAt, new Date()) && !done && (
              <span className="badge badge-overdue">{t("inbox.overdue")}</span>
            )}
            {task.suspendedSince && !done && (
              <span className="badge badge-warning" data-testid="task-suspended">
                {t("inbox.suspended")}
              </span>
            )}
          </>
        }
        actions={
          !done && (
            <>
              {task.status === "open" && (
                <button type="button" className="btn" onClick={() => claim.mutate()} disabled={claim.isPending}>
                  {t("task.claim")}
                </button>
              )}
              {mine && (
                <button type="button" className="btn" onClick={() => unclaim.mutate()} disabled={unclaim.isPending}>
                  {t("task.unclaim")}
                </button>
              )}
              {(mine || isHead) && (
                <button type="button" className="btn" aria-haspopup="dialog" onClick={() => setDelegating(true)}>
                  {t("delegate.open")}
                </button>
              )}
            </>
          )
        }
      />
      {claim.isError && <ErrorMessage error={claim.error} />}
      {unclaim.isError && <ErrorMessage error={unclaim.error} />}
      {delegatedTo && (
        <p className="alert alert-ok" role="status">
          {t("delegate.done", { name: delegatedTo })}
        </p>
      )}
      {delegating && (
        <DelegateDialog
          task={task}
          onClose={() => setDelegating(false)}
          onDelegated={(to) => {
            setDelegating(false);
            setDelegatedTo(to.displayName);
            void refresh();
          }}
        />
      )}
      <div className="grid-2">
        <section className="card" aria-labelledby="form-title">
          <h2 id="form-title">{t("task.form")}</h2>
          {task.form ? (
            <Suspense fallback={<Spinner />}>
              <FormViewer
                schema={task.form}
                initialData={{ ...(task.draft ?? {}) }}
                onChange={(data) => {
                  typed.current = data;
                }}
                onReady={(submit) => {
                  submitForm.current = submit;
                }}
              />
            </Suspense>
          ) : (
            <p className="muted">{t("task.noForm")}</p>
          )}
          {invalid && <p className="alert alert-warn">{t("task.formInvalid")}</p>}
          {complete.isError && <ErrorMessage error={complete.error} />}
          {draft.isSuccess && <p className="alert alert-ok">{t("task.draftSaved")}</p>}
          {!done && othersTask && <p className="alert alert-info">{t("task.assignedToOther")}</p>}
          {!done && !othersTask && (
            <div className="page-actions">
              <button type="button" className="btn" onClick={() => draft.mutate()} disabled={draft.isPending}>
                {t("task.saveDraft")}
              </button>
              <button type="button" className="btn btn-primary" onClick={onComplete} disabled={complete.isPending}>
                {complete.isPending ? t("task.completing") : t("task.complete")}
              </button>
            </div>
          )}
          {done && <p className="alert alert-ok">{t(`task.status.${task.status}`)}</p>}
        </section>
        <div>
          <section className="card" aria-labelledby="docs-title">
            <h2 id="docs-title">{t("task.documents")}</h2>
            {task.documents.length > 0 && (
              <p className="muted">
                {t("task.toVerify")}: {task.documents.join(", ")}
              </p>
            )}
            <QueryState query={caseInfo}>
              {(c) => <DocumentsPanel caseId={c.id} documents={c.documents} highlight={task.documents} />}
            </QueryState>
          </section>
          <Comments caseId={task.caseId} taskId={task.id} />
        </div>
      </div>
    </>
  );
}

function Comments({ caseId, taskId }: { caseId: string; taskId: string }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const author = (c: z.infer<typeof TimelineEvent>) =>
    actorName(c, user?.id, t("task.commentAuthorYou")) ?? t("task.commentAuthorStaff");
  const client = useQueryClient();
  const timeline = useQuery(caseTimelineQuery(caseId));
  const [text, setText] = useState("");
  const add = useMutation({
    mutationFn: () => commentOnTask(taskId, text.trim()),
    onSuccess: () => {
      setText("");
      void client.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
    },
  });
  return (
    <section className="card" aria-labelledby="comments-title" style={{ marginTop: 14 }}>
      <h2 id="comments-title">{t("task.comments")}</h2>
      <QueryState query={timeline}>
        {(tl) => {
          const comments = tl.items.filter((e) => e.type.includes("comment"));
          return comments.length === 0 ? (
            <p className="muted">{t("task.noComments")}</p>
          ) : (
            <ul className="timeline">
              {comments.map((c) => (
                <li key={c.id}>
                  <strong>{author(c)}</strong> · {formatDateTime(c.at, i18n.language)}
                  <div>{String(c.data.text ?? "")}</div>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) add.mutate();
        }}
      >
        <label>
          {t("task.addComment")}
          <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        {add.isError && <ErrorMessage error={add.error} />}
        <button type="submit" className="btn btn-small" disabled={add.isPending || !text.trim()}>
          {t("task.send")}
        </button>
      </form>
    </section>
  );
}

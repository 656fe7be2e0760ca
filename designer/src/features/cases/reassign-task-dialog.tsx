/**
 * A supervisor hands an open step of the case to another eligible user: a modal list of the people
 * the API says may take it and the reason the timeline and audit log keep.
 */
import type { CaseView } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { reassignCaseTask } from "../../api/mutations/cases";
import { caseKeys, eligibleUsersQuery } from "../../api/queries/cases";
import { ErrorMessage } from "../../components/error-message";
import { QueryState } from "../../components/query-state";
import { useModal } from "../../components/use-modal";
import { CandidateList } from "../inbox/delegate-dialog";

/** The API's minimum: a reason someone reading the timeline later can understand. */
const MIN_REASON = 5;

type Step = CaseView["currentSteps"][number];

export function ReassignTaskDialog({ c, step, onClose }: { c: CaseView; step: Step; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useModal();
  const titleId = useId();
  const eligible = useQuery(eligibleUsersQuery(c.id, step.taskId));
  const [chosen, setChosen] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const client = useQueryClient();
  const reassign = useMutation({
    mutationFn: (userId: string) =>
      reassignCaseTask(c.id, step.taskId, { userId, reason: reason.trim(), revision: step.revision }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.detail(c.id) });
      await client.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen && reason.trim().length >= MIN_REASON) reassign.mutate(chosen);
  };
  const stepName = step.name ?? step.elementId;

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid="reassign-task-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>{t("case.reassign.title", { step: stepName })}</h2>
        <p className="muted">
          {step.assignee
            ? t("case.reassign.introHeld", { name: step.assignee.displayName })
            : t("case.reassign.introFree")}
        </p>
        <QueryState query={eligible}>
          {(data) => {
            const others = data.items.filter((u) => !u.current);
            return others.length === 0 ? (
              <p className="alert alert-info">{t("case.reassign.nobody")}</p>
            ) : (
              <CandidateList items={others} chosen={chosen} onChoose={setChosen} />
            );
          }}
        </QueryState>
        <label>
          {t("case.reassign.reason")}
          <textarea
            name="reason"
            rows={3}
            required
            minLength={MIN_REASON}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {reassign.isError && <ErrorMessage error={reassign.error} />}
        <div className="page-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!chosen || reason.trim().length < MIN_REASON || reassign.isPending}
          >
            {reassign.isPending ? t("case.reassign.saving") : t("case.reassign.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}

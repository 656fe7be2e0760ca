/**
 * A supervisor hands an open step of the case to another eligible user: a modal list of the people
 * the API says may take it and the reason the timeline and audit log keep.
 */
import type { CaseView } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { reassignCaseTask } from "../../api/mutations/cases";
import { caseKeys, eligibleUsersQuery } from "../../api/queries/cases";
import { QueryState } from "../../components/query-state";
import { ReasonDialog } from "../../components/reason-dialog";
import { CandidateList } from "../inbox/delegate-dialog";

type Step = CaseView["currentSteps"][number];

export function ReassignTaskDialog({ c, step, onClose }: { c: CaseView; step: Step; onClose: () => void }) {
  const { t } = useTranslation();
  const eligible = useQuery(eligibleUsersQuery(c.id, step.taskId));
  const [chosen, setChosen] = useState<string | null>(null);
  const client = useQueryClient();
  const reassign = useMutation({
    mutationFn: (reason: string) =>
      reassignCaseTask(c.id, step.taskId, { userId: chosen ?? "", reason, revision: step.revision }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.detail(c.id) });
      await client.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
      onClose();
    },
  });
  const stepName = step.name ?? step.elementId;

  return (
    <ReasonDialog
      title={t("case.reassign.title", { step: stepName })}
      intro={
        step.assignee ? t("case.reassign.introHeld", { name: step.assignee.displayName }) : t("case.reassign.introFree")
      }
      reasonLabel={t("case.reassign.reason")}
      confirmLabel={t("case.reassign.confirm")}
      pendingLabel={t("case.reassign.saving")}
      testId="reassign-task-dialog"
      action={reassign}
      ready={chosen !== null}
      onClose={onClose}
    >
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
    </ReasonDialog>
  );
}

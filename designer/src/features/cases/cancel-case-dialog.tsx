/**
 * Cancels a running case: a modal asking why (the reason goes on the timeline and into the audit
 * log), then the case as the API answers it. For heads of division and admins.
 */
import type { CaseView } from "@alur/shared/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { cancelCase } from "../../api/mutations/cases";
import { caseKeys } from "../../api/queries/cases";
import { ReasonDialog } from "../../components/reason-dialog";

export function CancelCaseDialog({ c, onClose }: { c: CaseView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: (reason: string) => cancelCase(c.id, reason),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.detail(c.id) });
      await client.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
      onClose();
    },
  });
  return (
    <ReasonDialog
      title={t("case.cancel.title", { number: c.caseNumber })}
      intro={t("case.cancel.intro")}
      reasonLabel={t("case.cancel.reason")}
      confirmLabel={t("case.cancel.confirm")}
      pendingLabel={t("case.cancel.cancelling")}
      tone="danger"
      testId="cancel-case-dialog"
      action={cancel}
      onClose={onClose}
    />
  );
}

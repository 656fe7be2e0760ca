/**
 * Suspends a running case, or resumes a suspended one, with a reason (timeline and audit log). For
 * heads of division and admins. While suspended its steps cannot be completed and its timers wait.
 */
import type { CaseView } from "@alur/shared/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { resumeCase, suspendCase } from "../../api/mutations/cases";
import { caseKeys } from "../../api/queries/cases";
import { ReasonDialog } from "../../components/reason-dialog";

export function SuspendCaseDialog({ c, onClose }: { c: CaseView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const resuming = c.suspendedSince !== null;
  const key = resuming ? "case.resume" : "case.suspend";
  const hold = useMutation({
    mutationFn: (reason: string) => (resuming ? resumeCase(c.id, reason) : suspendCase(c.id, reason)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.detail(c.id) });
      await client.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
      onClose();
    },
  });
  return (
    <ReasonDialog
      title={t(`${key}.title`, { number: c.caseNumber })}
      intro={t(`${key}.intro`)}
      reasonLabel={t(`${key}.reason`)}
      confirmLabel={t(`${key}.confirm`)}
      pendingLabel={t(`${key}.saving`)}
      testId={resuming ? "resume-case-dialog" : "suspend-case-dialog"}
      action={hold}
      onClose={onClose}
    />
  );
}

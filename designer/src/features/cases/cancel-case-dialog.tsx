/**
 * Cancels a running case: a modal asking why (the reason goes on the timeline and into the audit
 * log), then the case as the API answers it. For heads of division and admins.
 */
import type { CaseView } from "@alur/shared/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { cancelCase } from "../../api/mutations/cases";
import { caseKeys } from "../../api/queries/cases";
import { ErrorMessage } from "../../components/error-message";
import { useModal } from "../../components/use-modal";

/** The API's minimum: a reason someone reading the timeline later can understand. */
const MIN_REASON = 5;

export function CancelCaseDialog({ c, onClose }: { c: CaseView; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useModal();
  const titleId = useId();
  const [reason, setReason] = useState("");
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelCase(c.id, reason.trim()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.detail(c.id) });
      await client.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length >= MIN_REASON) cancel.mutate();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid="cancel-case-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>{t("case.cancel.title", { number: c.caseNumber })}</h2>
        <p className="muted">{t("case.cancel.intro")}</p>
        <label>
          {t("case.cancel.reason")}
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
        {cancel.isError && <ErrorMessage error={cancel.error} />}
        <div className="page-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            className="btn btn-danger"
            disabled={reason.trim().length < MIN_REASON || cancel.isPending}
          >
            {cancel.isPending ? t("case.cancel.cancelling") : t("case.cancel.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * A supervisor's action on a case that needs a reason (cancel, suspend, resume, reassign): a modal
 * with what the action does, anything the action needs besides (children, e.g. whom to hand a step
 * to), the reason the timeline and audit log keep, and the API's error if it refuses.
 */
import type { UseMutationResult } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "./error-message";
import { useModal } from "./use-modal";

/** The API's minimum: a reason someone reading the timeline later can understand. */
export const MIN_REASON = 5;

export function ReasonDialog({
  title,
  intro,
  reasonLabel,
  confirmLabel,
  pendingLabel,
  tone = "primary",
  testId,
  action,
  ready = true,
  children,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  reasonLabel: string;
  confirmLabel: string;
  pendingLabel: string;
  /** "danger" for what cannot be undone. */
  tone?: "primary" | "danger";
  testId: string;
  /** Runs with the trimmed reason. */
  action: UseMutationResult<unknown, Error, string>;
  /** Whatever else the action needs has been chosen. */
  ready?: boolean;
  children?: ReactNode;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useModal();
  const titleId = useId();
  const [reason, setReason] = useState("");
  const valid = ready && reason.trim().length >= MIN_REASON;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) action.mutate(reason.trim());
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        <p className="muted">{intro}</p>
        {children}
        <label>
          {reasonLabel}
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
        {action.isError && <ErrorMessage error={action.error} />}
        <div className="page-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            className={tone === "danger" ? "btn btn-danger" : "btn btn-primary"}
            disabled={!valid || action.isPending}
          >
            {action.isPending ? pendingLabel : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

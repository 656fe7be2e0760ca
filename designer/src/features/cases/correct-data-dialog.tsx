/**
 * Corrects a running case's data (a data-entry mistake): the variables a supervisor may correct,
 * each in a field of its kind (text, number, yes/no); only changed ones are sent, with the reason
 * the audit log keeps beside the old and new values. Lists and nested data are shown, not edited.
 */
import type { CaseView } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { correctCaseVariables } from "../../api/mutations/cases";
import { caseKeys, caseVariablesQuery } from "../../api/queries/cases";
import { ErrorMessage } from "../../components/error-message";
import { QueryState } from "../../components/query-state";
import { useModal } from "../../components/use-modal";

const MIN_REASON = 5;

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar => v === null || ["string", "number", "boolean"].includes(typeof v);

export function CorrectDataDialog({ c, onClose }: { c: CaseView; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useModal();
  const titleId = useId();
  const current = useQuery(caseVariablesQuery(c.id));
  const [edits, setEdits] = useState<Record<string, Scalar>>({});
  const [reason, setReason] = useState("");
  const client = useQueryClient();
  const correct = useMutation({
    mutationFn: () => correctCaseVariables(c.id, edits, reason.trim()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.detail(c.id) });
      await client.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(edits).length > 0 && reason.trim().length >= MIN_REASON) correct.mutate();
  };
  const change = (key: string, original: Scalar, value: Scalar) =>
    setEdits((e) => {
      const next = { ...e };
      if (value === original) delete next[key];
      else next[key] = value;
      return next;
    });

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid="correct-data-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>{t("case.correct.title", { number: c.caseNumber })}</h2>
        <p className="muted">{t("case.correct.intro")}</p>
        <QueryState query={current}>
          {(data) => {
            const fields = data.correctable.filter((k) => isScalar(data.variables[k]));
            if (fields.length === 0) return <p className="alert alert-info">{t("case.correct.nothing")}</p>;
            return (
              <div className="form-grid">
                {fields.map((key) => {
                  const original = data.variables[key] as Scalar;
                  const value = key in edits ? edits[key] : original;
                  if (typeof original === "boolean") {
                    return (
                      <label key={key} className="checkbox">
                        <input
                          type="checkbox"
                          name={key}
                          checked={value === true}
                          onChange={(e) => change(key, original, e.target.checked)}
                        />{" "}
                        {key}
                      </label>
                    );
                  }
                  return (
                    <label key={key}>
                      {key}
                      <input
                        name={key}
                        type={typeof original === "number" ? "number" : "text"}
                        value={value === null ? "" : String(value)}
                        onChange={(e) => {
                          const raw = e.target.value;
                          const parsed = typeof original === "number" ? (raw === "" ? null : Number(raw)) : raw;
                          change(key, original, parsed);
                        }}
                      />
                    </label>
                  );
                })}
              </div>
            );
          }}
        </QueryState>
        <label>
          {t("case.correct.reason")}
          <textarea
            name="reason"
            rows={2}
            required
            minLength={MIN_REASON}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {correct.isError && <ErrorMessage error={correct.error} />}
        <div className="page-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={Object.keys(edits).length === 0 || reason.trim().length < MIN_REASON || correct.isPending}
          >
            {correct.isPending ? t("case.correct.saving") : t("case.correct.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}

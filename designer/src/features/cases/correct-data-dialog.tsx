/**
 * Corrects a running case's data (a data-entry mistake): the variables a supervisor may correct,
 * each in a field of its kind (text, number, yes/no); only changed ones are sent, with the reason
 * the audit log keeps beside the old and new values. Lists and nested data are shown, not edited.
 */
import type { CaseView } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { correctCaseVariables } from "../../api/mutations/cases";
import { caseKeys, caseVariablesQuery } from "../../api/queries/cases";
import { QueryState } from "../../components/query-state";
import { ReasonDialog } from "../../components/reason-dialog";

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar => v === null || ["string", "number", "boolean"].includes(typeof v);

export function CorrectDataDialog({ c, onClose }: { c: CaseView; onClose: () => void }) {
  const { t } = useTranslation();
  const current = useQuery(caseVariablesQuery(c.id));
  const [edits, setEdits] = useState<Record<string, Scalar>>({});
  const client = useQueryClient();
  const correct = useMutation({
    mutationFn: (reason: string) => correctCaseVariables(c.id, edits, reason),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: caseKeys.detail(c.id) });
      await client.invalidateQueries({ queryKey: caseKeys.timeline(c.id) });
      onClose();
    },
  });

  const change = (key: string, original: Scalar, value: Scalar) =>
    setEdits((e) => {
      const next = { ...e };
      if (value === original) delete next[key];
      else next[key] = value;
      return next;
    });

  return (
    <ReasonDialog
      title={t("case.correct.title", { number: c.caseNumber })}
      intro={t("case.correct.intro")}
      reasonLabel={t("case.correct.reason")}
      confirmLabel={t("case.correct.confirm")}
      pendingLabel={t("case.correct.saving")}
      testId="correct-data-dialog"
      action={correct}
      ready={Object.keys(edits).length > 0}
      onClose={onClose}
    >
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
    </ReasonDialog>
  );
}

/**
 * "Tindakan massal" on the case list's current filter: the operation, how many cases it takes now
 * (asked of the API, which counts only the caller's district and the cases the operation takes),
 * for a migration the existing dry run's movable/blocked counts, the reason, and confirmation of
 * that count. Then the batch's progress page.
 */
import type { BatchOperation, CaseFilter } from "@alur/shared/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { createBatch, previewBatch } from "../../api/mutations/batches";
import { migrationDryRun } from "../../api/mutations/processes";
import { ErrorMessage } from "../../components/error-message";
import { ReasonDialog } from "../../components/reason-dialog";

export function BatchDialog({
  filter,
  operations,
  onClose,
}: {
  filter: CaseFilter;
  /** The operations the user's roles allow. */
  operations: BatchOperation[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [operation, setOperation] = useState<BatchOperation>(operations[0] ?? "cancel");
  const [toVersion, setToVersion] = useState("");
  const canMigrate = Boolean(filter.service && filter.version !== undefined);
  const target = Number(toVersion);
  const migration =
    operation === "migrate" && Number.isInteger(target) && target > 0 ? { toVersion: target } : undefined;
  const migrateReady = operation !== "migrate" || (canMigrate && migration !== undefined);
  const preview = useQuery({
    queryKey: ["batches", "preview", operation, filter, migration?.toVersion ?? null],
    queryFn: () => previewBatch({ operation, filter, ...(migration ? { migration } : {}) }),
    enabled: migrateReady,
    retry: false,
  });
  const dryRun = useQuery({
    queryKey: ["batches", "dry-run", filter.service, filter.version, migration?.toVersion ?? null],
    queryFn: () =>
      migrationDryRun(filter.service as string, {
        fromVersion: filter.version as number,
        toVersion: migration?.toVersion as number,
      }),
    enabled: operation === "migrate" && migrateReady,
    retry: false,
  });
  const count = preview.data?.count;
  const create = useMutation({
    mutationFn: (reason: string) =>
      createBatch({ operation, filter, reason, expectedCount: count, ...(migration ? { migration } : {}) }),
    onSuccess: (batch) => navigate(`/permohonan/massal/${batch.id}`),
  });

  return (
    <ReasonDialog
      title={t("batch.dialog.title")}
      intro={t("batch.dialog.intro")}
      reasonLabel={t("batch.dialog.reason")}
      confirmLabel={t("batch.dialog.confirm", { count: count ?? 0 })}
      pendingLabel={t("batch.dialog.creating")}
      tone={operation === "cancel" ? "danger" : "primary"}
      testId="batch-dialog"
      action={create}
      ready={migrateReady && count !== undefined && count > 0}
      onClose={onClose}
    >
      <label>
        {t("batch.dialog.operation")}
        <select name="operation" value={operation} onChange={(e) => setOperation(e.target.value as BatchOperation)}>
          {operations.map((op) => (
            <option key={op} value={op}>
              {t(`batch.operation.${op}`)}
            </option>
          ))}
        </select>
      </label>
      {operation === "migrate" &&
        (canMigrate ? (
          <label>
            {t("batch.dialog.toVersion", { version: filter.version })}
            <input
              name="toVersion"
              type="number"
              min={1}
              inputMode="numeric"
              value={toVersion}
              onChange={(e) => setToVersion(e.target.value)}
            />
          </label>
        ) : (
          <p className="notice">{t("batch.dialog.migrateNeedsVersion")}</p>
        ))}
      {migrateReady && (
        <p data-testid="batch-preview" aria-live="polite">
          {preview.isPending ? (
            t("batch.dialog.counting")
          ) : preview.isError ? (
            <ErrorMessage error={preview.error} />
          ) : (
            <strong>
              {t(preview.data.truncated ? "batch.dialog.countTruncated" : "batch.dialog.count", {
                count: preview.data.count,
              })}
            </strong>
          )}
        </p>
      )}
      {operation === "migrate" && migrateReady && dryRun.data && (
        <p className="muted" data-testid="batch-dry-run">
          {t("batch.dialog.dryRun", { movable: dryRun.data.movable, blocked: dryRun.data.blocked })}
        </p>
      )}
      {operation === "migrate" && dryRun.isError && <ErrorMessage error={dryRun.error} />}
    </ReasonDialog>
  );
}

/**
 * A batch's progress: a progress bar over its frozen item list, counts by outcome, pause, resume
 * and stop, and the per-case results (why an item failed or was skipped, in the reader's language).
 */
import type { BatchItemStatus, BatchView } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { controlBatch } from "../../api/mutations/batches";
import { batchItemsQuery, batchKeys, batchQuery } from "../../api/queries/batches";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";

const ITEM_BADGE: Record<BatchItemStatus, string> = {
  pending: "badge",
  running: "badge badge-info",
  succeeded: "badge badge-ok",
  failed: "badge badge-overdue",
  skipped: "badge",
};
const STATUSES: BatchItemStatus[] = ["failed", "skipped", "succeeded", "pending"];

export function BatchPage() {
  const { t } = useTranslation();
  const { batchId = "" } = useParams();
  const batch = useQuery(batchQuery(batchId));
  return (
    <>
      <PageHeader title={t("batch.page.title")} sub={t("batch.page.subtitle")} />
      <p>
        <Link to="/permohonan">← {t("batch.page.back")}</Link>
      </p>
      <QueryState query={batch}>{(b) => <BatchProgress b={b} />}</QueryState>
    </>
  );
}

function BatchProgress({ b }: { b: BatchView }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const done = b.counts.succeeded + b.counts.failed + b.counts.skipped;
  const control = useMutation({
    mutationFn: (action: "pause" | "resume" | "cancel") => controlBatch(b.id, action),
    onSuccess: (next) => client.setQueryData(batchKeys.detail(b.id), next),
  });
  const live = b.status === "running" || b.status === "paused";
  return (
    <>
      <section className="card" aria-labelledby="batch-progress-title" data-testid="batch-progress">
        <h2 id="batch-progress-title">
          {t(`batch.operation.${b.operation}`)}{" "}
          <span className="badge" data-testid="batch-status">
            {t(`batch.status.${b.status}`)}
          </span>
        </h2>
        <p className="muted">
          {t("batch.page.requested", {
            who: b.requestedBy.displayName,
            at: formatDateTime(b.createdAt, i18n.language),
          })}
          {b.migration && ` · ${t("batch.page.toVersion", { version: b.migration.toVersion })}`}
        </p>
        <p>
          {t("batch.page.reason")}: {b.reason}
        </p>
        <label style={{ display: "block" }}>
          <span data-testid="batch-done-count">{t("batch.page.progress", { done, total: b.total })}</span>
          <progress max={b.total} value={done} style={{ width: "100%", height: 18 }} />
        </label>
        <ul className="filters" style={{ listStyle: "none", padding: 0 }} data-testid="batch-counts">
          {(["succeeded", "failed", "skipped", "pending"] as const).map((s) => (
            <li key={s}>
              <span className={ITEM_BADGE[s]}>{t(`batch.item.${s}`)}</span>{" "}
              {b.counts[s] + (s === "pending" ? b.counts.running : 0)}
            </li>
          ))}
        </ul>
        {b.throughput !== null && <p className="muted">{t("batch.page.throughput", { rate: b.throughput })}</p>}
        {live && (
          <div className="page-actions">
            {b.status === "running" ? (
              <button
                type="button"
                className="btn"
                disabled={control.isPending}
                onClick={() => control.mutate("pause")}
              >
                {t("batch.page.pause")}
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-primary"
                disabled={control.isPending}
                onClick={() => control.mutate("resume")}
              >
                {t("batch.page.resume")}
              </button>
            )}
            <button
              type="button"
              className="btn btn-danger"
              disabled={control.isPending}
              onClick={() => control.mutate("cancel")}
            >
              {t("batch.page.stop")}
            </button>
          </div>
        )}
        {control.isError && <ErrorMessage error={control.error} />}
      </section>
      <BatchItems id={b.id} progress={done + b.counts.running} />
    </>
  );
}

function BatchItems({ id, progress }: { id: string; progress: number }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<BatchItemStatus | "">("");
  const [afters, setAfters] = useState<number[]>([0]);
  const after = afters[afters.length - 1];
  const items = useQuery(batchItemsQuery(id, { ...(status ? { status } : {}), after }, progress));
  const lang = i18n.language === "en" ? "en" : "id";
  return (
    <section className="card" aria-labelledby="batch-items-title" style={{ marginTop: 14 }}>
      <h2 id="batch-items-title">{t("batch.page.items")}</h2>
      <label>
        {t("batch.page.show")}
        <select
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as BatchItemStatus | "");
            setAfters([0]);
          }}
        >
          <option value="">{t("batch.page.all")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`batch.item.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <QueryState query={items}>
        {(page) => (
          <>
            <table className="table table-stack" data-testid="batch-items">
              <thead>
                <tr>
                  <th>{t("batch.page.col.case")}</th>
                  <th>{t("batch.page.col.result")}</th>
                  <th>{t("batch.page.col.note")}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((item) => (
                  <tr key={item.seq}>
                    <td>
                      <Link to={`/permohonan/${item.caseId}`}>{item.caseNumber}</Link>
                    </td>
                    <td data-label={t("batch.page.col.result")}>
                      <span className={ITEM_BADGE[item.status]}>{t(`batch.item.${item.status}`)}</span>
                    </td>
                    <td data-label={t("batch.page.col.note")}>
                      {item.error ? item.error.message[lang] : formatDateTime(item.updatedAt, i18n.language)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="pager">
              <button
                type="button"
                className="btn btn-small"
                disabled={afters.length <= 1}
                onClick={() => setAfters((a) => a.slice(0, -1))}
              >
                {t("common.previous")}
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={page.nextAfter === null}
                onClick={() => setAfters((a) => [...a, page.nextAfter ?? 0])}
              >
                {t("common.next")}
              </button>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

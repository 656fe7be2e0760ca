/**
 * Tracking for applicants: case number and tracking code from the receipt (sent by POST, never in
 * the URL), answered with the stage by the step's name, the due date and the clock stops.
 */
import type { TrackingView, TrackRequest } from "@alur/shared/api";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "wouter";
import { productDocument, saveBlob, trackCase, uploadRequested } from "../../api/queries/public";
import { DocumentInput } from "../../components/document-input";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";
import { PublicFrame } from "./public-frame";
import { TrackingFields } from "./tracking-fields";

export function PublicTrackPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  // the link in the applicant's notices names the case; the code is never in a URL
  const [caseNumber, setCaseNumber] = useState(search.get("nomor") ?? "");
  const [code, setCode] = useState("");
  const lookup = useMutation({ mutationFn: trackCase, onMutate: () => setUpdated(null) });
  // the status an upload answered, until the next lookup
  const [updated, setUpdated] = useState<TrackingView | null>(null);
  const shown = updated ?? lookup.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lookup.mutate({ caseNumber: caseNumber.trim(), code: code.trim() });
  };
  return (
    <PublicFrame district={search.get("d") ?? undefined}>
      <h1>{t("public.trackTitle")}</h1>
      <p className="muted">{t("public.trackIntro")}</p>
      <form className="card public-track-form" onSubmit={submit}>
        <TrackingFields caseNumber={caseNumber} code={code} onCaseNumber={setCaseNumber} onCode={setCode} />
        <button type="submit" className="btn btn-primary" disabled={lookup.isPending}>
          {lookup.isPending ? t("common.loading") : t("public.trackSubmit")}
        </button>
      </form>
      {lookup.isError && <ErrorMessage error={lookup.error} />}
      {lookup.data && (
        <TrackingResult
          view={updated ?? lookup.data}
          credentials={lookup.variables ?? { caseNumber, code }}
          onUpdated={setUpdated}
        />
      )}
      {shown && (
        <p className="card" data-testid="tracking-complaint">
          {t("complaint.offer")}{" "}
          <Link
            to={`/pengaduan?d=${shown.district.code}`}
            state={{ district: shown.district.code, case: { caseNumber: shown.caseNumber, code: code.trim() } }}
          >
            {t("complaint.offerLink")}
          </Link>
        </p>
      )}
      {shown?.status === "completed" && (
        <p className="card" data-testid="tracking-survey">
          {t("survey.offer")}{" "}
          <Link
            to={`/survei${search.get("d") ? `?d=${search.get("d")}` : ""}`}
            state={{ caseNumber: shown.caseNumber, code: code.trim() }}
          >
            {t("survey.offerLink")}
          </Link>
        </p>
      )}
    </PublicFrame>
  );
}

function TrackingResult({
  view,
  credentials,
  onUpdated,
}: {
  view: TrackingView;
  credentials: TrackRequest;
  onUpdated: (view: TrackingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const download = useMutation({
    mutationFn: (product: { id: string; filename: string }) =>
      productDocument({ ...credentials, documentId: product.id }).then((blob) => saveBlob(blob, product.filename)),
  });
  const at = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : "—");
  return (
    <section className="card public-tracking" data-testid="tracking-result" aria-live="polite">
      <h2>{view.serviceName}</h2>
      <p className="muted">
        {view.caseNumber} · {view.district.name}
      </p>
      <dl className="public-facts">
        <dt>{t("public.status")}</dt>
        <dd data-testid="tracking-status">{t(`public.caseStatus.${view.status}`)}</dd>
        {view.status === "active" && (
          <>
            <dt>{t("public.stage")}</dt>
            <dd data-testid="tracking-stage">
              {view.currentSteps.length > 0
                ? view.currentSteps.map((s) => s.name).join(", ")
                : t("public.stageProcessing")}
            </dd>
          </>
        )}
        <dt>{t("public.startedAt")}</dt>
        <dd>{at(view.startedAt)}</dd>
        <dt>{t("public.dueAt")}</dt>
        <dd data-testid="tracking-due">{at(view.dueAt)}</dd>
        {view.endedAt && (
          <>
            <dt>{t("public.endedAt")}</dt>
            <dd>{at(view.endedAt)}</dd>
          </>
        )}
      </dl>
      {view.pausedSince && <p className="alert alert-warn">{t("public.pausedNow", { since: at(view.pausedSince) })}</p>}
      {view.requests.map((r) => (
        <RequestUpload key={r.taskId} request={r} credentials={credentials} onUpdated={onUpdated} />
      ))}
      {view.product && (
        <div className="public-actions">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="tracking-product"
            onClick={() => view.product && download.mutate(view.product)}
            disabled={download.isPending}
          >
            {t("public.downloadProduct", { name: view.product.filename })}
          </button>
          {download.isError && <ErrorMessage error={download.error} />}
        </div>
      )}
      {view.pauses.length > 0 && (
        <>
          <h3>{t("public.pausesTitle")}</h3>
          <ul className="public-pauses" data-testid="tracking-pauses">
            {view.pauses.map((p) => (
              <li key={p.from}>
                {p.step ? t("public.pauseAt", { step: p.step.name }) : t("public.pauseUnnamed")}: {at(p.from)} –{" "}
                {p.until ? at(p.until) : t("public.pauseOngoing")}
              </li>
            ))}
          </ul>
          <p className="muted">{t("public.pauseWhy")}</p>
        </>
      )}
    </section>
  );
}

/** A request of the office (a step the applicant does): its documents, uploaded here. */
function RequestUpload({
  request,
  credentials,
  onUpdated,
}: {
  request: TrackingView["requests"][number];
  credentials: TrackRequest;
  onUpdated: (view: TrackingView) => void;
}) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<Record<string, File>>({});
  const upload = useMutation({
    mutationFn: () => uploadRequested({ ...credentials, taskId: request.taskId }, files),
    onSuccess: onUpdated,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.mutate();
  };
  return (
    <form className="public-request alert alert-warn" data-testid="tracking-request" onSubmit={submit}>
      <h3>{t("public.requestTitle", { step: request.step })}</h3>
      {request.documents.map((d) => (
        <DocumentInput
          key={d.id}
          id={d.id}
          label={d.name}
          fileTypes={d.fileTypes}
          maxSizeMb={d.maxSizeMb}
          setFiles={setFiles}
          hint
        />
      ))}
      {upload.isError && <ErrorMessage error={upload.error} />}
      <button type="submit" className="btn btn-primary" disabled={upload.isPending || Object.keys(files).length === 0}>
        {upload.isPending ? t("public.applySending") : t("public.requestSubmit")}
      </button>
    </form>
  );
}

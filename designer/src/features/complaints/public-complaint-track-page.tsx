/** The complainant follows their complaint: number and tracking code (by POST), the answer once given. */
import type { PublicComplaintView } from "@alur/shared/api";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useHistoryState } from "wouter/use-browser-location";
import { trackComplaint } from "../../api/queries/public";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";
import { PublicFrame } from "../public/public-frame";
import { TrackingFields } from "../public/tracking-fields";
import "./complaints.css";

export function PublicComplaintTrackPage() {
  const { t } = useTranslation();
  const carried = useHistoryState<{ complaintNumber?: string } | null>() ?? {};
  const [complaintNumber, setNumber] = useState(carried.complaintNumber ?? "");
  const [code, setCode] = useState("");
  const lookup = useMutation({ mutationFn: trackComplaint });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lookup.mutate({ complaintNumber: complaintNumber.trim(), code: code.trim() });
  };
  return (
    <PublicFrame district={lookup.data?.district.code}>
      <h1>{t("complaint.trackTitle")}</h1>
      <p className="muted">{t("complaint.trackIntro")}</p>
      <form className="card public-track-form" onSubmit={submit}>
        <TrackingFields
          caseNumber={complaintNumber}
          code={code}
          onCaseNumber={setNumber}
          onCode={setCode}
          number={{ name: "complaintNumber", label: t("complaint.number"), placeholder: "ADU/BKS/2026/000123" }}
        />
        <button type="submit" className="btn btn-primary" disabled={lookup.isPending}>
          {lookup.isPending ? t("common.loading") : t("public.trackSubmit")}
        </button>
      </form>
      {lookup.isError && <ErrorMessage error={lookup.error} />}
      {lookup.data && <ComplaintView view={lookup.data} />}
    </PublicFrame>
  );
}

function ComplaintView({ view }: { view: PublicComplaintView }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string | null) => formatDateTime(iso, i18n.language);
  return (
    <section className="card" data-testid="complaint-view" aria-live="polite">
      <h2>{view.complaintNumber}</h2>
      <p className="muted">
        {view.serviceName ?? t("complaint.serviceGeneral")}
        {view.caseNumber ? ` · ${view.caseNumber}` : ""} · {view.district.name}
      </p>
      <dl className="public-facts complaint-facts">
        <dt>{t("public.status")}</dt>
        <dd data-testid="complaint-status">{view.answer ? t("complaint.answered") : t("complaint.waiting")}</dd>
        <dt>{t("complaint.category")}</dt>
        <dd>{t(`complaint.categories.${view.category}`)}</dd>
        <dt>{t("public.startedAt")}</dt>
        <dd>{at(view.receivedAt)}</dd>
        <dt>{t("complaint.dueAt")}</dt>
        <dd>{at(view.dueAt)}</dd>
        {view.respondedAt && (
          <>
            <dt>{t("complaint.answeredAt")}</dt>
            <dd>{at(view.respondedAt)}</dd>
          </>
        )}
      </dl>
      <blockquote className="complaint-text">{view.text}</blockquote>
      {view.answer && (
        <div className="alert alert-ok complaint-answer" data-testid="complaint-answer">
          <h3>{t("complaint.answerTitle")}</h3>
          <p className="complaint-text">{view.answer}</p>
        </div>
      )}
    </section>
  );
}

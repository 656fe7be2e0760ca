/**
 * The public complaint form (pengaduan), for phones: about a service of the district, or about the
 * applicant's own case when they come from the tracking page (case number and code carried in the
 * page's state, never the URL, and checked by the server's tracked-case door). The receipt gives the
 * complaint number and a tracking code, and the time by which the office answers (3 × 24 hours).
 */
import type { ComplaintReceipt, TrackRequest } from "@alur/shared/api";
import { COMPLAINT_CATEGORIES } from "@alur/shared/complaints";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "wouter";
import { useHistoryState } from "wouter/use-browser-location";
import { fileComplaint, publicCatalogueQuery } from "../../api/queries/public";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";
import { PublicFrame } from "../public/public-frame";
import "./complaints.css";

export function PublicComplaintPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const carried = useHistoryState<{ case?: TrackRequest; district?: string } | null>() ?? {};
  const district = carried.district ?? search.get("d") ?? "";
  const catalogue = useQuery({ ...publicCatalogueQuery(district), enabled: /^\d{4,6}$/.test(district) });
  const [processId, setProcessId] = useState(search.get("layanan") ?? "");
  const [category, setCategory] = useState("");
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [noContact, setNoContact] = useState(false);
  const send = useMutation({ mutationFn: fileComplaint });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!phone.trim() && !email.trim()) {
      setNoContact(true);
      return;
    }
    setNoContact(false);
    send.mutate({
      district,
      ...(carried.case ? { case: carried.case } : processId ? { processId } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
      contact: { ...(phone.trim() ? { phone: phone.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}) },
      category: category as (typeof COMPLAINT_CATEGORIES)[number],
      text: text.trim(),
    });
  };
  if (send.data) return <Receipt receipt={send.data} district={district} />;
  return (
    <PublicFrame district={district || undefined}>
      <h1>{t("complaint.title")}</h1>
      <p className="muted">{t("complaint.intro")}</p>
      <form className="card complaint-form" onSubmit={submit}>
        {carried.case ? (
          <p className="alert alert-ok" data-testid="complaint-case">
            {t("complaint.aboutCase", { caseNumber: carried.case.caseNumber })}
          </p>
        ) : (
          <label>
            {t("complaint.service")}
            <select name="processId" value={processId} onChange={(e) => setProcessId(e.target.value)}>
              <option value="">{t("complaint.serviceGeneral")}</option>
              {(catalogue.data?.items ?? []).map((s) => (
                <option key={s.processId} value={s.processId}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t("complaint.category")}
          <select name="category" value={category} onChange={(e) => setCategory(e.target.value)} required>
            <option value="">—</option>
            {COMPLAINT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("complaint.text")}
          <textarea
            name="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            minLength={10}
            maxLength={2000}
            rows={6}
          />
          <span className="muted">{t("complaint.textHint", { count: 2000 - text.length })}</span>
        </label>
        <label>
          {t("complaint.name")}
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            autoComplete="name"
          />
          <span className="muted">{t("complaint.nameHint")}</span>
        </label>
        <fieldset className="complaint-contact">
          <legend>{t("complaint.contact")}</legend>
          <p className="muted">{t("complaint.contactHint")}</p>
          <label>
            {t("public.phone")}
            <input
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              maxLength={30}
            />
          </label>
          <label>
            {t("public.email")}
            <input
              name="email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              maxLength={200}
            />
          </label>
        </fieldset>
        {noContact && (
          <p className="alert alert-error" role="alert">
            {t("public.contactMissing")}
          </p>
        )}
        {send.isError && <ErrorMessage error={send.error} />}
        <button type="submit" className="btn btn-primary" disabled={send.isPending || !district}>
          {send.isPending ? t("public.applySending") : t("complaint.submit")}
        </button>
      </form>
      <p>
        <Link to="/pengaduan/lacak">{t("complaint.trackTitle")}</Link>
      </p>
    </PublicFrame>
  );
}

function Receipt({ receipt, district }: { receipt: ComplaintReceipt; district: string }) {
  const { t, i18n } = useTranslation();
  return (
    <PublicFrame district={district || undefined}>
      <section className="card" data-testid="complaint-receipt" aria-live="polite">
        <h1>{t("complaint.receiptTitle")}</h1>
        <p>{t("complaint.receiptIntro")}</p>
        <dl className="public-facts complaint-facts">
          <dt>{t("complaint.number")}</dt>
          <dd data-testid="complaint-number">{receipt.complaintNumber}</dd>
          <dt>{t("public.trackingCode")}</dt>
          <dd data-testid="complaint-code" className="complaint-code">
            {receipt.trackingCode}
          </dd>
          <dt>{t("public.startedAt")}</dt>
          <dd>{formatDateTime(receipt.receivedAt, i18n.language)}</dd>
          <dt>{t("complaint.dueAt")}</dt>
          <dd data-testid="complaint-due">{formatDateTime(receipt.dueAt, i18n.language)}</dd>
        </dl>
        <Link className="btn" to="/pengaduan/lacak" state={{ complaintNumber: receipt.complaintNumber }}>
          {t("complaint.trackThis")}
        </Link>
      </section>
    </PublicFrame>
  );
}

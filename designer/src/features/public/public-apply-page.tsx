/**
 * Online application (no sign-in): the applicant's details, the service's start form (checked in
 * the browser with the server's rules before sending; the API checks it again), the
 * requirement documents and a phone number and/or email; then the tanda terima on screen, with
 * its PDF and the way to tracking. A start form of plain fields is rendered with plain inputs
 * (`simple-form.ts`); form-js (about 200 kB gzip, more than the public pages' whole budget) loads
 * only for a start form that needs it.
 */
import type { ApplicantContact, ApplicationReceipt, PublicServiceView } from "@alur/shared/api";
import { indonesianMobile } from "@alur/shared/contact";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, lazy, Suspense, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import {
  applyOnline,
  publicServiceQuery,
  receiptPdf,
  requestVerificationCode,
  saveBlob,
} from "../../api/queries/public";
import { DocumentInput } from "../../components/document-input";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";
import { QueryState, Spinner } from "../../components/query-state";
import type { FormSubmitResult } from "../forms/form-viewer";
import { PublicFrame } from "./public-frame";
import { simpleFields } from "./simple-form";
import { SimpleFormView } from "./simple-form-view";

const FormViewer = lazy(async () => ({ default: (await import("../forms/form-viewer")).FormViewer }));

export function PublicApplyPage() {
  const { district = "", processId = "" } = useParams();
  const service = useQuery(publicServiceQuery(district, processId));
  const [receipt, setReceipt] = useState<ApplicationReceipt | null>(null);
  return (
    <PublicFrame district={district}>
      <QueryState query={service}>
        {(view) =>
          receipt ? <Receipt receipt={receipt} /> : <ApplyForm view={view} onReceipt={(r) => setReceipt(r)} />
        }
      </QueryState>
    </PublicFrame>
  );
}

function ApplyForm({ view, onReceipt }: { view: PublicServiceView; onReceipt: (r: ApplicationReceipt) => void }) {
  const { t } = useTranslation();
  const requirements = view.standard.standard.requirements;
  const simpleForm = useMemo(() => (view.startForm ? simpleFields(view.startForm) : null), [view.startForm]);
  const [files, setFiles] = useState<Record<string, File>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const variables = useRef<Record<string, unknown>>({});
  const submitForm = useRef<(() => FormSubmitResult) | null>(null);
  const send = useMutation({
    mutationFn: (data: Parameters<typeof applyOnline>[2]) =>
      applyOnline(view.district.code, view.service.processId, data, files),
    onSuccess: (r) => {
      onReceipt(r);
      window.scrollTo(0, 0);
    },
  });
  const form = useRef<HTMLFormElement>(null);
  // the API's rule for the number (zod, which the API uses, would weigh more than this page);
  // the email's format is the browser's and the API's business
  const contactOf = (fields: FormData): { contact: ApplicantContact } | { problem: string } => {
    const phone = String(fields.get("phone") ?? "").trim();
    const email = String(fields.get("email") ?? "")
      .trim()
      .toLowerCase();
    if (!phone && !email) return { problem: t("public.contactMissing") };
    const mobile = phone ? indonesianMobile(phone) : undefined;
    if (mobile === null) return { problem: t("public.phoneInvalid") };
    return { contact: { ...(mobile ? { phone: mobile } : {}), ...(email ? { email } : {}) } };
  };
  const askCode = useMutation({
    mutationFn: (contact: ApplicantContact) => requestVerificationCode(view.district.code, { contact }),
  });
  const missing = requirements.filter((r) => r.mandatory && !files[r.id]);
  const sendCode = () => {
    setProblem(null);
    if (!form.current) return;
    const contact = contactOf(new FormData(form.current));
    if ("problem" in contact) return setProblem(contact.problem);
    askCode.mutate(contact.contact);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    const fields = new FormData(event.currentTarget);
    const text = (name: string) => String(fields.get(name) ?? "").trim();
    let formData = variables.current;
    if (view.startForm) {
      // still loading: sending now would skip the form's own checks
      if (!submitForm.current) return setProblem(t("public.formLoading"));
      const result = submitForm.current();
      if (Object.keys(result.errors).length > 0) return setProblem(t("public.formIncomplete"));
      formData = result.data;
    }
    const contact = contactOf(fields);
    if ("problem" in contact) return setProblem(contact.problem);
    const code = text("verificationCode");
    if (view.contactVerification && !/^\d{6}$/.test(code)) return setProblem(t("public.verificationMissing"));
    if (missing.length > 0)
      return setProblem(t("public.missingDocuments", { names: missing.map((m) => m.name).join(", ") }));
    send.mutate({
      applicant: {
        name: text("name"),
        ...(text("nik") ? { nik: text("nik") } : {}),
        ...(text("address") ? { address: text("address") } : {}),
      },
      contact: contact.contact,
      variables: formData,
      ...(view.contactVerification ? { verificationCode: code } : {}),
    });
  };
  return (
    <>
      <h1>{t("public.applyTitle", { service: view.service.name })}</h1>
      <p className="muted">{t("public.applyIntro")}</p>
      <form className="public-apply" onSubmit={submit} noValidate={false} ref={form}>
        <fieldset className="card">
          <legend>{t("public.applicantSection")}</legend>
          <label>
            {t("public.applicantName")}
            <input name="name" required maxLength={200} autoComplete="name" />
          </label>
          <label>
            {t("public.applicantNik")}
            <input name="nik" inputMode="numeric" pattern="\d{16}" maxLength={16} />
          </label>
          <label>
            {t("public.applicantAddress")}
            <textarea name="address" rows={2} maxLength={500} autoComplete="street-address" />
          </label>
        </fieldset>
        {view.startForm && (
          <fieldset className="card">
            <legend>{t("public.formSection")}</legend>
            {simpleForm ? (
              <SimpleFormView
                schema={view.startForm}
                fields={simpleForm}
                onReady={(read) => {
                  submitForm.current = read;
                }}
              />
            ) : (
              <Suspense fallback={<Spinner />}>
                <FormViewer
                  schema={view.startForm}
                  initialData={{}}
                  onChange={(data) => {
                    variables.current = data;
                  }}
                  onReady={(read) => {
                    submitForm.current = read;
                  }}
                />
              </Suspense>
            )}
          </fieldset>
        )}
        <fieldset className="card">
          <legend>{t("public.documentsSection")}</legend>
          {requirements.length === 0 && <p className="muted">{t("public.documentsNone")}</p>}
          {requirements.map((r) => (
            <DocumentInput
              key={r.id}
              id={r.id}
              label={`${r.name} ${r.mandatory ? "*" : `(${t("public.optional")})`}`}
              fileTypes={r.fileTypes}
              maxSizeMb={r.maxSizeMb}
              setFiles={setFiles}
              hint
            />
          ))}
        </fieldset>
        <fieldset className="card">
          <legend>{t("public.contactSection")}</legend>
          <p className="muted">{t("public.contactHint")}</p>
          <label>
            {t("public.phone")}
            <input
              name="phone"
              type="tel"
              inputMode="tel"
              maxLength={30}
              autoComplete="tel"
              placeholder="0812 3456 7890"
            />
          </label>
          <label>
            {t("public.email")}
            <input name="email" type="email" maxLength={200} autoComplete="email" />
          </label>
          {view.contactVerification && (
            <div className="public-verification" data-testid="verification">
              <p className="muted">{t("public.verificationHint")}</p>
              <button type="button" className="btn" onClick={sendCode} disabled={askCode.isPending}>
                {askCode.isSuccess ? t("public.verificationResend") : t("public.verificationSend")}
              </button>
              {askCode.isSuccess && (
                <p className="alert alert-ok" role="status" data-testid="verification-sent">
                  {t("public.verificationSent", {
                    to: [askCode.data.sentTo.phone, askCode.data.sentTo.email].filter(Boolean).join(", "),
                  })}
                </p>
              )}
              {askCode.isError && <ErrorMessage error={askCode.error} />}
              <label>
                {t("public.verificationCode")}
                <input
                  name="verificationCode"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="\d{6}"
                  maxLength={6}
                  required
                />
              </label>
            </div>
          )}
        </fieldset>
        {problem && (
          <p className="alert alert-warn" role="alert">
            {problem}
          </p>
        )}
        {send.isError && <ErrorMessage error={send.error} />}
        <button type="submit" className="btn btn-primary" disabled={send.isPending}>
          {send.isPending ? t("public.applySending") : t("public.applySubmit")}
        </button>
      </form>
    </>
  );
}

function Receipt({ receipt }: { receipt: ApplicationReceipt }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : "—");
  const download = useMutation({
    mutationFn: () => receiptPdf({ caseNumber: receipt.caseNumber, code: receipt.trackingCode }),
    onSuccess: (blob) => saveBlob(blob, `tanda-terima-${receipt.caseNumber.replace(/[^\w.-]/g, "_")}.pdf`),
  });
  const contact = [receipt.contact.phone, receipt.contact.email].filter(Boolean).join(", ");
  return (
    <section className="card public-receipt" data-testid="receipt" aria-live="polite">
      <h1>{t("public.receiptTitle")}</h1>
      <p className="alert alert-warn">{t("public.receiptIntro")}</p>
      <dl className="public-facts">
        <dt>{t("public.caseNumber")}</dt>
        <dd data-testid="receipt-case-number">{receipt.caseNumber}</dd>
        <dt>{t("public.trackingCode")}</dt>
        <dd className="public-code" data-testid="receipt-code">
          {receipt.trackingCode}
        </dd>
        <dt>{t("public.serviceLabel")}</dt>
        <dd>{receipt.serviceName}</dd>
        <dt>{t("public.applicantName")}</dt>
        <dd>{receipt.applicantName}</dd>
        <dt>{t("public.startedAt")}</dt>
        <dd>{at(receipt.receivedAt)}</dd>
        <dt>{t("public.dueAt")}</dt>
        <dd data-testid="receipt-due">{at(receipt.dueAt)}</dd>
        <dt>{t("public.noticesTo")}</dt>
        <dd>{contact}</dd>
      </dl>
      <h2>{t("public.receivedDocuments")}</h2>
      <ul data-testid="receipt-documents">
        {receipt.documents.map((d) => (
          <li key={`${d.requirementId}:${d.filename}`}>
            {d.name}: {d.filename}
          </li>
        ))}
      </ul>
      {receipt.fields.length > 0 && (
        <>
          <h2>{t("public.receivedFields")}</h2>
          <dl className="public-facts">
            {receipt.fields.map((f) => (
              <div key={f.label} style={{ display: "contents" }}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <div className="public-actions no-print">
        <button type="button" className="btn" onClick={() => download.mutate()} disabled={download.isPending}>
          {t("public.downloadReceipt")}
        </button>
        <Link
          className="btn btn-primary"
          to={`/lacak?d=${receipt.district.code}&nomor=${encodeURIComponent(receipt.caseNumber)}`}
        >
          {t("public.trackThis")}
        </Link>
      </div>
      {download.isError && <ErrorMessage error={download.error} />}
    </section>
  );
}

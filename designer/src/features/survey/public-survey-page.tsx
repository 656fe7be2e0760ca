/**
 * The satisfaction survey for applicants: offered on the tracking page once the case is completed
 * (case number and code carried over in the page's state, never in the URL), or opened from the
 * final notification's link and authorized by typing them.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "wouter";
import { useHistoryState } from "wouter/use-browser-location";
import { answerSurvey } from "../../api/queries/public";
import { ErrorMessage } from "../../components/error-message";
import { PublicFrame } from "../public/public-frame";
import { TrackingFields } from "../public/tracking-fields";
import { SurveyQuestionnaire, useQuestionnaire } from "./survey-questionnaire";

export function PublicSurveyPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const carried = useHistoryState<{ caseNumber?: string; code?: string } | null>() ?? {};
  const [caseNumber, setCaseNumber] = useState(carried.caseNumber ?? search.get("n") ?? "");
  const [code, setCode] = useState(carried.code ?? "");
  const form = useQuestionnaire();
  const send = useMutation({ mutationFn: answerSurvey });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.answers) return;
    send.mutate({ caseNumber: caseNumber.trim(), code: code.trim(), answers: form.answers });
  };
  const district = search.get("d") ?? undefined;
  if (send.isSuccess) {
    return (
      <PublicFrame district={district}>
        <section className="card" data-testid="survey-thanks" aria-live="polite">
          <h1>{t("survey.thanksTitle")}</h1>
          <p>{t("survey.thanksBody")}</p>
        </section>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame district={district}>
      <h1>{t("survey.title")}</h1>
      <p className="muted">{t("survey.intro")}</p>
      <form onSubmit={submit} className="survey-form">
        <div className="card public-track-form">
          <TrackingFields caseNumber={caseNumber} code={code} onCaseNumber={setCaseNumber} onCode={setCode} />
        </div>
        <SurveyQuestionnaire form={form} />
        {send.isError && <ErrorMessage error={send.error} />}
        <p className="muted" aria-live="polite">
          {form.missing > 0 ? t("survey.missing", { count: form.missing }) : t("survey.ready")}
        </p>
        <button type="submit" className="btn btn-primary" disabled={send.isPending || !form.answers}>
          {send.isPending ? t("common.loading") : t("survey.submit")}
        </button>
      </form>
    </PublicFrame>
  );
}

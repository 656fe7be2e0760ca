/**
 * The SKM questionnaire of Permenpan RB 14/2017: the nine elements, each on the four-point scale
 * as the regulation words it, then the respondent data (optional) and a suggestion. The same form
 * for the applicant online and for the front office typing in a paper questionnaire.
 */
import type { SurveyAnswers, SurveyRespondent } from "@alur/shared/api";
import { EDUCATION, OCCUPATION, SURVEY_ELEMENTS, SURVEY_QUESTIONS, type SurveyElement } from "@alur/shared/survey";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import "./survey.css";

type Scores = Partial<Record<SurveyElement, number>>;

/** The answers once every element is scored; undefined before. */
export function completeAnswers(
  scores: Scores,
  respondent: SurveyRespondent,
  suggestion: string,
): SurveyAnswers | undefined {
  if (!SURVEY_ELEMENTS.every((e) => scores[e] !== undefined)) return undefined;
  return {
    scores: scores as Record<SurveyElement, number>,
    respondent,
    ...(suggestion.trim() ? { suggestion: suggestion.trim() } : {}),
  };
}

export function useQuestionnaire() {
  const [scores, setScores] = useState<Scores>({});
  const [respondent, setRespondent] = useState<SurveyRespondent>({});
  const [suggestion, setSuggestion] = useState("");
  return {
    scores,
    respondent,
    suggestion,
    setScore: (e: SurveyElement, v: number) => setScores((s) => ({ ...s, [e]: v })),
    setRespondent,
    setSuggestion,
    answers: completeAnswers(scores, respondent, suggestion),
    missing: SURVEY_ELEMENTS.filter((e) => scores[e] === undefined).length,
  };
}

export function SurveyQuestionnaire({ form }: { form: ReturnType<typeof useQuestionnaire> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "id";
  return (
    <div className="survey-questions">
      {SURVEY_ELEMENTS.map((element, index) => {
        const q = SURVEY_QUESTIONS[element];
        return (
          <fieldset key={element} className="card survey-question" data-testid={`survey-${element}`}>
            <legend>
              <span className="survey-number">U{index + 1}</span> {q.name[lang]}
            </legend>
            <p>{q.question[lang]}</p>
            <div className="survey-scale">
              {q.answers.map((answer, i) => (
                <label key={answer.id} className="survey-option">
                  <input
                    type="radio"
                    name={element}
                    value={i + 1}
                    checked={form.scores[element] === i + 1}
                    onChange={() => form.setScore(element, i + 1)}
                    required
                  />
                  <span>
                    {String.fromCharCode(97 + i)}. {answer[lang]}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <fieldset className="card survey-respondent">
        <legend>{t("survey.respondentTitle")}</legend>
        <p className="muted">{t("survey.respondentOptional")}</p>
        <label>
          {t("survey.age")}
          <input
            type="number"
            name="age"
            min={10}
            max={120}
            inputMode="numeric"
            value={form.respondent.age ?? ""}
            onChange={(e) => {
              const age = Number.parseInt(e.target.value, 10);
              form.setRespondent(({ age: _, ...rest }) => (Number.isFinite(age) ? { ...rest, age } : rest));
            }}
          />
        </label>
        <label>
          {t("survey.sex")}
          <select
            name="sex"
            value={form.respondent.sex ?? ""}
            onChange={(e) =>
              form.setRespondent(({ sex: _, ...rest }) =>
                e.target.value ? { ...rest, sex: e.target.value as "l" | "p" } : rest,
              )
            }
          >
            <option value="">—</option>
            <option value="l">{t("survey.sexL")}</option>
            <option value="p">{t("survey.sexP")}</option>
          </select>
        </label>
        <label>
          {t("survey.education")}
          <select
            name="education"
            value={form.respondent.education ?? ""}
            onChange={(e) =>
              form.setRespondent(({ education: _, ...rest }) =>
                e.target.value ? { ...rest, education: e.target.value as (typeof EDUCATION)[number] } : rest,
              )
            }
          >
            <option value="">—</option>
            {EDUCATION.map((v) => (
              <option key={v} value={v}>
                {t(`survey.educationOptions.${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("survey.occupation")}
          <select
            name="occupation"
            value={form.respondent.occupation ?? ""}
            onChange={(e) =>
              form.setRespondent(({ occupation: _, ...rest }) =>
                e.target.value ? { ...rest, occupation: e.target.value as (typeof OCCUPATION)[number] } : rest,
              )
            }
          >
            <option value="">—</option>
            {OCCUPATION.map((v) => (
              <option key={v} value={v}>
                {t(`survey.occupationOptions.${v}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <label className="card survey-suggestion">
        {t("survey.suggestion")}
        <textarea
          name="suggestion"
          maxLength={2000}
          rows={3}
          value={form.suggestion}
          onChange={(e) => form.setSuggestion(e.target.value)}
        />
      </label>
    </div>
  );
}

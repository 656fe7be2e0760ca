/** The validator's findings; clicking one selects the element on the canvas. */
import type { Problem } from "@alur/shared/compiler";
import { useTranslation } from "react-i18next";

export function ProblemsList({ problems, onSelect }: { problems: Problem[]; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <section className="card" aria-labelledby="problems-title" style={{ marginTop: 10 }}>
      <h2 id="problems-title">
        {t("designer.problems")}{" "}
        <span className={errors > 0 ? "badge badge-overdue" : "badge badge-ok"} data-testid="problem-count">
          {t("designer.problemCount", { errors, warnings: problems.length - errors })}
        </span>
      </h2>
      {problems.length === 0 ? (
        <p className="muted">{t("designer.noProblems")}</p>
      ) : (
        <ul className="problems">
          {problems.map((p) => (
            <li key={`${p.elementId}-${p.code}-${p.message.en}`}>
              <span className={p.severity === "error" ? "badge badge-overdue" : "badge"}>
                {t(`designer.severity.${p.severity}`)}
              </span>{" "}
              {p.elementId && (
                <button type="button" onClick={() => onSelect(p.elementId)}>
                  {p.elementId}
                </button>
              )}{" "}
              {i18n.language === "en" ? p.message.en : p.message.id} <code className="muted">{p.code}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The validator's findings, worded by the shared compiler (element names first, ids as a detail);
 * clicking one selects the element on the canvas and scrolls it into view.
 */
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
          {problems.map((p) => {
            const message = i18n.language === "en" ? p.message.en : p.message.id;
            return (
              <li key={`${p.elementId}-${p.code}-${p.message.en}`} data-testid="problem" data-element-id={p.elementId}>
                <span className={p.severity === "error" ? "badge badge-overdue" : "badge"}>
                  {t(`designer.severity.${p.severity}`)}
                </span>{" "}
                {p.elementId ? (
                  <button type="button" title={t("designer.showElement")} onClick={() => onSelect(p.elementId)}>
                    {message}
                  </button>
                ) : (
                  message
                )}{" "}
                <small className="muted">
                  {p.elementId && <code>{p.elementId}</code>} <code>{p.code}</code>
                </small>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

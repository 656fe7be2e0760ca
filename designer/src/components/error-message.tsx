/** Shows an error in the user's language: the API's bilingual message when there is one. */
import { useTranslation } from "react-i18next";
import { HttpError } from "../api/http";

/** The text to show for any thrown value. */
function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (error instanceof HttpError) return i18n.language === "en" ? error.bilingual.en : error.bilingual.id;
    return t("common.unexpectedError");
  };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="alert alert-error" role="alert">
      <span>{text(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

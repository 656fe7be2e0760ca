/** What a page that failed to load (e.g. a lazy chunk after a redeploy) or threw shows: a plain message and a reload. */
import { useTranslation } from "react-i18next";

export function PageFailed() {
  const { t } = useTranslation();
  return (
    <main className="full-page-state">
      <div className="alert alert-error" role="alert">
        <p>{t("common.pageFailed")}</p>
        <p>
          <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>
            {t("common.reload")}
          </button>
        </p>
      </div>
    </main>
  );
}

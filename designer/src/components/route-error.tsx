/** Shown when a route fails to load (e.g. a lazy chunk after a redeploy) or throws while rendering. */
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  // the error goes to the console for the developer; the user sees a plain message
  console.warn(error);
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

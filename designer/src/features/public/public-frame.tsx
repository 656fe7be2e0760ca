/** The frame of the public pages: no session, no staff navigation; the office, the tracking link, the language. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { LanguageSwitch } from "../../components/language-switch";
import "./public.css";

export function PublicFrame({ district, children }: { district?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public">
      <header className="public-bar no-print">
        <Link className="public-brand" to={district ? `/publik/${district}` : "/lacak"}>
          {t("public.brand")}
        </Link>
        <Link to={district ? `/lacak?d=${district}` : "/lacak"}>{t("public.trackLink")}</Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="public-main">
        {children}
      </main>
    </div>
  );
}

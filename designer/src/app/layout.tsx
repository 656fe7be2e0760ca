/** The frame around every signed-in page: navigation (a side bar on desktop, a top bar on phones). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useNavigate } from "react-router";
import { logout } from "../api/mutations/session";
import { LanguageSwitch } from "../components/language-switch";
import { Spinner } from "../components/query-state";
import { useSession } from "./use-session";

export function Layout() {
  const { t } = useTranslation();
  const { user, isAdmin } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => {
      client.clear();
      void navigate("/masuk");
    },
  });
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <nav className="nav" aria-label={t("nav.label")}>
        <span className="brand">Alur</span>
        <NavLink to="/tugas">{t("nav.inbox")}</NavLink>
        <NavLink to="/permohonan/baru">{t("nav.newCase")}</NavLink>
        <NavLink to="/katalog">{t("nav.catalogue")}</NavLink>
        {isAdmin && <NavLink to="/desainer">{t("nav.designer")}</NavLink>}
        <span className="nav-spacer" />
        <LanguageSwitch />
        {user && (
          <span className="nav-user" title={user.roles.join(", ")}>
            {user.displayName}
          </span>
        )}
        <button type="button" className="btn btn-small btn-ghost" onClick={() => signOut.mutate()}>
          {t("nav.logout")}
        </button>
      </nav>
      <main id="main" className="main">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

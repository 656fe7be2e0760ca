/**
 * The frame around every signed-in page: navigation as a side bar on desktop; on phones a one-row
 * top bar whose links open from a menu button, so the bar never wraps.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { logout } from "../api/mutations/session";
import { LanguageSwitch } from "../components/language-switch";
import { Spinner } from "../components/query-state";
import { NotificationBell } from "../features/notifications/notification-bell";
import { useSession } from "./use-session";

export function Layout() {
  const { t } = useTranslation();
  const { user, isAdmin } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // a followed link closes the phone menu
  // biome-ignore lint/correctness/useExhaustiveDependencies: the route change is the trigger
  useEffect(() => setMenuOpen(false), [location.pathname]);
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
      <nav
        className="nav"
        aria-label={t("nav.label")}
        onKeyDown={(e) => {
          if (e.key === "Escape" && menuOpen) setMenuOpen(false);
        }}
      >
        <span className="brand">Alur</span>
        {/* with a temporary password every other request is refused until it is changed */}
        {!user?.mustChangePassword && <NotificationBell />}
        <button
          type="button"
          className="btn btn-small btn-ghost nav-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav-links"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">☰</span> {t("nav.menu")}
        </button>
        <div id="nav-links" className={menuOpen ? "nav-links open" : "nav-links"}>
          <NavLink to="/tugas">{t("nav.inbox")}</NavLink>
          <NavLink to="/permohonan" end>
            {t("nav.cases")}
          </NavLink>
          <NavLink to="/permohonan/baru">{t("nav.newCase")}</NavLink>
          <NavLink to="/katalog">{t("nav.catalogue")}</NavLink>
          <NavLink to="/survei-kepuasan">{t("nav.survey")}</NavLink>
          <NavLink to="/pengaduan-masuk">{t("nav.complaints")}</NavLink>
          <NavLink to="/laporan">{t("nav.reports")}</NavLink>
          {isAdmin && <NavLink to="/desainer">{t("nav.designer")}</NavLink>}
          {isAdmin && <NavLink to="/pengguna">{t("nav.people")}</NavLink>}
          <span className="nav-spacer" />
          {user && (
            <span className="nav-user" title={user.roles.join(", ")}>
              {user.displayName}
            </span>
          )}
          {user && !user.sso && <NavLink to="/ganti-sandi">{t("nav.password")}</NavLink>}
          <button type="button" className="btn btn-small btn-ghost" onClick={() => signOut.mutate()}>
            {t("nav.logout")}
          </button>
        </div>
        <LanguageSwitch />
      </nav>
      <main id="main" className="main">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

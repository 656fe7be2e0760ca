/** Sign-in with username and password; back to where the user was going. */
import type { MeResponse } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { login } from "../api/mutations/session";
import { paths } from "../api/paths";
import { oidcConfigQuery } from "../api/queries/people";
import { rememberSession, sessionQuery } from "../api/queries/session";
import { ErrorMessage } from "../components/error-message";
import { LanguageSwitch } from "../components/language-switch";

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [search] = useSearchParams();
  const ssoError = search.get("sso");
  const oidc = useQuery(oidcConfigQuery());
  const from = (location.state as { from?: string } | null)?.from;
  const signIn = useMutation({
    mutationFn: () => login(username.trim(), password),
    onSuccess: (res) => {
      const me: MeResponse = { user: res.user, csrfToken: res.csrfToken ?? null, expiresAt: res.expiresAt };
      client.setQueryData(sessionQuery().queryKey, () => me);
      void navigate(from && from !== "/masuk" ? from : "/tugas", { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-top">
          <h1 id="login-title">Alur</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t("login.intro")}</p>
        <label>
          {t("login.username")}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t("login.password")}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {signIn.isError && <ErrorMessage error={signIn.error} />}
        <button type="submit" className="btn btn-primary" disabled={signIn.isPending}>
          {signIn.isPending ? t("login.signingIn") : t("login.submit")}
        </button>
        {ssoError && (
          <p className="alert alert-error" role="alert">
            {t(
              ssoError === "sso-no-access"
                ? "login.ssoNoAccess"
                : ssoError === "sso-unavailable"
                  ? "login.ssoUnavailable"
                  : "login.ssoFailed",
            )}
          </p>
        )}
        {oidc.data?.enabled && (
          <a
            className="btn login-sso"
            href={`${paths.oidcStart}?returnTo=${encodeURIComponent(from && from !== "/masuk" ? from : "/tugas")}`}
            // the callback sets the session cookie; the app asks /me once back
            onClick={() => rememberSession(true)}
          >
            {t("login.sso", { label: oidc.data.label })}
          </a>
        )}
      </form>
    </main>
  );
}

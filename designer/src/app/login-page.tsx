/** Sign-in with username and password; back to where the user was going. */
import type { MeResponse } from "@alur/shared/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { login } from "../api/mutations/session";
import { sessionQuery } from "../api/queries/session";
import { ErrorMessage } from "../components/error-message";
import { LanguageSwitch } from "../components/language-switch";

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation({
    mutationFn: () => login(username.trim(), password),
    onSuccess: (res) => {
      const me: MeResponse = { user: res.user, csrfToken: res.csrfToken ?? null, expiresAt: res.expiresAt };
      client.setQueryData(sessionQuery().queryKey, () => me);
      const from = (location.state as { from?: string } | null)?.from;
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
      </form>
    </main>
  );
}

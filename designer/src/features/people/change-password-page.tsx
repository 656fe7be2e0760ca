/** The signed-in user chooses a new password; required after a temporary one. */
import type { MeResponse } from "@alur/shared/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { changePassword } from "../../api/mutations/people";
import { sessionQuery } from "../../api/queries/session";
import { useSession } from "../../app/use-session";
import { ErrorMessage } from "../../components/error-message";
import { PageHeader } from "../../components/page-header";

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const change = useMutation({
    mutationFn: () => changePassword({ currentPassword: current, newPassword: next }),
    onSuccess: (me: MeResponse) => {
      client.setQueryData(sessionQuery().queryKey, () => me);
      void navigate("/tugas", { replace: true });
    },
  });
  const mismatch = repeat !== "" && repeat !== next;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!mismatch) change.mutate();
  };
  return (
    <>
      <PageHeader
        title={t("password.title")}
        sub={user?.mustChangePassword ? t("password.required") : t("password.sub")}
      />
      <form className="card people-form" onSubmit={submit}>
        <label>
          {t("password.current")}
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          {t("password.new")}
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            minLength={10}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </label>
        <label>
          {t("password.repeat")}
          <input
            name="repeat-password"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            required
          />
        </label>
        {mismatch && (
          <p className="alert alert-error" role="alert">
            {t("password.mismatch")}
          </p>
        )}
        {change.error && <ErrorMessage error={change.error} />}
        <button type="submit" className="btn btn-primary" disabled={change.isPending || mismatch}>
          {t("password.submit")}
        </button>
      </form>
    </>
  );
}

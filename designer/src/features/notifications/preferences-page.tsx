/** Where a user chooses how each kind of notification reaches them, and gives the addresses. */
import { NotificationChannelName, NotificationKind, type NotificationPreferences } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { saveNotificationPreferences } from "../../api/mutations/notifications";
import { notificationKeys, notificationPreferencesQuery } from "../../api/queries/notifications";
import { ErrorMessage } from "../../components/error-message";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";

export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const prefs = useQuery(notificationPreferencesQuery());
  return (
    <>
      <PageHeader title={t("notifications.preferences.title")} sub={t("notifications.preferences.sub")} />
      <QueryState query={prefs}>{(data) => <PreferencesForm initial={data} />}</QueryState>
    </>
  );
}

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(initial);
  useEffect(() => setDraft(initial), [initial]);
  const save = useMutation({
    mutationFn: saveNotificationPreferences,
    onSuccess: (saved) => {
      client.setQueryData(notificationKeys.preferences, saved);
      void client.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
  const toggle = (kind: NotificationKind, channel: NotificationChannelName, on: boolean) =>
    setDraft((d) => {
      const current = d.channels[kind];
      const next = on ? [...new Set([...current, channel])] : current.filter((c) => c !== channel);
      return { ...d, channels: { ...d.channels, [kind]: next } };
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  return (
    <form className="card prefs-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="pref-email">{t("notifications.preferences.email")}</label>
        <input
          id="pref-email"
          type="email"
          value={draft.email ?? ""}
          onChange={(e) => setDraft({ ...draft, email: e.target.value.trim() || null })}
        />
      </div>
      <div className="field">
        <label htmlFor="pref-phone">{t("notifications.preferences.phone")}</label>
        <input
          id="pref-phone"
          type="tel"
          placeholder="+62812…"
          value={draft.phone ?? ""}
          onChange={(e) => setDraft({ ...draft, phone: e.target.value.trim() || null })}
        />
      </div>
      <table className="prefs-table">
        <thead>
          <tr>
            <th scope="col">{t("notifications.preferences.kind")}</th>
            {NotificationChannelName.options.map((channel) => (
              <th scope="col" key={channel}>
                {t(`notifications.channel.${channel}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NotificationKind.options.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`notifications.kind.${kind}`)}</th>
              {NotificationChannelName.options.map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    aria-label={`${t(`notifications.kind.${kind}`)}: ${t(`notifications.channel.${channel}`)}`}
                    checked={draft.channels[kind].includes(channel)}
                    onChange={(e) => toggle(kind, channel, e.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t("notifications.preferences.note")}</p>
      {save.error && <ErrorMessage error={save.error} />}
      {save.isSuccess && !save.isPending && <p role="status">{t("notifications.preferences.saved")}</p>}
      <button type="submit" className="btn btn-primary" disabled={save.isPending}>
        {t("notifications.preferences.save")}
      </button>
    </form>
  );
}

/**
 * The bell in the app's header: the unread count, and a panel of the newest notifications that
 * links each to its task or case and marks it read on the way.
 */
import type { NotificationItem } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { markAllNotificationsRead, markNotificationRead } from "../../api/mutations/notifications";
import { notificationKeys, notificationsQuery } from "../../api/queries/notifications";
import { ErrorMessage } from "../../components/error-message";
import { formatDateTime } from "../../components/format";

function linkOf(item: NotificationItem): string | null {
  if (item.taskId) return `/tugas/${encodeURIComponent(item.taskId)}`;
  if (item.caseId) return `/permohonan/${encodeURIComponent(item.caseId)}`;
  return null;
}

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const list = useQuery(notificationsQuery());
  const refresh = () => client.invalidateQueries({ queryKey: notificationKeys.all });
  const read = useMutation({ mutationFn: markNotificationRead, onSettled: refresh });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSettled: refresh });
  const unread = list.data?.unreadCount ?? 0;

  // a click outside the panel, or Escape, closes it
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (panel.current && !panel.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="bell" ref={panel}>
      <button
        type="button"
        className="btn btn-small btn-ghost bell-button"
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={t("notifications.bell", { count: unread })}
        onClick={() => setOpen((o) => !o)}
      >
        {/* an inline bell: no icon font or emoji font is assumed on office PCs */}
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <section id="notification-panel" className="bell-panel" aria-label={t("notifications.title")}>
          <header className="bell-panel-head">
            <h2>{t("notifications.title")}</h2>
            <button
              type="button"
              className="btn btn-small"
              disabled={unread === 0 || readAll.isPending}
              onClick={() => readAll.mutate()}
            >
              {t("notifications.readAll")}
            </button>
          </header>
          {list.error && <ErrorMessage error={list.error} />}
          {read.error && <ErrorMessage error={read.error} />}
          {list.data && list.data.items.length === 0 && <p className="muted">{t("notifications.empty")}</p>}
          <ul className="bell-list">
            {list.data?.items.map((item) => {
              const to = linkOf(item);
              const title = item.withheld ? t("notifications.withheld") : item.title;
              const onOpen = () => {
                if (!item.readAt) read.mutate(item.id);
                setOpen(false);
              };
              return (
                <li key={item.id} className={item.readAt ? "bell-item" : "bell-item unread"}>
                  <span className="bell-kind">{t(`notifications.kind.${item.kind}`)}</span>
                  {to ? (
                    <Link to={to} onClick={onOpen} className="bell-title">
                      {title}
                    </Link>
                  ) : (
                    <span className="bell-title">{title}</span>
                  )}
                  {item.body && <span className="bell-body">{item.body}</span>}
                  <span className="bell-meta">
                    <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, i18n.language)}</time>
                    {!item.readAt && (
                      <button type="button" className="link-button" onClick={() => read.mutate(item.id)}>
                        {t("notifications.markRead")}
                      </button>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
          <footer className="bell-panel-foot">
            <Link to="/pemberitahuan/pengaturan" onClick={() => setOpen(false)}>
              {t("notifications.settings")}
            </Link>
          </footer>
        </section>
      )}
    </div>
  );
}

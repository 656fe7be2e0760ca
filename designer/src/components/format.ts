/** Date formatting in the user's language, in the browser's (office's) time zone. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", { dateStyle: "medium", timeStyle: "short" }).format(
    date,
  );
}

/** True when a due date lies before `now`. */
export function isOverdue(dueAt: string | null | undefined, now: Date): boolean {
  if (!dueAt) return false;
  const due = new Date(dueAt);
  return !Number.isNaN(due.getTime()) && due.getTime() < now.getTime();
}

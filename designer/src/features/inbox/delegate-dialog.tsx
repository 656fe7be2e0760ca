/**
 * Hands a task to a colleague: a modal list of the people the API says may take it (radio buttons,
 * so arrow keys move between them), a search box when the list is long, and a confirm button.
 */
import type { DelegateCandidate, TaskDetail } from "@alur/shared/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { delegateTask } from "../../api/mutations/tasks";
import { delegatesQuery, rolesQuery } from "../../api/queries/tasks";
import { ErrorMessage } from "../../components/error-message";
import { QueryState } from "../../components/query-state";
import { useModal } from "../../components/use-modal";

/** More people than this and a search box appears. */
const SEARCH_FROM = 8;

export function DelegateDialog({
  task,
  onClose,
  onDelegated,
}: {
  task: TaskDetail;
  onClose: () => void;
  onDelegated: (to: DelegateCandidate) => void;
}) {
  const { t } = useTranslation();
  const ref = useModal();
  const titleId = useId();
  const candidates = useQuery(delegatesQuery(task.id));
  const [chosen, setChosen] = useState<string | null>(null);
  const delegate = useMutation({
    mutationFn: (to: DelegateCandidate) => delegateTask(task.id, { revision: task.revision, userId: to.id }),
    onSuccess: (_task, to) => onDelegated(to),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const to = candidates.data?.items.find((c) => c.id === chosen);
    if (to) delegate.mutate(to);
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>{t("delegate.title")}</h2>
        <p className="muted">{t("delegate.intro", { task: task.name ?? task.elementId })}</p>
        <QueryState query={candidates}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="alert alert-info">{t("delegate.nobody")}</p>
            ) : (
              <CandidateList items={data.items} chosen={chosen} onChoose={setChosen} />
            )
          }
        </QueryState>
        {delegate.isError && <ErrorMessage error={delegate.error} />}
        <div className="page-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!chosen || delegate.isPending}>
            {delegate.isPending ? t("delegate.delegating") : t("delegate.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The people a task can go to, as radio buttons (with a search box for a long list). */
export function CandidateList({
  items,
  chosen,
  onChoose,
}: {
  items: DelegateCandidate[];
  chosen: string | null;
  onChoose: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const roles = useQuery(rolesQuery());
  const [search, setSearch] = useState("");
  const roleName = (id: string) => {
    const role = roles.data?.items.find((r) => r.id === id);
    if (!role) return id;
    return i18n.language === "en" ? role.nameEn : role.nameId;
  };
  const needle = search.trim().toLowerCase();
  const shown = needle ? items.filter((c) => `${c.displayName} ${c.username}`.toLowerCase().includes(needle)) : items;
  return (
    <>
      {items.length > SEARCH_FROM && (
        <label>
          {t("delegate.search")}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
      )}
      <fieldset className="delegate-list">
        <legend className="sr-only">{t("delegate.colleagues")}</legend>
        {shown.length === 0 && <p className="muted">{t("delegate.noMatch")}</p>}
        {shown.map((c) => (
          <label key={c.id} className="delegate-option">
            <input
              type="radio"
              name="delegate"
              value={c.id}
              checked={chosen === c.id}
              onChange={() => onChoose(c.id)}
            />
            <span>
              <strong>{c.displayName}</strong> <span className="muted">({c.username})</span>
              <br />
              <small className="muted">{c.roles.map(roleName).join(", ")}</small>
            </span>
          </label>
        ))}
      </fieldset>
    </>
  );
}

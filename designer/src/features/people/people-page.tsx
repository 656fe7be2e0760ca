/**
 * User and role administration for district admins (the super admin picks a district): the
 * accounts of the district, a new account, roles, disabling, password resets (a temporary
 * password is shown once), CSV import, and acting officials (Plt/Plh).
 */
import type { CreateUserRequest, ImportRowResult, RoleView, UserView } from "@alur/shared/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { HttpError } from "../../api/http";
import {
  createActing,
  createUser,
  importUsers,
  resetPassword,
  revokeActing,
  setUserEnabled,
  updateUser,
} from "../../api/mutations/people";
import { actingQuery, orgUnitsQuery, peopleKeys, rolesQuery, usersQuery } from "../../api/queries/people";
import { useSession } from "../../app/use-session";
import { ErrorMessage } from "../../components/error-message";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";

const SUPER_ADMIN = "super-admin";

function useRoleName(): (role: RoleView) => string {
  const { i18n } = useTranslation();
  return (role) => (i18n.language === "en" ? role.nameEn : role.nameId);
}

/** Roles the signed-in admin may grant: never super admin unless they are one. */
function grantable(roles: RoleView[], isSuper: boolean): RoleView[] {
  return roles.filter((r) => isSuper || r.id !== SUPER_ADMIN);
}

export function PeoplePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const isSuper = Boolean(user?.roles.includes(SUPER_ADMIN));
  const units = useQuery(orgUnitsQuery());
  const districts = (units.data?.items ?? []).filter((u) => u.kind === "district");
  const [chosen, setChosen] = useState<string | null>(null);
  const district = isSuper ? (chosen ?? districts[0]?.code ?? null) : (user?.district ?? null);
  return (
    <>
      <PageHeader title={t("people.title")} sub={t("people.sub")} />
      {isSuper && (
        <div className="filters">
          <label>
            {t("people.district")}
            <select value={district ?? ""} onChange={(e) => setChosen(e.target.value)}>
              {districts.map((d) => (
                <option key={d.id} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {district && <District district={district} isSuper={isSuper} />}
    </>
  );
}

function District({ district, isSuper }: { district: string; isSuper: boolean }) {
  const roles = useQuery(rolesQuery());
  return (
    <QueryState query={roles}>
      {(data) => {
        const offered = grantable(data.items, isSuper);
        return (
          <div className="people">
            <UserList district={district} roles={data.items} offered={offered} />
            <CreateUserForm district={district} offered={offered} />
            <ImportForm />
            <ActingSection district={district} offered={offered} />
          </div>
        );
      }}
    </QueryState>
  );
}

function UserList({ district, roles, offered }: { district: string; roles: RoleView[]; offered: RoleView[] }) {
  const { t } = useTranslation();
  const users = useQuery(usersQuery(district));
  const roleName = useRoleName();
  const byId = new Map(roles.map((r) => [r.id, r]));
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="people-list">
      <h2 id="people-list">{t("people.list.title")}</h2>
      <QueryState query={users}>
        {(data) => (
          <table className="table table-stack" data-testid="people-table">
            <thead>
              <tr>
                <th scope="col">{t("people.list.name")}</th>
                <th scope="col">{t("people.list.roles")}</th>
                <th scope="col">{t("people.list.status")}</th>
                <th scope="col">{t("people.list.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((u) => (
                <tr key={u.id} data-username={u.username}>
                  <td data-label={t("people.list.name")}>
                    <strong>{u.displayName}</strong>
                    <div className="muted">
                      {u.username}
                      {u.sso && <span className="badge badge-info"> SSO</span>}
                    </div>
                  </td>
                  <td data-label={t("people.list.roles")}>
                    {editing === u.id ? (
                      <RoleEditor user={u} offered={offered} onDone={() => setEditing(null)} />
                    ) : (
                      u.roles.map((r) => (byId.get(r) ? roleName(byId.get(r)!) : r)).join(", ")
                    )}
                  </td>
                  <td data-label={t("people.list.status")}>
                    {u.disabled ? (
                      <span className="badge badge-overdue">{t("people.status.disabled")}</span>
                    ) : (
                      <span className="badge badge-ok">{t("people.status.active")}</span>
                    )}
                    {u.mustChangePassword && <div className="muted">{t("people.status.mustChange")}</div>}
                  </td>
                  <td data-label={t("people.list.actions")}>
                    <UserActions user={u} onEditRoles={() => setEditing(u.id)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}

function RoleEditor({ user, offered, onDone }: { user: UserView; offered: RoleView[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roleName = useRoleName();
  const [picked, setPicked] = useState<string[]>(user.roles);
  const save = useMutation({
    mutationFn: () => updateUser(user.id, { roles: picked }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: peopleKeys.all });
      onDone();
    },
  });
  return (
    <fieldset className="role-picker">
      <legend>{t("people.roles.edit", { name: user.displayName })}</legend>
      <RoleChecks offered={offered} picked={picked} onChange={setPicked} roleName={roleName} />
      {save.error && <ErrorMessage error={save.error} />}
      <div className="page-actions">
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={picked.length === 0 || save.isPending}
          onClick={() => save.mutate()}
        >
          {t("people.roles.save")}
        </button>
        <button type="button" className="btn btn-small" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </fieldset>
  );
}

function RoleChecks({
  offered,
  picked,
  onChange,
  roleName,
}: {
  offered: RoleView[];
  picked: string[];
  onChange: (roles: string[]) => void;
  roleName: (r: RoleView) => string;
}) {
  return (
    <div className="role-checks">
      {offered.map((r) => (
        <label key={r.id} className="check">
          <input
            type="checkbox"
            checked={picked.includes(r.id)}
            onChange={(e) => onChange(e.target.checked ? [...picked, r.id] : picked.filter((p) => p !== r.id))}
          />
          {roleName(r)}
        </label>
      ))}
    </div>
  );
}

function UserActions({ user, onEditRoles }: { user: UserView; onEditRoles: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => setUserEnabled(user.id, user.disabled),
    onSuccess: () => void client.invalidateQueries({ queryKey: peopleKeys.all }),
  });
  const reset = useMutation({
    mutationFn: () => resetPassword(user.id, {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: peopleKeys.all }),
  });
  return (
    <div className="people-actions">
      <button type="button" className="btn btn-small" onClick={onEditRoles} disabled={user.sso}>
        {t("people.actions.roles")}
      </button>
      <button
        type="button"
        className={user.disabled ? "btn btn-small" : "btn btn-small btn-danger"}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate()}
      >
        {user.disabled ? t("people.actions.enable") : t("people.actions.disable")}
      </button>
      {!user.sso && (
        <button type="button" className="btn btn-small" disabled={reset.isPending} onClick={() => reset.mutate()}>
          {t("people.actions.reset")}
        </button>
      )}
      {toggle.error && <ErrorMessage error={toggle.error} />}
      {reset.error && <ErrorMessage error={reset.error} />}
      {reset.data?.temporaryPassword && (
        <TemporaryPassword username={user.username} password={reset.data.temporaryPassword} />
      )}
    </div>
  );
}

function TemporaryPassword({ username, password }: { username: string; password: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-info" role="status">
      <span>
        {t("people.temporary", { username })} <code data-testid="temporary-password">{password}</code>
      </span>
    </div>
  );
}

function CreateUserForm({ district, offered }: { district: string; offered: RoleView[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roleName = useRoleName();
  const empty = { username: "", displayName: "", password: "", mustChange: true, roles: [] as string[] };
  const [draft, setDraft] = useState(empty);
  const create = useMutation({
    mutationFn: () => {
      const body: CreateUserRequest = {
        username: draft.username.trim().toLowerCase(),
        displayName: draft.displayName,
        orgUnitId: district,
        roles: draft.roles,
        ...(draft.password ? { password: draft.password, mustChangePassword: draft.mustChange } : {}),
      };
      return createUser(body);
    },
    onSuccess: () => {
      setDraft(empty);
      void client.invalidateQueries({ queryKey: peopleKeys.all });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby="people-create">
      <h2 id="people-create">{t("people.create.title")}</h2>
      <form onSubmit={submit} className="people-form">
        <label>
          {t("people.create.username")}
          <input
            name="new-username"
            value={draft.username}
            onChange={(e) => setDraft({ ...draft, username: e.target.value })}
            pattern="[a-z0-9._\-]{3,60}"
            required
          />
        </label>
        <label>
          {t("people.create.displayName")}
          <input
            name="new-display-name"
            value={draft.displayName}
            onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
            required
          />
        </label>
        <label>
          {t("people.create.password")}
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            minLength={10}
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.target.value })}
          />
          <span className="muted">{t("people.create.passwordHint")}</span>
        </label>
        {draft.password && (
          <label className="check">
            <input
              type="checkbox"
              checked={draft.mustChange}
              onChange={(e) => setDraft({ ...draft, mustChange: e.target.checked })}
            />
            {t("people.create.mustChange")}
          </label>
        )}
        <fieldset className="role-picker">
          <legend>{t("people.create.roles")}</legend>
          <RoleChecks
            offered={offered}
            picked={draft.roles}
            onChange={(roles) => setDraft({ ...draft, roles })}
            roleName={roleName}
          />
        </fieldset>
        {create.error && <ErrorMessage error={create.error} />}
        {create.data && (
          <p className="alert alert-ok" role="status">
            {t("people.create.done", { username: create.data.username })}
          </p>
        )}
        {create.data?.temporaryPassword && (
          <TemporaryPassword username={create.data.username} password={create.data.temporaryPassword} />
        )}
        <button type="submit" className="btn btn-primary" disabled={create.isPending || draft.roles.length === 0}>
          {t("people.create.submit")}
        </button>
      </form>
    </section>
  );
}

function ImportForm() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [csv, setCsv] = useState("");
  const run = useMutation({
    mutationFn: () => importUsers(csv),
    onSuccess: () => void client.invalidateQueries({ queryKey: peopleKeys.all }),
  });
  const refusedRows =
    run.error instanceof HttpError && run.error.code === "import-invalid"
      ? ((run.error.details as { rows?: ImportRowResult[] } | undefined)?.rows ?? [])
      : [];
  const rows: ImportRowResult[] = run.data?.rows ?? refusedRows;
  return (
    <section className="card" aria-labelledby="people-import">
      <h2 id="people-import">{t("people.import.title")}</h2>
      <p className="muted">{t("people.import.help")}</p>
      <label>
        {t("people.import.file")}
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
      </label>
      <label>
        {t("people.import.text")}
        <textarea
          rows={5}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          placeholder="username,displayName,district,roles,password"
        />
      </label>
      <button
        type="button"
        className="btn btn-primary"
        disabled={!csv.trim() || run.isPending}
        onClick={() => run.mutate()}
      >
        {t("people.import.submit")}
      </button>
      {run.error && <ErrorMessage error={run.error} />}
      {run.data && (
        <p className="alert alert-ok" role="status">
          {t("people.import.done", { count: run.data.imported })}
        </p>
      )}
      {rows.length > 0 && (
        <table className="table table-stack" data-testid="import-results">
          <thead>
            <tr>
              <th scope="col">{t("people.import.line")}</th>
              <th scope="col">{t("people.create.username")}</th>
              <th scope="col">{t("people.import.result")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line}>
                <td data-label={t("people.import.line")}>{r.line}</td>
                <td data-label={t("people.create.username")}>{r.username}</td>
                <td data-label={t("people.import.result")}>
                  {r.errors.length > 0
                    ? r.errors.map((e) => <div key={e.en}>{i18n.language === "en" ? e.en : e.id}</div>)
                    : r.temporaryPassword
                      ? `${t("people.import.ok")} — ${t("people.import.temporary")} ${r.temporaryPassword}`
                      : t("people.import.ok")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ActingSection({ district, offered }: { district: string; offered: RoleView[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roleName = useRoleName();
  const acting = useQuery(actingQuery(district));
  const users = useQuery(usersQuery(district));
  const staffRoles = offered.filter((r) => r.id !== SUPER_ADMIN);
  const empty = {
    userId: "",
    kind: "plh" as "plh" | "plt",
    position: "",
    roles: [] as string[],
    from: "",
    to: "",
    reason: "",
  };
  const [draft, setDraft] = useState(empty);
  const create = useMutation({
    mutationFn: () => createActing(draft),
    onSuccess: () => {
      setDraft(empty);
      void client.invalidateQueries({ queryKey: peopleKeys.all });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeActing,
    onSuccess: () => void client.invalidateQueries({ queryKey: peopleKeys.all }),
  });
  return (
    <section className="card" aria-labelledby="people-acting">
      <h2 id="people-acting">{t("people.acting.title")}</h2>
      <p className="muted">{t("people.acting.help")}</p>
      <QueryState query={acting}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t("people.acting.none")}</p>
          ) : (
            <ul className="acting-list">
              {data.items.map((a) => (
                <li key={a.id}>
                  <strong>
                    {a.kind === "plt" ? "Plt." : "Plh."} {a.position}
                  </strong>
                  : {a.displayName} ({a.from} – {a.to}){" "}
                  {a.revokedAt ? (
                    <span className="badge">{t("people.acting.revoked")}</span>
                  ) : a.activeNow ? (
                    <span className="badge badge-ok">{t("people.acting.active")}</span>
                  ) : null}
                  {!a.revokedAt && (
                    <button type="button" className="btn btn-small" onClick={() => revoke.mutate(a.id)}>
                      {t("people.acting.revoke")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <form
        className="people-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          {t("people.acting.user")}
          <select value={draft.userId} onChange={(e) => setDraft({ ...draft, userId: e.target.value })} required>
            <option value="">—</option>
            {(users.data?.items ?? [])
              .filter((u) => !u.disabled)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({u.username})
                </option>
              ))}
          </select>
        </label>
        <label>
          {t("people.acting.kind")}
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as "plh" | "plt" })}>
            <option value="plh">{t("people.acting.plh")}</option>
            <option value="plt">{t("people.acting.plt")}</option>
          </select>
        </label>
        <label>
          {t("people.acting.position")}
          <input value={draft.position} onChange={(e) => setDraft({ ...draft, position: e.target.value })} required />
        </label>
        <fieldset className="role-picker">
          <legend>{t("people.acting.roles")}</legend>
          <RoleChecks
            offered={staffRoles}
            picked={draft.roles}
            onChange={(roles) => setDraft({ ...draft, roles })}
            roleName={roleName}
          />
        </fieldset>
        <div className="date-range">
          <label>
            {t("people.acting.from")}
            <input
              type="date"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
              required
            />
          </label>
          <label>
            {t("people.acting.to")}
            <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required />
          </label>
        </div>
        <label>
          {t("people.acting.reason")}
          <input
            value={draft.reason}
            onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
            required
            minLength={3}
          />
        </label>
        {create.error && <ErrorMessage error={create.error} />}
        {revoke.error && <ErrorMessage error={revoke.error} />}
        <button type="submit" className="btn btn-primary" disabled={create.isPending || draft.roles.length === 0}>
          {t("people.acting.submit")}
        </button>
      </form>
    </section>
  );
}

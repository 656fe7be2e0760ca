/**
 * User administration on the run's PostgreSQL: a district admin creates, changes, disables and
 * re-enables accounts of their own district, resets passwords (temporary ones must be changed
 * before anything else), imports accounts from CSV (all rows or none), and makes acting officials
 * whose roles count in the inbox only within their Jakarta dates. Every refusal is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPrincipal } from "../../auth/principal";
import type { DemoCredential } from "../../auth/seed-demo";
import type { Db } from "../../store/db";
import { buildTestApp, call, fixtureCase, fromPeer, type Session, signIn, type TestApp } from "../../testing/api-app";
import { ownPostgresDb } from "../../testing/servers";

type User = {
  id: string;
  username: string;
  roles: string[];
  district: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
};
type Created = User & { temporaryPassword?: string };
type ImportBody = {
  code?: string;
  imported?: number;
  rows?: {
    line: number;
    username: string;
    ok: boolean;
    errors: { id: string; en: string }[];
    temporaryPassword?: string;
  }[];
  details?: { rows: { line: number; username: string; ok: boolean; errors: { id: string; en: string }[] }[] };
};

let db: Db;
let drop: () => Promise<void>;
let app: TestApp;
let credentials: DemoCredential[];
const s: Record<string, Session> = {};
let peer = 0;

beforeAll(async () => {
  const own = await ownPostgresDb("people");
  db = own.db;
  drop = own.drop;
  ({ app, credentials } = await buildTestApp(db));
  for (const u of ["superadmin", "bks.admin", "smd.admin", "bks.front-office", "smd.back-office"]) {
    s[u] = await signIn(app, credentials, u);
  }
});
afterAll(async () => {
  await db.destroy();
  await drop();
});

/** Signs in by password as a browser-less script would; the status when refused. */
async function login(username: string, password: string): Promise<Session | number> {
  peer += 1;
  const res = await app.request(
    "/auth/login",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password, mode: "token" }),
    },
    fromPeer(`10.9.${Math.floor(peer / 250)}.${peer % 250}`),
  );
  if (res.status !== 200) return res.status;
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { username, userId: body.user.id, headers: { authorization: `Bearer ${body.token}` } };
}

async function lastAudit(action: string) {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
}

async function createUser(admin: string, body: Record<string, unknown>): Promise<Created> {
  const res = await call(app, s[admin]!, "POST", "/users", body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Created;
}

describe("accounts", () => {
  it("a district admin creates an account with a temporary password, which must be changed before anything else", async () => {
    // when the Bekasi admin creates an account without a password
    const created = await createUser("bks.admin", {
      username: "bks.rina",
      displayName: "Rina Marlina",
      orgUnitId: "3216",
      roles: ["back-office"],
    });

    // then a temporary password is shown once, and the account must change it
    expect(created.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(created).toMatchObject({ district: "3216", roles: ["back-office"], mustChangePassword: true });
    const stored = await db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(created.temporaryPassword!);
    expect(await lastAudit("user.create")).toMatchObject({
      outcome: "ok",
      actor_id: s["bks.admin"]!.userId,
      resource_id: created.id,
    });

    // and signed in with it, the user can do nothing but change it
    const rina = (await login("bks.rina", created.temporaryPassword!)) as Session;
    expect((await call(app, rina, "GET", "/tasks")).status).toBe(403);
    const gate = (await (await call(app, rina, "GET", "/tasks")).json()) as { code: string; message: { id: string } };
    expect(gate.code).toBe("password-change-required");
    expect(gate.message.id).toMatch(/kata sandi sementara/);
    expect((await call(app, rina, "GET", "/auth/me")).status).toBe(200);

    // a wrong current password is refused and audited
    const wrong = await call(app, rina, "POST", "/auth/password", {
      currentPassword: "nope-nope-nope",
      newPassword: "rina-baru-12345",
    });
    expect(wrong.status).toBe(400);
    expect(await lastAudit("auth.change-password")).toMatchObject({ outcome: "denied", actor_id: created.id });

    const changed = await call(app, rina, "POST", "/auth/password", {
      currentPassword: created.temporaryPassword,
      newPassword: "rina-baru-12345",
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { user: User }).user.mustChangePassword).toBe(false);
    expect((await call(app, rina, "GET", "/tasks")).status).toBe(200);
    expect(await login("bks.rina", created.temporaryPassword!)).toBe(401);
    expect(typeof (await login("bks.rina", "rina-baru-12345"))).toBe("object");
  });

  it("changes roles and name, disables and re-enables, resets the password; each audited", async () => {
    const user = await createUser("bks.admin", {
      username: "bks.doni",
      displayName: "Doni",
      password: "doni-password-1",
      orgUnitId: "3216",
      roles: ["front-office"],
    });
    expect(user.mustChangePassword).toBe(false);

    // roles are replaced
    const patched = await call(app, s["bks.admin"]!, "PATCH", `/users/${user.id}`, {
      displayName: "Doni Saputra",
      roles: ["back-office", "pekerja-sosial"],
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      displayName: "Doni Saputra",
      roles: ["back-office", "pekerja-sosial"],
    });
    expect(await lastAudit("user.update")).toMatchObject({
      outcome: "ok",
      before: expect.objectContaining({ roles: ["front-office"] }),
      after: expect.objectContaining({ roles: ["back-office", "pekerja-sosial"] }),
    });
    // an unknown role changes nothing
    expect((await call(app, s["bks.admin"]!, "PATCH", `/users/${user.id}`, { roles: ["no-such-role"] })).status).toBe(
      400,
    );

    // disabled: the session ends and sign-in fails; enabled: sign-in works again
    const doni = (await login("bks.doni", "doni-password-1")) as Session;
    expect((await call(app, s["bks.admin"]!, "POST", `/users/${user.id}/disable`)).status).toBe(200);
    expect((await call(app, doni, "GET", "/auth/me")).status).toBe(401);
    expect(await login("bks.doni", "doni-password-1")).toBe(401);
    const enabled = await call(app, s["bks.admin"]!, "POST", `/users/${user.id}/enable`);
    expect(enabled.status).toBe(200);
    expect(((await enabled.json()) as User).disabled).toBe(false);
    expect(await lastAudit("user.enable")).toMatchObject({ outcome: "ok", resource_id: user.id });
    const again = (await login("bks.doni", "doni-password-1")) as Session;

    // reset: a generated password, which must be changed; the old one and old sessions are gone
    const reset = await call(app, s["bks.admin"]!, "POST", `/users/${user.id}/reset-password`, {});
    expect(reset.status).toBe(200);
    const { temporaryPassword, user: after } = (await reset.json()) as { temporaryPassword: string; user: User };
    expect(after.mustChangePassword).toBe(true);
    expect((await call(app, again, "GET", "/auth/me")).status).toBe(401);
    expect(await login("bks.doni", "doni-password-1")).toBe(401);
    expect(typeof (await login("bks.doni", temporaryPassword))).toBe("object");
    expect(await lastAudit("user.reset-password")).toMatchObject({ outcome: "ok", resource_id: user.id });

    // or an admin sets one, and lets the user keep it
    const set = await call(app, s["bks.admin"]!, "POST", `/users/${user.id}/reset-password`, {
      password: "doni-password-2",
      mustChangePassword: false,
    });
    expect(((await set.json()) as { user: User; temporaryPassword?: string }).temporaryPassword).toBeUndefined();
    const kept = (await login("bks.doni", "doni-password-2")) as Session;
    expect((await call(app, kept, "GET", "/tasks")).status).toBe(200);
  });

  it("lists only the admin's own district; staff may not list", async () => {
    const res = await call(app, s["bks.admin"]!, "GET", "/users");
    const { items } = (await res.json()) as { items: User[] };
    expect(items.length).toBeGreaterThan(5);
    expect(new Set(items.map((u) => u.district))).toEqual(new Set(["3216"]));
    expect((await call(app, s["bks.admin"]!, "GET", "/users?district=3211")).status).toBe(403);
    expect((await call(app, s["bks.front-office"]!, "GET", "/users")).status).toBe(403);
  });
});

describe("what a district admin may not do", () => {
  let sumedangUser: Created;
  let bekasiUser: Created;
  beforeAll(async () => {
    sumedangUser = await createUser("smd.admin", {
      username: "smd.yusuf",
      displayName: "Yusuf",
      orgUnitId: "3211",
      roles: ["back-office"],
    });
    bekasiUser = await createUser("bks.admin", {
      username: "bks.tono",
      displayName: "Tono",
      orgUnitId: "3216",
      roles: ["back-office"],
    });
  });

  const refusals: [string, () => [string, string, unknown?], string][] = [
    [
      "create an account in another district",
      () => ["POST", "/users", { username: "bks.x1", displayName: "X", orgUnitId: "3211", roles: ["back-office"] }],
      "user.create",
    ],
    [
      "make a super admin",
      () => ["POST", "/users", { username: "bks.x2", displayName: "X", orgUnitId: "3216", roles: ["super-admin"] }],
      "user.create",
    ],
    [
      "make a national account",
      () => ["POST", "/users", { username: "bks.x3", displayName: "X", orgUnitId: "ID", roles: ["back-office"] }],
      "user.create",
    ],
    [
      "change another district's account",
      () => ["PATCH", `/users/${sumedangUser.id}`, { displayName: "Diubah" }],
      "user.update",
    ],
    [
      "move an own account to another district",
      () => ["PATCH", `/users/${bekasiUser.id}`, { orgUnitId: "3211" }],
      "user.update",
    ],
    [
      "grant super-admin to an own account",
      () => ["PATCH", `/users/${bekasiUser.id}`, { roles: ["back-office", "super-admin"] }],
      "user.update",
    ],
    ["disable another district's account", () => ["POST", `/users/${sumedangUser.id}/disable`], "user.disable"],
    [
      "reset another district's password",
      () => ["POST", `/users/${sumedangUser.id}/reset-password`, {}],
      "user.reset-password",
    ],
    [
      "reset the super admin's password",
      () => ["POST", `/users/${s.superadmin!.userId}/reset-password`, {}],
      "user.reset-password",
    ],
    [
      "make another district's user acting",
      () => [
        "POST",
        "/acting",
        {
          userId: sumedangUser.id,
          kind: "plh",
          position: "Kabid",
          roles: ["kepala-bidang"],
          from: "2026-01-01",
          to: "2026-01-02",
          reason: "cuti",
        },
      ],
      "acting.create",
    ],
  ];
  for (const [what, request, action] of refusals) {
    it(`refuses to ${what}, and audits the refusal`, async () => {
      const [method, url, body] = request();
      const res = await call(app, s["bks.admin"]!, method, url, body);
      expect(res.status).toBe(403);
      expect(await lastAudit(action)).toMatchObject({ outcome: "denied", actor_id: s["bks.admin"]!.userId });
    });
  }

  it("changed nothing while refusing", async () => {
    const [yusuf] = await db.selectFrom("users").selectAll().where("id", "=", sumedangUser.id).execute();
    expect(yusuf).toMatchObject({ display_name: "Yusuf", disabled: false, district: "3211" });
    const tono = await db.selectFrom("user_roles").select("role_id").where("user_id", "=", bekasiUser.id).execute();
    expect(tono.map((r) => r.role_id)).toEqual(["back-office"]);
    expect(await db.selectFrom("users").select("id").where("username", "like", "bks.x%").execute()).toEqual([]);
  });

  it("an admin cannot lock themselves out: their own account is not disabled, reset or re-roled here", async () => {
    const me = s["bks.admin"]!;
    for (const [method, url, body, action] of [
      ["POST", `/users/${me.userId}/disable`, undefined, "user.disable"],
      ["POST", `/users/${me.userId}/reset-password`, {}, "user.reset-password"],
      ["PATCH", `/users/${me.userId}`, { roles: ["front-office"] }, "user.update"],
    ] as const) {
      const res = await call(app, me, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(409);
      expect(await res.json()).toMatchObject({ code: "own-account" });
      expect(await lastAudit(action)).toMatchObject({ outcome: "denied", resource_id: me.userId });
    }
    // the session still works, the account is as it was; renaming oneself is allowed
    expect((await call(app, me, "GET", "/users")).status).toBe(200);
    expect((await call(app, me, "PATCH", `/users/${me.userId}`, { displayName: "Admin Bekasi" })).status).toBe(200);
  });

  it("the super admin may do what the district admin may not", async () => {
    const res = await call(app, s.superadmin!, "PATCH", `/users/${sumedangUser.id}`, { displayName: "Yusuf Maulana" });
    expect(res.status).toBe(200);
  });
});

describe("CSV import", () => {
  const header = "username,displayName,district,roles,password";

  it("creates every row of a good file, with temporary passwords where none is given", async () => {
    const csv = [
      header,
      'bks.imp1,"Siti Rahma, S.Sos",3216,back-office;pekerja-sosial,',
      "bks.imp2,Budi Santoso,3216,front-office,budi-password-1",
      "bks.imp3,Ayu,3216,kepala-bidang|ketua-tim,",
    ].join("\r\n");
    const res = await call(app, s["bks.admin"]!, "POST", "/users/import", { csv });
    expect(res.status).toBe(201);
    const body = (await res.json()) as ImportBody;
    expect(body.imported).toBe(3);
    expect(body.rows!.map((r) => [r.line, r.username, r.ok, Boolean(r.temporaryPassword)])).toEqual([
      [2, "bks.imp1", true, true],
      [3, "bks.imp2", true, false],
      [4, "bks.imp3", true, true],
    ]);
    const siti = await db.selectFrom("users").selectAll().where("username", "=", "bks.imp1").executeTakeFirstOrThrow();
    expect(siti).toMatchObject({ display_name: "Siti Rahma, S.Sos", district: "3216", must_change_password: true });
    expect(typeof (await login("bks.imp2", "budi-password-1"))).toBe("object");
    const audited = await db
      .selectFrom("audit_log")
      .select("resource_id")
      .where("action", "=", "user.create")
      .where("resource_id", "=", siti.id)
      .execute();
    expect(audited).toHaveLength(1);
  });

  it("imports nothing when one row is bad, and names each bad row's problems in both languages", async () => {
    const csv = [
      header,
      "bks.ok1,Baik Satu,3216,back-office,",
      "bks.imp1,Sudah Ada,3216,back-office,",
      "BAD NAME,Nama,3216,back-office,",
      "bks.smd,Lain,3211,back-office,",
      "bks.sa,Super,3216,super-admin,",
      "bks.nr,Tanpa Peran,3216,tidak-ada,",
      "bks.ok1,Ganda,3216,back-office,pendek",
    ].join("\n");
    const res = await call(app, s["bks.admin"]!, "POST", "/users/import", { csv });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ImportBody;
    expect(body.code).toBe("import-invalid");
    const rows = body.details!.rows;
    expect(rows.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [8, false],
    ]);
    const en = (line: number) =>
      rows
        .find((r) => r.line === line)!
        .errors.map((e) => e.en)
        .join(" ");
    const id = (line: number) =>
      rows
        .find((r) => r.line === line)!
        .errors.map((e) => e.id)
        .join(" ");
    expect(en(3)).toMatch(/Line 3: username "bks.imp1" is taken/);
    expect(id(3)).toMatch(/Baris 3: nama pengguna "bks.imp1" sudah dipakai/);
    expect(en(4)).toMatch(/not valid/);
    expect(en(5)).toMatch(/may not manage users of unit "3211"/);
    expect(id(5)).toMatch(/tidak berwenang/);
    expect(en(6)).toMatch(/may not grant a role above your own/);
    expect(en(7)).toMatch(/unknown roles: tidak-ada/);
    expect(en(8)).toMatch(/already on line 2/);
    expect(en(8)).toMatch(/at least 10 characters/);
    // nothing half-imported: not even the good row
    expect(await db.selectFrom("users").select("id").where("username", "=", "bks.ok1").execute()).toEqual([]);
    expect(await lastAudit("user.import")).toMatchObject({ outcome: "denied", actor_id: s["bks.admin"]!.userId });
  });

  it("reports an unreadable file or header as one error and never crashes", async () => {
    const broken = await call(app, s["bks.admin"]!, "POST", "/users/import", {
      csv: `${header}\nbks.q,"Tanpa tutup,3216,back-office,\n`,
    });
    expect(broken.status).toBe(422);
    const brokenBody = (await broken.json()) as ImportBody;
    expect(brokenBody.details!.rows[0]!.errors[0]!.en).toMatch(/cannot be read at line/);
    const wrongHeader = await call(app, s["bks.admin"]!, "POST", "/users/import", { csv: "nama,umur\nA,3\n" });
    expect(wrongHeader.status).toBe(422);
    expect(((await wrongHeader.json()) as ImportBody).details!.rows[0]!.errors[0]!.en).toMatch(/Missing: username/);
    // Indonesian headers and semicolons (a spreadsheet in an Indonesian locale) are read too
    const semicolons = await call(app, s["bks.admin"]!, "POST", "/users/import", {
      csv: "nama_pengguna;nama;kabupaten;peran\nbks.semi;Semi Kolon;3216;back-office\n",
    });
    expect(semicolons.status).toBe(201);
    expect((await call(app, s["bks.front-office"]!, "POST", "/users/import", { csv: header })).status).toBe(403);
  });
});

describe("acting officials (Plt/Plh)", () => {
  it("hold the position's roles in the inbox only within their Jakarta dates, audited, until revoked", async () => {
    // given a back-office officer and a task for the head of division
    const officer = await createUser("bks.admin", {
      username: "bks.plh",
      displayName: "Pak Plh",
      password: "plh-password-1",
      orgUnitId: "3216",
      roles: ["back-office"],
    });
    const { task } = await fixtureCase(db, {
      district: "3216",
      roles: ["kepala-bidang"],
      createdBy: null,
      processId: "acting-fixture",
    });
    const session = (await login("bks.plh", "plh-password-1")) as Session;
    const inbox = async () =>
      (
        (await (await call(app, session, "GET", "/tasks?scope=unassigned")).json()) as { items: { id: string }[] }
      ).items.map((t) => t.id);
    expect(await inbox()).not.toContain(task.id);

    // when the admin makes them Plh Kepala Bidang from yesterday to tomorrow (Jakarta)
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());
    const shift = (days: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const res = await call(app, s["bks.admin"]!, "POST", "/acting", {
      userId: officer.id,
      kind: "plh",
      position: "Kepala Bidang Rehabilitasi Sosial",
      roles: ["kepala-bidang"],
      from: shift(-1),
      to: shift(1),
      reason: "Kepala bidang cuti tahunan",
    });
    expect(res.status).toBe(201);
    const acting = (await res.json()) as { id: string; activeNow: boolean };
    expect(acting.activeNow).toBe(true);
    expect(await lastAudit("acting.create")).toMatchObject({ outcome: "ok", resource_id: acting.id, district: "3216" });

    // then the task is in their inbox and they are a head for the day
    expect(await inbox()).toContain(task.id);
    const me = (await (await call(app, session, "GET", "/auth/me")).json()) as { user: User };
    expect(me.user.roles).toEqual(["back-office", "kepala-bidang"]);

    // and only within the range: the day after it ends (Jakarta) and the day before it starts, not
    const lastDayLate = new Date(`${shift(1)}T16:59:00Z`); // 23:59 in Jakarta
    const dayAfter = new Date(`${shift(1)}T17:00:00Z`); // 00:00 the next day in Jakarta
    expect((await loadPrincipal(db, officer.id, lastDayLate))!.roles).toContain("kepala-bidang");
    expect((await loadPrincipal(db, officer.id, dayAfter))!.roles).toEqual(["back-office"]);
    expect((await loadPrincipal(db, officer.id, new Date(`${shift(-2)}T12:00:00Z`)))!.isHead).toBe(false);

    // a range that ends before it starts is refused
    const backwards = await call(app, s["bks.admin"]!, "POST", "/acting", {
      userId: officer.id,
      kind: "plt",
      position: "X",
      roles: ["kepala-bidang"],
      from: shift(2),
      to: shift(1),
      reason: "salah",
    });
    expect(backwards.status).toBe(400);

    // the list shows it; revoking ends it at once (audited), twice is a conflict
    const list = (await (await call(app, s["bks.admin"]!, "GET", "/acting")).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toContain(acting.id);
    expect((await call(app, s["smd.admin"]!, "POST", `/acting/${acting.id}/revoke`)).status).toBe(403);
    expect((await call(app, s["bks.admin"]!, "POST", `/acting/${acting.id}/revoke`)).status).toBe(200);
    expect(await lastAudit("acting.revoke")).toMatchObject({ outcome: "ok", resource_id: acting.id });
    expect(await inbox()).not.toContain(task.id);
    expect((await call(app, s["bks.admin"]!, "POST", `/acting/${acting.id}/revoke`)).status).toBe(409);
  });
});

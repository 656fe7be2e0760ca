/** Sign-in, the signed-in user, organisation units, roles and users. */
import { z } from "zod";

export const LoginRequest = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  /** `cookie` (browser: httpOnly session cookie + CSRF token) or `token` (scripts: bearer token). */
  mode: z.enum(["cookie", "token"]).default("cookie"),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const OrgUnitKind = z.enum(["national", "province", "district"]);

export const OrgUnitView = z.object({
  id: z.string(),
  kind: OrgUnitKind,
  code: z.string(),
  name: z.string(),
  abbreviation: z.string(),
  parentId: z.string().nullable(),
});
export type OrgUnitView = z.infer<typeof OrgUnitView>;

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.string(),
  district: z.string().nullable(),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  /** Signed in with a temporary password: every route but changing it is refused until then. */
  /** (Absent from servers before 0014-people: false.) */
  mustChangePassword: z.boolean().default(false),
  /** Signs in through OpenID Connect (the identity provider owns its roles and district). */
  sso: z.boolean().default(false),
});
export type UserView = z.infer<typeof UserView>;

/** POST /users/disable-demo: the demo accounts it disabled. */
export const DisableDemoResponse = z.object({
  disabled: z.array(z.object({ id: z.string(), username: z.string() })),
});
export type DisableDemoResponse = z.infer<typeof DisableDemoResponse>;

export const LoginResponse = z.object({
  user: UserView,
  /** Send back as the `X-CSRF-Token` header on writes when signed in by cookie. */
  csrfToken: z.string().optional(),
  /** Only in `token` mode: send as `Authorization: Bearer <token>`. */
  token: z.string().optional(),
  expiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ user: UserView, csrfToken: z.string().nullable(), expiresAt: z.string() });
export type MeResponse = z.infer<typeof MeResponse>;

export const RoleKey = z
  .string()
  .min(2)
  .max(50)
  .regex(/^[a-z][a-z0-9-]*$/, "kebab-case");

export const RoleView = z.object({
  id: RoleKey,
  nameId: z.string(),
  nameEn: z.string(),
  kind: z.enum(["admin", "staff"]),
  isHead: z.boolean(),
});
export type RoleView = z.infer<typeof RoleView>;
export const RoleList = z.object({ items: z.array(RoleView) });

export const CreateRoleRequest = z.object({
  id: RoleKey,
  nameId: z.string().min(1).max(100),
  nameEn: z.string().min(1).max(100),
  isHead: z.boolean().default(false),
});
export type CreateRoleRequest = z.infer<typeof CreateRoleRequest>;

export const Username = z
  .string()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9._-]+$/, "lower-case letters, digits, dot, dash, underscore");
export const Password = z.string().min(10).max(200);

export const CreateUserRequest = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(120),
  /** Omitted: a temporary password is generated, returned once, and must be changed at first sign-in. */
  password: Password.optional(),
  /** With a password given: whether the user must change it at first sign-in (default false). */
  mustChangePassword: z.boolean().optional(),
  orgUnitId: z.string().min(1),
  roles: z.array(RoleKey).min(1),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** A created or reset account; `temporaryPassword` is shown once and never stored in clear. */
export const CreatedUserResponse = UserView.extend({ temporaryPassword: z.string().optional() });
export type CreatedUserResponse = z.infer<typeof CreatedUserResponse>;

/** PATCH /users/{id}: what changes (a district admin stays within their district). */
export const UpdateUserRequest = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    orgUnitId: z.string().min(1).optional(),
    roles: z.array(RoleKey).min(1).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** POST /users/{id}/reset-password: set one, or omit it for a generated temporary password. */
export const ResetPasswordRequest = z.object({
  password: Password.optional(),
  /** Default true: the user must choose their own password at the next sign-in. */
  mustChangePassword: z.boolean().optional(),
});
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;
export const ResetPasswordResponse = z.object({
  user: UserView,
  temporaryPassword: z.string().optional(),
});
export type ResetPasswordResponse = z.infer<typeof ResetPasswordResponse>;

/** POST /auth/password: the signed-in user changes their own password. */
export const ChangePasswordRequest = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], message: "must differ" });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/**
 * Bulk import: a CSV text with a header row `username,displayName,district,roles[,password]`
 * (roles separated by `;`). Every row is checked first; one bad row imports nothing.
 */
export const ImportUsersRequest = z.object({ csv: z.string().min(1).max(500_000) });
export type ImportUsersRequest = z.infer<typeof ImportUsersRequest>;
export const IMPORT_MAX_ROWS = 1000;

export const ImportRowResult = z.object({
  /** Line of the row in the file (the header is line 1). */
  line: z.number().int(),
  username: z.string(),
  ok: z.boolean(),
  errors: z.array(z.object({ id: z.string(), en: z.string() })),
  userId: z.string().optional(),
  temporaryPassword: z.string().optional(),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;
export const ImportUsersResponse = z.object({
  imported: z.number().int(),
  rows: z.array(ImportRowResult),
});
export type ImportUsersResponse = z.infer<typeof ImportUsersResponse>;

/** A calendar date (Asia/Jakarta), YYYY-MM-DD. */
export const CalendarDate = z
  .string()
  .regex(/^(19|20|21)\d{2}-\d{2}-\d{2}$/, "YYYY-MM-DD, years 1900–2199")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "not a date");

/**
 * An acting official: Plt (pelaksana tugas, the post is vacant) or Plh (pelaksana harian, the
 * holder is away) holds the position's roles from `from` to `to`, both inclusive, Jakarta dates.
 */
export const ActingKind = z.enum(["plt", "plh"]);
export const CreateActingRequest = z
  .object({
    userId: z.string().min(1),
    kind: ActingKind,
    /** The position, e.g. "Kepala Bidang Rehabilitasi Sosial". */
    position: z.string().trim().min(1).max(200),
    roles: z.array(RoleKey).min(1),
    from: CalendarDate,
    to: CalendarDate,
    reason: z.string().trim().min(3).max(500),
  })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "ends before it starts" });
export type CreateActingRequest = z.infer<typeof CreateActingRequest>;

export const ActingView = z.object({
  id: z.string(),
  userId: z.string(),
  displayName: z.string(),
  district: z.string(),
  kind: ActingKind,
  position: z.string(),
  roles: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Today (Asia/Jakarta) is within the range and it is not revoked. */
  activeNow: z.boolean(),
});
export type ActingView = z.infer<typeof ActingView>;
export const ActingList = z.object({ items: z.array(ActingView) });

/** GET /auth/oidc: whether single sign-on is offered, and the button's label. */
export const OidcConfigResponse = z.object({ enabled: z.boolean(), label: z.string() });
export type OidcConfigResponse = z.infer<typeof OidcConfigResponse>;

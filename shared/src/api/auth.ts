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

export const CreateUserRequest = z.object({
  username: z
    .string()
    .min(3)
    .max(60)
    .regex(/^[a-z0-9._-]+$/),
  displayName: z.string().min(1).max(120),
  password: z.string().min(10).max(200),
  orgUnitId: z.string().min(1),
  roles: z.array(RoleKey).min(1),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

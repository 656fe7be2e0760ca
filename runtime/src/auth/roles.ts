/** The built-in roles live in @alur/shared (the validator checks candidate groups against them). */
export { BUILTIN_ROLES, type BuiltinRole, DISTRICT_ADMIN, SUPER_ADMIN } from "@alur/shared/schemas";

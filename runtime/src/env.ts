/** The only reader of process.env: every setting of the runtime, parsed once, with defaults. */

import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseCidr } from "./api/cidr";

/** The repository root (two levels above runtime/src). */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

const Env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  ALUR_DATA_DIR: z.string().default(path.join(REPO_ROOT, "data")),
  PORT: z.coerce.number().int().positive().default(8080),
  HOST: z.string().default("0.0.0.0"),
  /** PostgreSQL connection string; absent means embedded PGlite under ALUR_DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  /**
   * PostgreSQL connection string of the role that owns the schema: migrations run with it, and
   * DATABASE_URL's role gets only INSERT/SELECT on audit_log. Unset: DATABASE_URL migrates itself.
   */
  DATABASE_OWNER_URL: z.string().optional(),
  /** host:port of a Temporal frontend; absent means `npm start` runs a local dev server. */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default("default"),
  TEMPORAL_TASK_QUEUE: z.string().default("alur"),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_CA: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  /** Local dev server ports (used only when TEMPORAL_ADDRESS is unset). */
  TEMPORAL_DEV_PORT: z.coerce.number().int().positive().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().positive().default(8233),
  /** Explicit paths of the Temporal CLI and time-skipping test server. */
  TEMPORAL_CLI: z.string().optional(),
  TEMPORAL_TEST_SERVER: z.string().optional(),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  LOG_PRETTY: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  /** Comma-separated host names the `http` connector may call. */
  HTTP_CONNECTOR_ALLOW: z.string().default(""),
  /**
   * An external job no worker has held for this long (never activated, or its lock expired and
   * nobody took it again) stops its case with an incident, so a missing worker is seen.
   */
  ALUR_JOB_NO_WORKER_SECONDS: z.coerce.number().int().min(1).default(300),
  /**
   * SMTP server notification emails go through (`smtp://user:pass@host:587`, `smtps://…`);
   * unset: the email channel is off and email deliveries wait.
   */
  SMTP_URL: z.string().url().optional(),
  /**
   * Districts (comma-separated codes, or `*` for all) whose online applications need a verification
   * code sent to the applicant's phone or email first; unset: none do.
   */
  PUBLIC_VERIFY_DISTRICTS: z.string().default(""),
  /** The From of notification emails. */
  SMTP_FROM: z.string().default("Alur <noreply@alur.invalid>"),
  /**
   * WhatsApp/SMS gateway messages are POSTed to as JSON (with an Idempotency-Key header); unset:
   * the whatsapp-sms channel is off.
   */
  WA_GATEWAY_URL: z.string().url().optional(),
  /** Bearer token for WA_GATEWAY_URL. */
  WA_GATEWAY_TOKEN: z.string().optional(),
  /** OpenID Connect sign-in: the issuer URL; unset means local accounts only. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  /** Unset: a public client (PKCE only, no client secret). */
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** The callback URL registered at the provider: `<public origin>/api/auth/oidc/callback`. */
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_SCOPES: z.string().default("openid profile email"),
  /** The sign-in button's text. */
  OIDC_LABEL: z.string().default("SSO"),
  /** Claim holding the district code (or a value OIDC_DISTRICT_MAP maps to one). */
  OIDC_DISTRICT_CLAIM: z.string().default("district"),
  /** `claim value=district code` pairs, comma-separated; empty: the claim's value is the code. */
  OIDC_DISTRICT_MAP: z.string().default(""),
  /** Claim holding the user's groups/roles (a list or a space/comma-separated string). */
  OIDC_ROLES_CLAIM: z.string().default("groups"),
  /** `claim value=role id` pairs, comma-separated; empty: values that are Alur role ids are taken as they are. */
  OIDC_ROLE_MAP: z.string().default(""),
  /** Claim proposing the username of a new account. */
  OIDC_USERNAME_CLAIM: z.string().default("preferred_username"),
  /**
   * Comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For is believed
   * (e.g. `10.0.0.0/8,127.0.0.1`). Empty: the socket peer is the client, X-Forwarded-For is ignored.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const entries = v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      for (const entry of entries) {
        if (!parseCidr(entry)) ctx.addIssue({ code: "custom", message: `not an address or CIDR: ${entry}` });
      }
      return entries;
    }),
});
export type Env = z.infer<typeof Env>;

/** Whether single sign-on is configured (issuer, client and callback given). */
export function oidcEnabled(env: Env): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_REDIRECT_URI);
}

/** Parses the environment; throws one readable error naming every bad setting. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means unset (`TEMPORAL_ADDRESS= npm start` uses the local dev server).
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

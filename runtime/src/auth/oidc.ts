/**
 * OpenID Connect sign-in with openid-client: authorization code with PKCE (S256), state and
 * nonce; the claims of the ID token and the userinfo endpoint are mapped to a district and
 * roles by configuration. An identity is matched to its account by issuer and subject only
 * (never by email or username, so no IdP account can take over a local one); the first sign-in
 * provisions the account, and each later one re-applies the provider's district and roles.
 */
import * as client from "openid-client";
import type { Env } from "../env";
import { SUPER_ADMIN } from "./roles";

let discovered: { key: string; config: Promise<client.Configuration> } | undefined;

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/** The provider's configuration, discovered once per process (again after a failure). */
export function oidcConfiguration(env: Env): Promise<client.Configuration> {
  const issuer = new URL(env.OIDC_ISSUER!);
  const key = `${issuer.href}|${env.OIDC_CLIENT_ID}`;
  if (discovered?.key !== key) {
    const auth = env.OIDC_CLIENT_SECRET ? client.ClientSecretBasic(env.OIDC_CLIENT_SECRET) : client.None();
    const config = client
      .discovery(issuer, env.OIDC_CLIENT_ID!, undefined, auth, {
        // plain http only for a provider on this machine (tests, development)
        ...(issuer.protocol === "http:" && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    discovered = { key, config };
  }
  return discovered.config;
}

export interface OidcStart {
  url: URL;
  state: string;
  codeVerifier: string;
  nonce: string;
}

/** The provider's authorization URL for a new sign-in, with the secrets to keep until the callback. */
export async function startOidc(env: Env): Promise<OidcStart> {
  const config = await oidcConfiguration(env);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: env.OIDC_REDIRECT_URI!,
    scope: env.OIDC_SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, codeVerifier, nonce };
}

export type Claims = Record<string, unknown> & { sub: string; iss: string };

/** Exchanges the code (checking state, nonce and PKCE) and returns the ID token's and userinfo's claims. */
export async function finishOidc(
  env: Env,
  query: string,
  checks: { state: string; codeVerifier: string; nonce: string },
): Promise<Claims> {
  const config = await oidcConfiguration(env);
  const callback = new URL(env.OIDC_REDIRECT_URI!);
  callback.search = query;
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("no ID token");
  let userinfo: Record<string, unknown> = {};
  if (config.serverMetadata().userinfo_endpoint) {
    userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  }
  return { ...userinfo, ...idClaims } as Claims;
}

function pairs(text: string): Map<string, string> {
  return new Map(
    text
      .split(",")
      .map((p) => p.split("=").map((s) => s.trim()))
      .filter((p): p is [string, string] => p.length === 2 && p[0] !== "" && p[1] !== ""),
  );
}

function values(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === "string");
  if (typeof claim === "string") return claim.split(/[\s,]+/).filter((v) => v !== "");
  return [];
}

export interface MappedIdentity {
  issuer: string;
  subject: string;
  username: string;
  displayName: string;
  district: string | null;
  roles: string[];
}

/**
 * The district and roles the claims give under the configured mapping. Super admin is never
 * granted through a provider: that stays a local decision.
 */
export function mapClaims(env: Env, claims: Claims, knownRoles: ReadonlySet<string>): MappedIdentity {
  const districtMap = pairs(env.OIDC_DISTRICT_MAP);
  const rawDistrict = values(claims[env.OIDC_DISTRICT_CLAIM])[0];
  const district =
    rawDistrict === undefined ? null : districtMap.size > 0 ? (districtMap.get(rawDistrict) ?? null) : rawDistrict;
  const roleMap = pairs(env.OIDC_ROLE_MAP);
  const mapped = values(claims[env.OIDC_ROLES_CLAIM]).map((v) => (roleMap.size > 0 ? roleMap.get(v) : v.toLowerCase()));
  const roles = [
    ...new Set(mapped.filter((r): r is string => r !== undefined && knownRoles.has(r) && r !== SUPER_ADMIN)),
  ].sort();
  const proposed = values(claims[env.OIDC_USERNAME_CLAIM])[0] ?? values(claims.email)[0]?.split("@")[0] ?? claims.sub;
  const username =
    proposed
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .slice(0, 50) || "sso";
  const name =
    values(claims.name)[0] ?? [claims.given_name, claims.family_name].filter((v) => typeof v === "string").join(" ");
  return {
    issuer: claims.iss,
    subject: claims.sub,
    username: username.length < 3 ? `sso-${username}` : username,
    displayName: (typeof claims.name === "string" ? claims.name : name || username).slice(0, 120),
    district,
    roles,
  };
}

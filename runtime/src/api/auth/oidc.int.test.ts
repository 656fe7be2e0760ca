/**
 * OpenID Connect sign-in against a real provider (the `oidc-provider` package) on a loopback
 * port, with Alur served over real HTTP too: the whole authorization-code flow with PKCE as a
 * browser would follow it, redirect by redirect, cookies kept per origin. The provider's login
 * step is its interaction API (the test says which account signs in, as a person would by typing).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredential } from "../../auth/seed-demo";
import type { Db } from "../../store/db";
import { buildTestApp } from "../../testing/api-app";
import { ownPostgresDb } from "../../testing/servers";

const CLIENT_SECRET = "alur-test-client-secret-0123456789";

/** The provider's accounts and their claims (changed by tests between sign-ins). */
const accounts: Record<string, Record<string, unknown>> = {
  "kabid-1": {
    name: "Dewi Lestari",
    preferred_username: "dewi.lestari",
    groups: ["dinsos-kabid"],
    kabupaten: "Bekasi",
  },
  "nodistrict-1": { name: "Tanpa Kabupaten", preferred_username: "tanpa", groups: ["dinsos-fo"] },
  "clash-1": {
    name: "Bukan Admin",
    preferred_username: "bks.admin",
    groups: ["dinsos-fo", "super-admin"],
    kabupaten: "Bekasi",
  },
};
let nextAccount = "kabid-1";

let db: Db;
let drop: () => Promise<void>;
let credentials: DemoCredential[];
let idp: Server;
let alur: ReturnType<typeof serve>;
let issuer = "";
let alurUrl = "";

async function listenOnFreePort(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const own = await ownPostgresDb("oidc");
  db = own.db;
  drop = own.drop;

  // the identity provider
  idp = createServer();
  issuer = `http://127.0.0.1:${await listenOnFreePort(idp)}`;
  // Alur's port first, so the provider can register its callback
  const probe = createServer();
  const alurPort = await listenOnFreePort(probe);
  await new Promise((r) => probe.close(r));
  alurUrl = `http://127.0.0.1:${alurPort}`;
  const redirectUri = `${alurUrl}/auth/oidc/callback`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "alur",
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], profile: ["name", "preferred_username", "groups", "kabupaten"] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, ...accounts[sub] }),
    }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ["oidc-test-cookie-key"] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  const callback = provider.callback();
  idp.on("request", (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: nextAccount } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new provider.Grant({
        accountId: details.session!.accountId,
        clientId: String(details.params.client_id),
      });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  let app: Awaited<ReturnType<typeof buildTestApp>>["app"];
  ({ app, credentials } = await buildTestApp(db, {
    env: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: "alur",
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_SCOPES: "openid profile",
      OIDC_DISTRICT_CLAIM: "kabupaten",
      OIDC_DISTRICT_MAP: "Bekasi=3216,Sumedang=3211",
      OIDC_ROLES_CLAIM: "groups",
      OIDC_ROLE_MAP: "dinsos-kabid=kepala-bidang,dinsos-fo=front-office,super-admin=super-admin",
    },
  }));
  alur = serve({ fetch: app.fetch, port: alurPort, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => alur.once("listening", () => resolve()));
});
afterAll(async () => {
  await new Promise((r) => alur?.close(r));
  await new Promise((r) => idp?.close(r));
  await db.destroy();
  await drop();
});

/** A browser's cookies: name → value per origin (enough for host-only cookies on loopback). */
class Jar {
  private readonly byOrigin = new Map<string, Map<string, string>>();
  store(url: URL, res: Response): void {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired) jar.delete(name!.trim());
      else jar.set(name!.trim(), rest.join("=").trim());
    }
    this.byOrigin.set(url.origin, jar);
  }
  header(url: URL): string {
    return [...(this.byOrigin.get(url.origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get(origin: string, name: string): string | undefined {
    return this.byOrigin.get(origin)?.get(name);
  }
}

/** Follows redirects like a browser until a page of Alur's web app (not its API) is reached. */
async function browse(start: string, jar: Jar): Promise<{ landed: URL; hops: URL[] }> {
  let url = new URL(start);
  const hops: URL[] = [];
  for (let i = 0; i < 20; i++) {
    hops.push(url);
    const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header(url) } });
    jar.store(url, res);
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`${url.href} answered ${res.status}: ${await res.text()}`);
    }
    url = new URL(location, url);
    if (url.origin === alurUrl && !url.pathname.startsWith("/auth/")) return { landed: url, hops };
  }
  throw new Error("too many redirects");
}

async function me(jar: Jar) {
  const url = new URL(`${alurUrl}/auth/me`);
  const res = await fetch(url, { headers: { cookie: jar.header(url) } });
  return {
    status: res.status,
    body: (await res.json()) as {
      user: { id: string; username: string; displayName: string; district: string; roles: string[]; sso: boolean };
    },
  };
}

describe("OpenID Connect sign-in", () => {
  it("says it is offered", async () => {
    const res = await fetch(`${alurUrl}/auth/oidc`);
    expect(await res.json()).toEqual({ enabled: true, label: "SSO" });
  });

  it("signs in by code flow with PKCE, provisioning the account with the mapped district and roles", async () => {
    // given a person known to the provider only
    nextAccount = "kabid-1";
    const jar = new Jar();

    // when they start SSO and follow every redirect
    const { landed, hops } = await browse(`${alurUrl}/auth/oidc/start?returnTo=/permohonan`, jar);

    // then the provider was asked for a code with an S256 PKCE challenge, state and nonce
    const authorize = hops.find(
      (h) => h.origin === issuer && h.pathname === "/auth" && h.searchParams.has("client_id"),
    )!;
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    // and they land where they were going, signed in to a new SSO account of Bekasi
    expect(landed.pathname).toBe("/permohonan");
    expect(jar.get(alurUrl, "alur_session")).toBeTruthy();
    const { status, body } = await me(jar);
    expect(status).toBe(200);
    expect(body.user).toMatchObject({
      username: "dewi.lestari",
      displayName: "Dewi Lestari",
      district: "3216",
      roles: ["kepala-bidang"],
      sso: true,
    });
    const login = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.login")
      .where("actor_id", "=", body.user.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(login).toMatchObject({ outcome: "ok", details: expect.objectContaining({ sso: true, issuer }) });
    // an SSO account has no password to sign in with
    const byPassword = await fetch(`${alurUrl}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "dewi.lestari", password: "!sso", mode: "token" }),
    });
    expect(byPassword.status).toBe(401);
  });

  it("matches the same account by subject next time and applies the provider's new roles, audited", async () => {
    // given the provider moved the person to the front office
    const before = await db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "dewi.lestari")
      .executeTakeFirstOrThrow();
    accounts["kabid-1"] = { ...accounts["kabid-1"], groups: ["dinsos-fo"] };
    nextAccount = "kabid-1";

    // when they sign in again
    const jar = new Jar();
    await browse(`${alurUrl}/auth/oidc/start`, jar);

    // then it is the same account with the new role
    const { body } = await me(jar);
    expect(body.user.id).toBe(before.id);
    expect(body.user.roles).toEqual(["front-office"]);
    const sync = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.sso-sync")
      .where("resource_id", "=", before.id)
      .executeTakeFirstOrThrow();
    expect(sync).toMatchObject({
      before: expect.objectContaining({ roles: ["kepala-bidang"] }),
      after: expect.objectContaining({ roles: ["front-office"] }),
    });
  });

  it("never takes over a local account of the same name, and never grants super admin", async () => {
    nextAccount = "clash-1";
    const jar = new Jar();
    await browse(`${alurUrl}/auth/oidc/start`, jar);
    const { body } = await me(jar);
    const local = await db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "bks.admin")
      .executeTakeFirstOrThrow();
    expect(body.user.id).not.toBe(local.id);
    expect(body.user.username).toMatch(/^bks\.admin-sso-[0-9a-f]{6}$/);
    expect(body.user.roles).toEqual(["front-office"]);
  });

  it("refuses an identity without a mapped district, audited, with no session", async () => {
    nextAccount = "nodistrict-1";
    const jar = new Jar();
    const { landed } = await browse(`${alurUrl}/auth/oidc/start`, jar);
    expect(landed.pathname).toBe("/masuk");
    expect(landed.searchParams.get("sso")).toBe("sso-no-access");
    expect(jar.get(alurUrl, "alur_session")).toBeUndefined();
    const refused = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "auth.login")
      .where("outcome", "=", "denied")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(refused.details).toMatchObject({ sso: true, reason: "no-district-or-role" });
  });

  it("refuses a replayed or forged callback", async () => {
    // a callback whose state Alur never issued
    const jar = new Jar();
    const forged = await fetch(`${alurUrl}/auth/oidc/callback?code=abc&state=forged`, { redirect: "manual" });
    expect(forged.status).toBe(302);
    expect(forged.headers.get("location")).toBe("/masuk?sso=sso-failed");

    // a real callback used twice: the second is refused (the state is gone)
    nextAccount = "kabid-1";
    let url = new URL(`${alurUrl}/auth/oidc/start`);
    let callbackUrl: URL | undefined;
    for (let i = 0; i < 20 && !callbackUrl; i++) {
      const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header(url) } });
      jar.store(url, res);
      url = new URL(res.headers.get("location")!, url);
      if (url.origin === alurUrl && url.pathname === "/auth/oidc/callback") callbackUrl = url;
    }
    const first = await fetch(callbackUrl!, { redirect: "manual" });
    expect(first.headers.get("location")).toBe("/tugas");
    const replay = await fetch(callbackUrl!, { redirect: "manual" });
    expect(replay.headers.get("location")).toBe("/masuk?sso=sso-failed");
    expect(replay.headers.getSetCookie().some((c) => c.startsWith("alur_session="))).toBe(false);
  });

  it("an open redirect is not possible: returnTo to another origin lands on the inbox", async () => {
    nextAccount = "kabid-1";
    const { landed } = await browse(`${alurUrl}/auth/oidc/start?returnTo=//evil.example/x`, new Jar());
    expect(landed.href).toBe(`${alurUrl}/tugas`);
  });

  it("local accounts keep signing in by password", async () => {
    const cred = credentials.find((c) => c.username === "bks.front-office")!;
    const res = await fetch(`${alurUrl}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: cred.username, password: cred.password, mode: "token" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { sso: boolean } }).user.sso).toBe(false);
  });
});

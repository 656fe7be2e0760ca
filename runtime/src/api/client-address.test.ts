import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IP_LIMIT } from "../auth/login";
import type { DemoCredential } from "../auth/seed-demo";
import { loadEnv } from "../env";
import { type Db, openDb } from "../store/db";
import { buildTestApp, type TestApp } from "../testing/api-app";

let db: Db;
let credentials: DemoCredential[];
const servers: ReturnType<typeof serve>[] = [];

/** Serves `app` on a loopback port over real HTTP, so the API sees a real socket peer. */
async function listen(app: TestApp): Promise<string> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function login(baseUrl: string, username: string, password: string, forwardedFor?: string) {
  return fetch(`${baseUrl}/auth/login`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
    },
    body: JSON.stringify({ username, password, mode: "token" }),
  });
}

async function addressesOf(username: string): Promise<string[]> {
  const rows = await db.selectFrom("login_attempts").select("ip").where("username", "=", username).execute();
  return [...new Set(rows.map((r) => r.ip))];
}

beforeAll(async () => {
  db = await openDb({ kind: "pglite", dataDir: null });
  ({ credentials } = await buildTestApp(db));
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await db.destroy();
});

describe("client address", () => {
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    // given an API with no trusted proxy, called straight from 127.0.0.1
    const { app } = await buildTestApp(db, { credentials });
    const baseUrl = await listen(app);
    // when a caller invents a new address for every failed attempt
    let last = 0;
    for (let i = 0; i <= IP_LIMIT; i++) {
      const res = await login(baseUrl, "spoofer", "wrong", `203.0.113.${i}, 198.51.100.${i}`);
      last = res.status;
      await res.arrayBuffer();
    }
    // then every attempt counts against the socket address and the limit holds
    expect(last).toBe(429);
    expect(await addressesOf("spoofer")).toEqual(["127.0.0.1"]);
  });

  it("believes a trusted proxy: the client is the right-most forwarded hop that is no proxy", async () => {
    // given an API behind a proxy on 127.0.0.1 (one office's traffic all arrives through it)
    const { app } = await buildTestApp(db, { credentials, env: { TRUSTED_PROXIES: "127.0.0.1/32, 10.9.0.0/16" } });
    const baseUrl = await listen(app);
    // when one client of the office fails until it is limited
    let last = 0;
    for (let i = 0; i <= IP_LIMIT; i++) {
      // what the client itself wrote (left) is ignored; 10.9.1.1 is an inner proxy
      const res = await login(baseUrl, `office-${i}`, "wrong", `6.6.6.${i}, 192.0.2.44, 10.9.1.1`);
      last = res.status;
      await res.arrayBuffer();
    }
    // then that client is limited, by its own address
    expect(last).toBe(429);
    expect(await addressesOf("office-0")).toEqual(["192.0.2.44"]);
    // and a colleague behind the same proxy still signs in
    const cred = credentials.find((c) => c.username === "bks.front-office")!;
    expect((await login(baseUrl, cred.username, cred.password, "192.0.2.45")).status).toBe(200);
  });

  it("refuses a TRUSTED_PROXIES entry that is no address or CIDR", () => {
    expect(() => loadEnv({ TRUSTED_PROXIES: "10.0.0.0/8, proxy.local" })).toThrow(/TRUSTED_PROXIES.*proxy\.local/);
    expect(() => loadEnv({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
    expect(loadEnv({ TRUSTED_PROXIES: "10.0.0.0/8,::1" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "::1"]);
  });
});

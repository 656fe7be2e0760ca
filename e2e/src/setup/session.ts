/** Demo accounts of the e2e server (embedded first start writes them to the data dir). */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { inject } from "vitest";

export interface DemoCredential {
  username: string;
  password: string;
  district: string | null;
  roles: string[];
}

function demoCredentials(): DemoCredential[] {
  return JSON.parse(readFileSync(path.join(inject("dataDir"), "demo-credentials.json"), "utf8")) as DemoCredential[];
}

export function passwordOf(username: string): string {
  const found = demoCredentials().find((c) => c.username === username);
  if (!found) throw new Error(`no demo account ${username}`);
  return found.password;
}

/** Signs in through the login page, as a person would (a demo account unless a password is given). */
export async function signInThroughUi(page: Page, username: string, password = passwordOf(username)): Promise<void> {
  await page.goto(`${inject("baseUrl")}/masuk`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/masuk"));
}

/** A bearer token for API calls made by the test itself (setup, assertions). */
export async function apiToken(username: string, password = passwordOf(username)): Promise<string> {
  const res = await fetch(`${inject("baseUrl")}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password, mode: "token" }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** JSON call to the API with a bearer token; throws with the answer unless it is 2xx. */
export async function apiCall<T>(token: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${inject("baseUrl")}/api${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A local account created by the district's admin through the API (a second user of a role). */
export async function createStaffUser(input: {
  username: string;
  displayName: string;
  district: string;
  roles: string[];
}): Promise<{ id: string; username: string; password: string }> {
  const password = `pw-${crypto.randomUUID()}`;
  const admin = await apiToken(input.district === "3211" ? "smd.admin" : "bks.admin");
  const user = await apiCall<{ id: string }>(admin, "POST", "/users", {
    username: input.username,
    displayName: input.displayName,
    password,
    orgUnitId: input.district,
    roles: input.roles,
  });
  return { id: user.id, username: input.username, password };
}

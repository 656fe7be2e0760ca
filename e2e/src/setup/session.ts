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

export function demoCredentials(): DemoCredential[] {
  return JSON.parse(readFileSync(path.join(inject("dataDir"), "demo-credentials.json"), "utf8")) as DemoCredential[];
}

export function passwordOf(username: string): string {
  const found = demoCredentials().find((c) => c.username === username);
  if (!found) throw new Error(`no demo account ${username}`);
  return found.password;
}

/** Signs in through the login page, as a person would. */
export async function signInThroughUi(page: Page, username: string): Promise<void> {
  await page.goto(`${inject("baseUrl")}/masuk`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(passwordOf(username));
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/masuk"));
}

/** A bearer token for API calls made by the test itself (setup, assertions). */
export async function apiToken(username: string): Promise<string> {
  const res = await fetch(`${inject("baseUrl")}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: passwordOf(username), mode: "token" }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

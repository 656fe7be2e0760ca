/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * A district admin runs the office's people (issue 15 item 7): on the people page (Bahasa
 * Indonesia by default) they add a user with roles and no password, are shown a temporary password
 * once, and the new user signs in with it, is made to choose their own password, and then works
 * their inbox. The page also reads on a 390-px phone, and in English on the switch.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "../setup/accessibility";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";

const username = `bks.baru.${Date.now().toString(36)}`;
const displayName = "Sari Wulandari";
let browser: Browser;
let temporary = "";

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return { page, errors: watchConsole(page) };
}

describe("people administration", () => {
  it("an admin creates a user in the UI and is shown a one-time temporary password", async () => {
    // given the Bekasi admin on the people page
    const { page, errors } = await open(1280, 900);
    await signInThroughUi(page, "bks.admin");
    await page.getByRole("link", { name: "Pengguna", exact: true }).click();
    await page.getByRole("heading", { name: "Pengguna dan peran" }).waitFor();
    await page.getByTestId("people-table").waitFor();

    // when they add a user with two roles and no password
    const form = page.getByRole("region", { name: "Tambah pengguna" });
    await form.getByLabel("Nama pengguna").fill(username);
    await form.getByLabel("Nama lengkap").fill(displayName);
    await form.getByRole("checkbox", { name: "Petugas Back Office" }).check();
    await form.getByRole("checkbox", { name: "Pekerja Sosial" }).check();
    // the super-admin role is not offered to a district admin
    expect(await form.getByRole("checkbox", { name: /Super Admin/ }).count()).toBe(0);
    await form.getByRole("button", { name: "Tambah pengguna" }).click();

    // then the temporary password is shown once, and the list has the new user
    await form.getByText(`Pengguna ${username} dibuat.`).waitFor();
    temporary = (await form.getByTestId("temporary-password").textContent()) ?? "";
    expect(temporary).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const row = page.locator(`tr[data-username="${username}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(displayName);
    expect(await row.textContent()).toContain("Harus mengganti kata sandi");
    expect(await row.textContent()).toMatch(/Petugas Back Office, Pekerja Sosial|Pekerja Sosial, Petugas Back Office/);
    await screenshot(page, "people-admin-created");
    expect(await seriousViolations(page)).toEqual([]);

    // and in English the page is English
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByRole("heading", { name: "People and roles" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("the new user signs in with it, must choose their own password, then works", async () => {
    const { page, errors } = await open(1280, 900);
    await signInThroughUi(page, username, temporary);

    // sent to the change-password page, whatever they open
    await page.waitForURL((url) => url.pathname === "/ganti-sandi");
    await page.getByText("Anda masuk dengan kata sandi sementara").waitFor();
    const mine = `sari-${crypto.randomUUID().slice(0, 8)}`;
    await page.getByLabel("Kata sandi saat ini").fill(temporary);
    await page.getByLabel("Kata sandi baru", { exact: true }).fill(mine);
    await page.getByLabel("Ulangi kata sandi baru").fill(mine);
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();

    // then the inbox opens with their name in the header
    await page.waitForURL((url) => url.pathname === "/tugas");
    await page.getByText(displayName).first().waitFor();
    expect(errors).toEqual([]);

    // and the new password signs in through the API; the temporary one no longer does
    const token = await apiToken(username, mine);
    const me = await apiCall<{ user: { roles: string[]; mustChangePassword: boolean } }>(token, "GET", "/auth/me");
    expect(me.user).toMatchObject({ roles: ["back-office", "pekerja-sosial"], mustChangePassword: false });
    await expect(apiToken(username, temporary)).rejects.toThrow(/401/);
  });

  it("the people page reads on a 390-px phone", async () => {
    const { page, errors } = await open(390, 844);
    await signInThroughUi(page, "bks.admin");
    await page.goto(`${new URL(page.url()).origin}/pengguna`);
    await page.locator(`tr[data-username="${username}"]`).waitFor();
    await screenshot(page, "people-admin-phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // what sticks out, to name it when this fails
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("main *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(overflow, wide.join("; ")).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});

/// <reference lib="dom" />
/**
 * The staff workspace beyond the happy path: the English switch, the inbox on a 390-px phone, and
 * the login form and inbox worked with the keyboard alone.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { InboxPage } from "../pages/inbox-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiToken, passwordOf, signInThroughUi } from "../setup/session";

let browser: Browser;
let caseNumber = "";

/** Registers a case of the smoke service (no documents required) so the inbox has a row. */
async function startSmokeCase(): Promise<string> {
  const token = await apiToken("bks.front-office");
  const form = new FormData();
  form.set(
    "data",
    JSON.stringify({ processId: "smoke", district: "3216", applicant: { name: "Budi Santoso" }, variables: {} }),
  );
  const res = await fetch(`${inject("baseUrl")}/api/cases`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "idempotency-key": crypto.randomUUID() },
    body: form,
  });
  if (!res.ok) throw new Error(`start smoke case: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { caseNumber: string }).caseNumber;
}

beforeAll(async () => {
  browser = await launchBrowser();
  caseNumber = await startSmokeCase();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return { page, errors: watchConsole(page) };
}

describe("workspace usability", () => {
  it("switches visible strings to English and back", async () => {
    const { page, errors } = await newPage(1280, 800);
    await signInThroughUi(page, "bks.front-office");
    await page.getByRole("heading", { level: 1, name: "Tugas" }).waitFor();
    expect(await page.getByRole("navigation").textContent()).toContain("Katalog Layanan");

    // when the user picks EN
    await page.getByRole("button", { name: "EN", exact: true }).click();

    // then the page, the navigation and the tabs speak English, and the document says so
    await page.getByRole("heading", { level: 1, name: "Tasks" }).waitFor();
    const nav = await page.getByRole("navigation").textContent();
    expect(nav).toContain("Service catalogue");
    expect(nav).not.toContain("Katalog Layanan");
    expect(await page.getByRole("tab", { name: "Unassigned" }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await screenshot(page, "workspace-inbox-english");

    // and the choice survives a reload
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Tasks" }).waitFor();
    await page.getByRole("button", { name: "ID", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Tugas" }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keeps the inbox within a 390-px-wide phone screen", async () => {
    const { page, errors } = await newPage(390, 844);
    await signInThroughUi(page, "bks.front-office");
    const inbox = new InboxPage(page, inject("baseUrl"));
    await inbox.showScope("Belum diambil");
    await inbox.findTask(caseNumber, "");
    await screenshot(page, "workspace-inbox-390px");

    // no horizontal scrolling of the page: every part fits the viewport width
    const widths = await page.evaluate(() => ({
      viewport: window.innerWidth,
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
    }));
    expect(widths.document).toBeLessThanOrEqual(widths.viewport);
    expect(widths.body).toBeLessThanOrEqual(widths.viewport);
    // and the task link is on screen and large enough to tap
    const link = page.locator("tbody tr", { hasText: caseNumber }).getByRole("link").first();
    const box = await link.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(widths.viewport);

    // the top bar is one row: no taller than a button row, brand, menu button and language side by side
    const nav = page.getByRole("navigation", { name: "Navigasi utama" });
    const bar = (await nav.boundingBox())!;
    expect(bar.height).toBeLessThanOrEqual(56);
    expect(bar.width).toBeLessThanOrEqual(widths.viewport);
    const menu = nav.getByRole("button", { name: "Menu" });
    const rowOf = async (locator: typeof menu) => {
      const b = (await locator.boundingBox())!;
      return { top: b.y, bottom: b.y + b.height };
    };
    for (const part of [
      nav.getByText("Alur", { exact: true }),
      menu,
      nav.getByRole("button", { name: "EN", exact: true }),
    ]) {
      const r = await rowOf(part);
      expect(r.top).toBeGreaterThanOrEqual(bar.y);
      expect(r.bottom).toBeLessThanOrEqual(bar.y + bar.height);
    }
    // the links are behind the menu button, which opens and closes them
    expect(await nav.getByRole("link", { name: "Katalog Layanan" }).isVisible()).toBe(false);
    await menu.click();
    await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("true");
    await screenshot(page, "workspace-menu-390px");
    await nav.getByRole("link", { name: "Katalog Layanan" }).click();
    await page.waitForURL((url) => url.pathname === "/katalog");
    // the menu closes when the route has changed (an effect after the render): wait for it
    await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
    await expect.poll(() => nav.getByRole("link", { name: "Katalog Layanan" }).isVisible()).toBe(false);
    expect((await nav.boundingBox())!.height).toBeLessThanOrEqual(56);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("signs in and opens a task with the keyboard alone", async () => {
    const { page, errors } = await newPage(1280, 800);
    await page.goto(`${inject("baseUrl")}/masuk`);
    await page.locator("form").waitFor();

    // Tab reaches the username field, the password field and the submit button, in that order
    const reached = await tabUntil(page, (el) => el.name === "username");
    expect(reached.map((r) => r.label)).toContain("username");
    await page.keyboard.type("bks.front-office");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ name: "password" });
    await page.keyboard.type(passwordOf("bks.front-office"));
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "button", type: "submit" });
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/tugas");

    // in the inbox, the first Tab offers the skip link; the scope tabs and a task link follow
    await page.getByRole("heading", { level: 1, name: "Tugas" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ text: "Lewati ke isi" });
    await tabUntil(page, (el) => el.text === "Belum diambil");
    await page.keyboard.press("Enter");
    await page.locator("tbody tr", { hasText: caseNumber }).first().waitFor();
    await tabUntil(page, (el) => el.tag === "a" && (el.href ?? "").includes("/tugas/"), 60);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/tugas\/[^/]+$/);
    // the focus ring is visible where the keyboard is
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.keyboard.press("Tab");
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        tag: el?.tagName ?? "",
        text: el?.textContent?.slice(0, 40) ?? "",
        outline: el ? getComputedStyle(el).outlineStyle : "none",
      };
    });
    expect(ring, JSON.stringify(ring)).toMatchObject({ outline: "solid" });
    await screenshot(page, "workspace-task-keyboard");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

type Focused = {
  tag: string;
  name: string | null;
  type: string | null;
  text: string;
  href: string | null;
  label: string;
};

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const tag = el?.tagName.toLowerCase() ?? "";
    const name = el?.getAttribute("name") ?? null;
    return {
      tag,
      name,
      type: el?.getAttribute("type") ?? null,
      text: (el?.textContent ?? "").trim(),
      href: el?.getAttribute("href") ?? null,
      label: name ?? (el?.textContent ?? "").trim(),
    };
  });
}

/** Presses Tab until the focused element matches; returns everything focused on the way. */
async function tabUntil(page: Page, match: (el: Focused) => boolean, limit = 30): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const el = await focused(page);
    seen.push(el);
    if (match(el)) return seen;
  }
  throw new Error(`Tab never reached the element; focused: ${seen.map((s) => s.label || s.tag).join(" → ")}`);
}

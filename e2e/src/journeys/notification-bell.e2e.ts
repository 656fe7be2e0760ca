/// <reference lib="dom" />
/**
 * The notification bell (issue 15 item 6): a task opened for a user's role shows in the header's
 * bell with its unread count; the panel (Bahasa Indonesia by default, English on the switch) links
 * to the task and marks all read; the preferences page saves an email address and channels.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, createStaffUser, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_lonceng");
let browser: Browser;
let user: { id: string; username: string; password: string };
let caseId = "";

type Page1 = { unreadCount: number; items: { title: string; taskId: string | null }[] };

beforeAll(async () => {
  browser = await launchBrowser();
  // a role only this journey's user holds in 3216, so the bell shows this journey's task alone
  user = await createStaffUser({
    username: `bks.sakti.${Date.now().toString(36)}`,
    displayName: "Rudi Hartono",
    district: "3216",
    roles: ["sakti-peksos"],
  });
  const admin = await apiToken("bks.admin");
  const xml = oneStepServiceXml(processId, "Uji lonceng").replace(
    'candidateGroups="front-office"',
    'candidateGroups="sakti-peksos"',
  );
  await apiCall(admin, "POST", "/processes", { bpmnXml: xml, district: "3216", publish: true });
  caseId = (await startCaseWithDocuments(processId, "Ani Yulianti")).id;
  // the worker opens the task, which writes the notification
  const token = await apiToken(user.username, user.password);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await apiCall<Page1>(token, "GET", "/notifications");
    if (page.unreadCount > 0) break;
    if (Date.now() > deadline) throw new Error("no task notification arrived");
    await new Promise((r) => setTimeout(r, 500));
  }
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, user.username, user.password);
  return { page, errors };
}

describe("notification bell", () => {
  it("shows the unread task notice, links to the task, marks all read, in Indonesian and English", async () => {
    // given the user signed in
    const { page, errors } = await signedIn();

    // when they look at the header's bell and open it
    const bell = page.getByRole("button", { name: /Pemberitahuan: 1 belum dibaca/ });
    await bell.waitFor();
    expect(await page.getByTestId("bell-count").textContent()).toBe("1");
    await bell.click();
    const panel = page.getByRole("region", { name: "Pemberitahuan" });
    await panel.waitFor();

    // then the panel lists the new task, linked to it
    const link = panel.getByRole("link", { name: "Tugas baru: Verifikasi berkas" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toMatch(/^\/tugas\//);
    expect(await panel.getByText("Tugas baru", { exact: true }).count()).toBe(1);
    await screenshot(page, "notification-bell-id");

    // and in English the chrome is English (the click on the switch closed the panel: reopen it)
    await page.getByRole("button", { name: "EN", exact: true }).click();
    expect(await panel.count()).toBe(0);
    await page.getByRole("button", { name: /Notifications: 1 unread/ }).click();
    await page.getByRole("region", { name: "Notifications" }).waitFor();
    expect(await page.getByRole("button", { name: "Mark all read" }).isEnabled()).toBe(true);
    await screenshot(page, "notification-bell-en");

    // when they mark all read, the count goes
    await page.getByRole("button", { name: "Mark all read" }).click();
    await page.getByRole("button", { name: /Notifications: 0 unread/ }).waitFor();
    expect(await page.getByTestId("bell-count").count()).toBe(0);

    // and following the link opens the task page of the case's task
    await page.getByRole("link", { name: "Tugas baru: Verifikasi berkas" }).click();
    await page.waitForURL(/\/tugas\/[^/]+$/);
    expect(errors).toEqual([]);
    expect(caseId).not.toBe("");
  });

  it("saves an email address and email for new tasks on the preferences page", async () => {
    // given the preferences page
    const { page, errors } = await signedIn();
    await page.goto(`${new URL(page.url()).origin}/pemberitahuan/pengaturan`);
    await page.getByRole("heading", { name: "Pengaturan pemberitahuan" }).waitFor();

    // when they fill in an email address and tick email for new tasks, and save
    await page.getByLabel("Alamat email").fill("rudi.hartono@dinsos.test");
    await page.getByRole("checkbox", { name: "Tugas baru: Email" }).check();
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByRole("status").filter({ hasText: "Pengaturan disimpan." }).waitFor();
    await screenshot(page, "notification-preferences-id");

    // then the API has them
    const token = await apiToken(user.username, user.password);
    const prefs = await apiCall<{ email: string; channels: Record<string, string[]> }>(
      token,
      "GET",
      "/me/notification-preferences",
    );
    expect(prefs.email).toBe("rudi.hartono@dinsos.test");
    expect(prefs.channels["task-assigned"]?.sort()).toEqual(["email", "in-app"]);
    expect(errors).toEqual([]);
  });
});

describe("notification bell on a phone", () => {
  it("sits in the one-row top bar beside the menu button and its panel fits the screen", async () => {
    // given a 390-px phone
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await signInThroughUi(page, user.username, user.password);

    // when the bell is opened
    const bell = page.getByRole("button", { name: /Pemberitahuan:/ });
    await bell.click();
    const panel = page.getByRole("region", { name: "Pemberitahuan" });
    await panel.waitFor();

    // then bell and menu button share the bar's row, and the panel is within the viewport
    const b = (await bell.boundingBox())!;
    const m = (await page.getByRole("button", { name: /Menu/ }).boundingBox())!;
    expect(Math.abs(b.y + b.height / 2 - (m.y + m.height / 2))).toBeLessThan(4);
    const p = (await panel.boundingBox())!;
    expect(p.x).toBeGreaterThanOrEqual(0);
    expect(p.x + p.width).toBeLessThanOrEqual(390);
    await screenshot(page, "notification-bell-phone");
    await context.close();
  });
});

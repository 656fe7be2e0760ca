/**
 * Daftar Permohonan (issue 15): a case that has completed, which no inbox shows any more, is found
 * by the head of division by its status and case number; the filter is saved and the list is
 * exported as CSV with the same filter; the page switches to English.
 */
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CaseListPage } from "../pages/case-list-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_daftar");
let browser: Browser;
let done = { id: "", caseNumber: "" };
let running = { id: "", caseNumber: "" };

/** Waits until the API reports the case in `status`. */
async function waitForCase(token: string, caseId: string, status: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const view = await apiCall<{ status: string }>(token, "GET", `/cases/${caseId}`);
    if (view.status === status) return;
    if (Date.now() > deadline) throw new Error(`case ${caseId} stayed ${view.status}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: oneStepServiceXml(processId, "Uji daftar permohonan"),
    district: "3216",
    publish: true,
  });
  done = await startCaseWithDocuments(processId, "Ratna Sari");
  running = await startCaseWithDocuments(processId, "Rudi Hartono");
  // the front office completes the first case's only step
  const front = await apiToken("bks.front-office");
  const deadline = Date.now() + 60_000;
  let task: { id: string; revision: number } | undefined;
  while (!task) {
    const page = await apiCall<{ items: { id: string; caseId: string; revision: number }[] }>(
      front,
      "GET",
      `/tasks?scope=unassigned&service=${processId}&limit=200`,
    );
    task = page.items.find((t) => t.caseId === done.id);
    if (!task && Date.now() > deadline) throw new Error("no task for the case");
    if (!task) await new Promise((r) => setTimeout(r, 300));
  }
  const claimed = await apiCall<{ revision: number }>(front, "POST", `/tasks/${task.id}/claim`, {
    revision: task.revision,
  });
  await apiCall(front, "POST", `/tasks/${task.id}/complete`, { revision: claimed.revision, data: {} });
  await waitForCase(front, done.id, "completed");
});
afterAll(async () => {
  await browser?.close();
});

describe("Daftar Permohonan", () => {
  it("finds a completed case, saves the filter, exports it as CSV, and reads in English", async () => {
    // given the head of division signed in
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.kepala-bidang");
    const list = new CaseListPage(page, inject("baseUrl"));
    await list.open();
    await list.row(running.caseNumber).waitFor();
    await screenshot(page, "case-list-01-all");

    // when they look for completed cases of the case's number
    await list.filter({ search: done.caseNumber, status: "Selesai" });

    // then the completed case shows, with its status, and the running one does not
    const row = list.row(done.caseNumber);
    await row.waitFor();
    expect(await row.textContent()).toContain("Ratna Sari");
    expect(await row.getByText("Selesai", { exact: true }).count()).toBeGreaterThan(0);
    expect(await list.row(running.caseNumber).count()).toBe(0);
    expect(page.url()).toContain("status=completed");
    await screenshot(page, "case-list-02-completed");

    // when they save the filter under a name, then it is in their saved filters
    await page.getByLabel("Simpan filter ini sebagai").fill("Selesai uji");
    await page.getByRole("button", { name: "Simpan", exact: true }).click();
    await page
      .getByLabel("Filter tersimpan")
      .locator("option", { hasText: "Selesai uji" })
      .waitFor({ state: "attached" });

    // when they export the CSV, then it holds the same one case
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Unduh CSV" }).click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv).toContain(done.caseNumber);
    expect(csv).toContain("Ratna Sari");
    expect(csv).not.toContain(running.caseNumber);

    // when the language switches, then the page reads in English
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Cases" }).waitFor();
    await list.row(done.caseNumber).getByText("Completed", { exact: true }).waitFor();
    await screenshot(page, "case-list-03-english");
    expect(errors).toEqual([]);
    await context.close();
  });
});

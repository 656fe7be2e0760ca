/**
 * Delegating a task (issue #5/#6): a back-office user claims a task, meets a conflict when it
 * changed under the open dialog (shown in Bahasa Indonesia and English), then hands it to a
 * colleague with the same role, with the keyboard; the task leaves their "Tugas saya" and shows in
 * the colleague's.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { InboxPage } from "../pages/inbox-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, createStaffUser, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const TASK = "Verifikasi berkas";
const processId = uniqueProcessId("e2e_delegasi");
let browser: Browser;
let caseNumber = "";
let colleague: { id: string; username: string; password: string; displayName: string };

/** Publishes the one-step service with its task addressed to the back office, and starts a case. */
async function backOfficeCase(): Promise<string> {
  const admin = await apiToken("bks.admin");
  const xml = oneStepServiceXml(processId, "Uji delegasi").replace(
    'candidateGroups="front-office"',
    'candidateGroups="back-office"',
  );
  await apiCall(admin, "POST", "/processes", { bpmnXml: xml, district: "3216", publish: true });
  return (await startCaseWithDocuments(processId, "Rina Marlina")).caseNumber;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const suffix = Date.now().toString(36);
  const created = await createStaffUser({
    username: `bks.back-office.${suffix}`,
    displayName: `Dewi Lestari ${suffix}`,
    district: "3216",
    roles: ["back-office"],
  });
  colleague = { ...created, displayName: `Dewi Lestari ${suffix}` };
  caseNumber = await backOfficeCase();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string, password?: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, username, password);
  return { page, errors };
}

async function myTaskIds(token: string): Promise<string[]> {
  const page = await apiCall<{ items: { id: string }[] }>(token, "GET", "/tasks?scope=mine&limit=200");
  return page.items.map((t) => t.id);
}

describe("delegate a task", () => {
  it("hands a claimed task to a colleague with the same role, who finds it in Tugas saya", async () => {
    // given the back office has claimed the case's task
    const { page, errors } = await signedIn("bks.back-office");
    const inbox = new InboxPage(page, inject("baseUrl"));
    const task = await inbox.claimUnassigned(caseNumber, TASK);
    const taskId = page.url().split("/").pop()!;
    const me = await apiToken("bks.back-office");
    expect(await myTaskIds(me)).toContain(taskId);

    // when the task changes under the open dialog (given back and taken again elsewhere)
    await task.openDelegateDialog();
    const dialog = page.getByRole("dialog", { name: "Delegasikan tugas" });
    await dialog.getByRole("radio", { name: colleague.displayName }).waitFor();
    await screenshot(page, "delegate-01-dialog");
    const seen = await apiCall<{ revision: number }>(me, "GET", `/tasks/${taskId}`);
    const given = await apiCall<{ revision: number }>(me, "POST", `/tasks/${taskId}/unclaim`, {
      revision: seen.revision,
    });
    await apiCall(me, "POST", `/tasks/${taskId}/claim`, { revision: given.revision });
    await dialog.getByRole("radio", { name: colleague.displayName }).check();
    await dialog.getByRole("button", { name: "Delegasikan" }).click();

    // then the conflict is explained in Bahasa Indonesia, and in English after the switch
    const alert = dialog.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("Tugas ini baru saja diubah");
    await page.getByRole("dialog").getByRole("button", { name: "Batal" }).click();
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByRole("button", { name: "Delegate" }).click();
    const english = page.getByRole("dialog", { name: "Delegate the task" });
    await english.getByRole("radio", { name: colleague.displayName }).check();
    await english.getByRole("button", { name: "Delegate" }).click();
    await expect.poll(() => english.getByRole("alert").textContent()).toContain("Someone else just changed");
    await screenshot(page, "delegate-02-conflict-english");
    await english.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "ID", exact: true }).click();
    // the browser logs each refused request; those two were the point, anything else is not
    expect(errors).toEqual([expect.stringContaining("409 (Conflict)"), expect.stringContaining("409 (Conflict)")]);
    errors.length = 0;

    // when, with the task reloaded, they delegate it to the colleague with the keyboard
    await page.reload();
    await task.waitForLoaded(TASK);
    await task.delegateTo(colleague.displayName);

    // then a confirmation, the dialog closes, and the task is the colleague's
    await page
      .getByRole("status")
      .filter({ hasText: `Tugas didelegasikan kepada ${colleague.displayName}` })
      .waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);
    // and the form's actions are the colleague's now
    await page.getByText("Tugas ini sedang dikerjakan oleh rekan lain.").waitFor();
    expect(await page.getByRole("button", { name: "Selesaikan" }).count()).toBe(0);
    await screenshot(page, "delegate-03-done");
    expect(await myTaskIds(me)).not.toContain(taskId);
    await inbox.open();
    // (a fresh document: the pager appears once the list came from the server)
    await page.locator(".pager").waitFor();
    expect(await page.locator("tbody tr", { hasText: caseNumber }).count()).toBe(0);
    expect(errors).toEqual([]);

    // and the colleague sees it in "Tugas saya"
    const other = await signedIn(colleague.username, colleague.password);
    const theirs = new InboxPage(other.page, inject("baseUrl"));
    await theirs.open();
    await theirs.showScope("Tugas saya");
    await theirs.findTask(caseNumber, TASK);
    await screenshot(other.page, "delegate-04-colleague-inbox");
    expect(other.errors).toEqual([]);
    await page.context().close();
    await other.page.context().close();
  });
});

/**
 * A head of division cancels a case from the case page (issue 15, case operations): the dialog
 * asks why, the case reads "Dibatalkan", the reason and who gave it are on the timeline, and the
 * front office no longer finds the task in its inbox. Staff without the right see no button.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CasePage } from "../pages/case-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_batal");
let browser: Browser;

beforeAll(async () => {
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: oneStepServiceXml(processId, "Uji pembatalan"),
    district: "3216",
    publish: true,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, username);
  return { page, errors };
}

describe("cancelling a case from its page", () => {
  it("the head of division gives a reason; the case is cancelled and its task leaves the inbox", async () => {
    // given a running case waiting on the front office
    const { id: caseId } = await startCaseWithDocuments(processId, "Rina Marlina");
    const front = await signedIn("bks.front-office");
    const frontCase = new CasePage(front.page, inject("baseUrl"));
    await frontCase.open(caseId);
    await frontCase.waitForStatus("Berjalan");
    // staff without the right see no button
    expect(await front.page.getByRole("button", { name: "Batalkan permohonan" }).count()).toBe(0);

    // when the head of division cancels it with a reason
    const head = await signedIn("bks.kepala-bidang");
    const headCase = new CasePage(head.page, inject("baseUrl"));
    await headCase.open(caseId);
    await headCase.waitForStatus("Berjalan");
    await head.page.getByRole("button", { name: "Batalkan permohonan" }).click();
    const dialog = head.page.getByTestId("cancel-case-dialog");
    await dialog.waitFor();
    const confirm = dialog.getByRole("button", { name: "Batalkan permohonan" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Alasan pembatalan").fill("Pemohon mengundurkan diri secara tertulis");
    await screenshot(head.page, "case-cancel-01-dialog");
    await confirm.click();

    // then the page reads cancelled, with the reason and who gave it on the timeline
    await headCase.waitForStatus("Dibatalkan");
    const timeline = head.page.locator("ol.timeline");
    await timeline.getByText("Alasan pembatalan: Pemohon mengundurkan diri secara tertulis").waitFor();
    expect(await timeline.textContent()).toContain("Dibatalkan oleh petugas");
    // the engine's own record of the cancellation carries no technical reason to the page
    expect(await timeline.textContent()).not.toContain("workflow cancelled");
    expect(await head.page.getByRole("button", { name: "Batalkan permohonan" }).count()).toBe(0);
    await screenshot(head.page, "case-cancel-02-cancelled");

    // and the front office's inbox no longer has the task
    const token = await apiToken("bks.front-office");
    const inbox = await apiCall<{ items: { caseId: string }[] }>(token, "GET", "/tasks?scope=unassigned&limit=200");
    expect(inbox.items.filter((t) => t.caseId === caseId)).toEqual([]);
    expect(front.errors).toEqual([]);
    expect(head.errors).toEqual([]);
  });
});

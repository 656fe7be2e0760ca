/**
 * A head of division suspends a case from its page and resumes it (issue 15, case operations):
 * the dialog asks why, the header reads "Ditangguhkan sejak …" (also on a 390-px phone), the front
 * office's inbox marks the task suspended and the API refuses its completion with a bilingual
 * error; after resuming, the mark is gone and the timeline names both, with their reasons.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CasePage } from "../pages/case-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_tangguh");
let browser: Browser;

beforeAll(async () => {
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: oneStepServiceXml(processId, "Uji penangguhan"),
    district: "3216",
    publish: true,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, username);
  return { page, errors };
}

type InboxItem = { id: string; caseId: string; suspendedSince?: string | null; revision: number };

describe("suspending a case from its page", () => {
  it("the head suspends with a reason, the task is marked and cannot be completed, then resumes it", async () => {
    // given a running case waiting on the front office
    const { id: caseId } = await startCaseWithDocuments(processId, "Sri Wahyuni");
    const head = await signedIn("bks.kepala-bidang");
    const headCase = new CasePage(head.page, inject("baseUrl"));
    await headCase.open(caseId);
    await headCase.waitForStatus("Berjalan");

    // when the head suspends it with a reason
    await head.page.getByRole("button", { name: "Tangguhkan", exact: true }).click();
    const dialog = head.page.getByTestId("suspend-case-dialog");
    await dialog.waitFor();
    await dialog.getByLabel("Alasan penangguhan").fill("Pengaduan masyarakat sedang diperiksa");
    await dialog.getByRole("button", { name: "Tangguhkan" }).click();
    await dialog.waitFor({ state: "detached" });

    // then the header says since when, and the timeline why
    await head.page.getByTestId("case-suspended").waitFor();
    expect(await head.page.getByTestId("case-suspended").textContent()).toContain("Ditangguhkan sejak");
    const timeline = head.page.locator("ol.timeline");
    await timeline.getByText("Alasan: Pengaduan masyarakat sedang diperiksa").waitFor();
    expect(await timeline.textContent()).toContain("Permohonan ditangguhkan");
    await screenshot(head.page, "case-suspend-01-suspended");

    // and the front office's inbox marks the task; completing it is refused in both languages
    const token = await apiToken("bks.front-office");
    const inbox = await apiCall<{ items: InboxItem[] }>(token, "GET", "/tasks?scope=unassigned&limit=200");
    const task = inbox.items.find((t) => t.caseId === caseId);
    expect(task?.suspendedSince).toEqual(expect.any(String));
    const front = await signedIn("bks.front-office");
    await front.page.goto(`${inject("baseUrl")}/tugas`);
    await front.page.getByRole("tab", { name: "Belum diambil" }).click();
    await front.page.getByTestId("task-suspended").first().waitFor();
    const refused = await fetch(`${inject("baseUrl")}/api/tasks/${task!.id}/complete`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ revision: task!.revision, data: {} }),
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      code: "case-suspended",
      message: { id: expect.stringContaining("ditangguhkan"), en: expect.stringContaining("suspended") },
    });

    // the suspended case reads on a 390-px phone
    const phone = await signedIn("bks.kepala-bidang", 390);
    await new CasePage(phone.page, inject("baseUrl")).open(caseId);
    await phone.page.getByTestId("case-suspended").waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone.page, "case-suspend-02-phone");

    // when the head resumes it
    await head.page.getByRole("button", { name: "Lanjutkan", exact: true }).click();
    const resume = head.page.getByTestId("resume-case-dialog");
    await resume.getByLabel("Alasan melanjutkan").fill("Pemeriksaan selesai, tidak ada pelanggaran");
    await resume.getByRole("button", { name: "Lanjutkan" }).click();
    await resume.waitFor({ state: "detached" });

    // then the mark is gone and the timeline names the resumption
    await timeline.getByText("Alasan: Pemeriksaan selesai, tidak ada pelanggaran").waitFor();
    expect(await head.page.getByTestId("case-suspended").count()).toBe(0);
    expect(await timeline.textContent()).toContain("Permohonan dilanjutkan");
    const after = await apiCall<{ items: InboxItem[] }>(token, "GET", "/tasks?scope=unassigned&limit=200");
    expect(after.items.find((t) => t.caseId === caseId)?.suspendedSince).toBeNull();
    expect(head.errors).toEqual([]);
    expect(front.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  });
});

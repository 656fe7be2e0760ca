/**
 * A head of division's morning, as issue 15 ("Running the office") states its Done-when: in the
 * case list they filter the overdue cases and find the one whose officer is away, hand its step to
 * a colleague with a reason, and then read the performance report, which counts the overdue case
 * among the open ones and the case finished in time as on time. The service's completion time is
 * one minute, so a case started in the set-up is overdue by the time the head looks.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CaseListPage } from "../pages/case-list-page";
import { CasePage } from "../pages/case-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, createStaffUser, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_kabid");
const SERVICE = `Uji pagi kepala bidang ${processId.slice(-6)}`;
const REASON = "Petugas sakit, berkas harus selesai hari ini";
let browser: Browser;
let late: { id: string; caseNumber: string };
let colleague: { id: string; username: string; password: string };
const COLLEAGUE_NAME = `Wulan Sari ${processId.slice(-4)}`;

interface Task {
  id: string;
  caseId: string;
  revision: number;
  elementId: string;
}

/** The front office's task of `caseId`, claimed (and completed when asked). */
async function frontOfficeTakes(caseId: string, complete: boolean): Promise<void> {
  const front = await apiToken("bks.front-office");
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await apiCall<{ items: Task[] }>(
      front,
      "GET",
      `/tasks?scope=unassigned&service=${processId}&limit=200`,
    );
    const task = page.items.find((t) => t.caseId === caseId);
    if (task) {
      const claimed = await apiCall<{ revision: number }>(front, "POST", `/tasks/${task.id}/claim`, {
        revision: task.revision,
      });
      if (complete)
        await apiCall(front, "POST", `/tasks/${task.id}/complete`, { revision: claimed.revision, data: {} });
      return;
    }
    if (Date.now() > deadline) throw new Error(`no task for case ${caseId}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("bks.admin");
  // completion time and the step's SLA one minute: elapsed minutes, whatever the hour of the run
  const xml = oneStepServiceXml(processId, SERVICE)
    .replace(
      '<alur:completionTime value="3" unit="workingDays">3 hari kerja</alur:completionTime>',
      '<alur:completionTime value="1" unit="minutes">1 menit</alur:completionTime>',
    )
    .replace('<alur:task slaValue="1" slaUnit="workingDays" />', '<alur:task slaValue="1" slaUnit="minutes" />');
  await apiCall(admin, "POST", "/processes", { bpmnXml: xml, district: "3216", publish: true });
  colleague = await createStaffUser({
    username: `kabid.rekan.${processId.slice(-6)}`,
    displayName: COLLEAGUE_NAME,
    district: "3216",
    roles: ["front-office"],
  });
  // one case finished at once (on time), one held by the front office that runs late
  const quick = await startCaseWithDocuments(processId, "Pemohon Cepat");
  await frontOfficeTakes(quick.id, true);
  late = await startCaseWithDocuments(processId, "Pemohon Terlambat");
  await frontOfficeTakes(late.id, false);
  // wait until the late case's minute has passed
  const front = await apiToken("bks.front-office");
  for (;;) {
    const view = await apiCall<{ dueAt: string | null }>(front, "GET", `/cases/${late.id}`);
    if (view.dueAt && Date.parse(view.dueAt) + 2_000 < Date.now()) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe("a head of division's morning", () => {
  it("finds the overdue case, hands its step to a colleague, and reads the report", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.kepala-bidang");

    // given the case list, filtered to overdue cases
    const list = new CaseListPage(page, inject("baseUrl"));
    await list.open();
    await list.select("Waktu layanan").selectOption({ label: "Terlambat" });
    await list.filter({});
    // then the late case is there, marked overdue, and the case finished in time is not
    const row = list.row(late.caseNumber);
    await row.waitFor();
    expect(await row.textContent()).toContain("Terlambat");
    expect(await page.getByTestId("case-list").textContent()).not.toContain("Pemohon Cepat");
    await screenshot(page, "head-of-division-01-overdue");

    // when they open it and hand its step to a colleague, with a reason
    await row.getByRole("link", { name: late.caseNumber }).click();
    const casePage = new CasePage(page, inject("baseUrl"));
    await casePage.status().waitFor();
    const current = page.getByTestId("current-step");
    await current.getByRole("button", { name: "Alihkan tugas" }).click();
    const dialog = page.getByTestId("reassign-task-dialog");
    await dialog.getByRole("radio", { name: new RegExp(COLLEAGUE_NAME) }).check();
    await dialog.getByLabel("Alasan pengalihan").fill(REASON);
    await dialog.getByRole("button", { name: "Alihkan", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    // then the page names the colleague and the timeline says why
    await current
      .getByTestId("step-assignee")
      .filter({ hasText: `Petugas: ${COLLEAGUE_NAME}` })
      .waitFor();
    await page.locator("ol.timeline").getByText(REASON, { exact: false }).waitFor();
    // and the colleague has it in their inbox
    const theirs = await apiCall<{ items: Task[] }>(
      await apiToken(colleague.username, colleague.password),
      "GET",
      "/tasks?scope=mine&limit=200",
    );
    expect(theirs.items.filter((t) => t.caseId === late.id).map((t) => t.elementId)).toEqual(["verifikasi"]);
    await screenshot(page, "head-of-division-02-reassigned");

    // when they read the report for the service
    await page.getByRole("link", { name: "Laporan" }).click();
    await page.getByRole("heading", { name: "Laporan kinerja layanan" }).waitFor();
    await page.locator('select[name="processId"]').selectOption(processId);
    await page.getByRole("button", { name: "Tampilkan" }).click();
    // then the finished case counts as on time and the late one as open and overdue
    await expect.poll(async () => page.getByTestId("completed-total").textContent(), { timeout: 30_000 }).toBe("1");
    expect(await page.getByTestId("on-time-total").textContent()).toBe("100,0 %");
    expect(await page.getByTestId("open-total").textContent()).toBe("1");
    expect(await page.getByTestId("open-total").locator("xpath=following-sibling::dd[1]").textContent()).toBe(
      "1 terlambat",
    );
    await screenshot(page, "head-of-division-03-report");
    expect(errors).toEqual([]);
    await context.close();
  });
});

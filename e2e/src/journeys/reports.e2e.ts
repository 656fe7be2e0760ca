/**
 * The performance report as a kepala bidang reads it: cases of a service run to completion
 * through the real workflow, then the head opens the report, sees the charts, the on-time figure
 * of those cases and the heat map on the service's diagram, on a desktop and on a phone,
 * exports a section as CSV and switches to English. The back office is not shown the report.
 */
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../setup/accessibility";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_laporan");
const SERVICE = "Uji laporan kinerja";
const CASES = 3;
let browser: Browser;

interface ServiceRow {
  processId: string;
  completed: number;
  withDue: number;
  onTime: number;
  onTimePercent: number | null;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: oneStepServiceXml(processId, SERVICE),
    district: "3216",
    publish: true,
  });
  const front = await apiToken("bks.front-office");
  const started = [];
  for (let i = 0; i < CASES; i++) started.push(await startCaseWithDocuments(processId, `Pemohon Laporan ${i + 1}`));
  // the front office completes each case's only step; the workflow closes the case
  const deadline = Date.now() + 120_000;
  for (const c of started) {
    let task: { id: string; revision: number } | undefined;
    while (!task) {
      const page = await apiCall<{ items: { id: string; caseId: string; revision: number }[] }>(
        front,
        "GET",
        `/tasks?scope=unassigned&service=${processId}&limit=200`,
      );
      task = page.items.find((t) => t.caseId === c.id);
      if (!task && Date.now() > deadline) throw new Error("no task for the case");
      if (!task) await new Promise((r) => setTimeout(r, 300));
    }
    const claimed = await apiCall<{ revision: number }>(front, "POST", `/tasks/${task.id}/claim`, {
      revision: task.revision,
    });
    await apiCall(front, "POST", `/tasks/${task.id}/complete`, { revision: claimed.revision, data: {} });
  }
  for (const c of started) {
    for (;;) {
      const view = await apiCall<{ status: string }>(front, "GET", `/cases/${c.id}`);
      if (view.status === "completed") break;
      if (Date.now() > deadline) throw new Error(`case stayed ${view.status}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  // one more case stays open, on schedule
  await startCaseWithDocuments(processId, "Pemohon Laporan Berjalan");
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" })
  .format(new Date())
  .slice(0, 7);

describe("the performance report", () => {
  it("shows a kepala bidang the charts, the on-time figure of the service's cases and its heat map, and exports CSV", async () => {
    // given what the API says of the service this month
    const head = await apiToken("bks.kepala-bidang");
    const api = await apiCall<{ services: ServiceRow[] }>(
      head,
      "GET",
      `/reports/performance?from=${month}&to=${month}&processId=${processId}`,
    );
    const row = api.services.find((s) => s.processId === processId)!;
    expect(row.completed).toBe(CASES);
    expect(row.withDue).toBe(CASES);
    // finished within the service's completion time, in minutes
    expect(row.onTime).toBe(CASES);

    // when the head of division opens the report and picks the service
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.kepala-bidang");
    await page.getByRole("link", { name: "Laporan" }).click();
    await page.getByRole("heading", { name: "Laporan kinerja layanan" }).waitFor();
    await page.locator('select[name="processId"]').selectOption(processId);
    await page.getByRole("button", { name: "Tampilkan" }).click();

    // then the figures are those of the seeded cases
    await expect
      .poll(async () => page.getByTestId("completed-total").textContent(), { timeout: 30_000 })
      .toBe(String(CASES));
    expect(await page.getByTestId("on-time-total").textContent()).toBe("100,0 %");
    expect(await page.getByTestId(`on-time-${processId}`).textContent()).toBe("100,0 %");
    expect(await page.getByTestId("open-total").textContent()).toBe("1");
    // the charts are drawn (Chart.js on a canvas) and the heat map marks the step on the diagram
    for (const chart of ["chart-months", "chart-services", "chart-open"]) {
      const box = await page.getByTestId(chart).boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
    }
    await page.locator(".heat-map [class*='heat-']").first().waitFor();
    expect(await page.locator(".heat-map .heat-badge").count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "reports-desktop");
    // printed, the filters, the download links and the navigation give way to the figures
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".reports-filters").isVisible()).toBe(false);
    expect(await page.locator(".nav").isVisible()).toBe(false);
    expect(await page.getByTestId("on-time-total").isVisible()).toBe(true);
    await screenshot(page, "reports-print");
    await page.emulateMedia({ media: "screen" });

    // and the services section downloads as CSV with the same figure
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-services").click()]);
    expect(download.suggestedFilename()).toBe(`laporan-services-${processId}-${month.slice(0, 4)}-01-${month}.csv`);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const line = csv.split("\r\n").find((l) => l.startsWith(`${processId},`));
    expect(line?.split(",").slice(2, 8)).toEqual([String(CASES), "0", "0", String(CASES), String(CASES), "100.0"]);

    // when the language switches, then the report reads in English
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Service performance report" }).waitFor();
    await page.getByRole("heading", { name: "Open cases by due state" }).waitFor();
    expect(await page.getByTestId("on-time-total").textContent()).toBe("100.0 %");
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("reads on a 390-px phone", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.kepala-bidang");
    await page.goto(`${inject("baseUrl")}/laporan`);
    await page.locator('select[name="processId"]').selectOption(processId);
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await page.locator(".heat-map [class*='heat-']").first().waitFor();
    // nothing wider than the phone but the tables' own scroll boxes
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "reports-390");
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("is not shown to the back office", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await signInThroughUi(page, "bks.back-office");
    await page.goto(`${inject("baseUrl")}/laporan`);
    await page.getByText("Laporan ini untuk kepala bidang").waitFor();
    expect(await page.getByTestId("performance-report").count()).toBe(0);
    await ctx.close();
  });
});

/**
 * The satisfaction survey as its users meet it: an applicant whose case is completed opens it from
 * the tracking page on a phone and answers the nine questions; the front office types in a paper
 * questionnaire from the counter; the head of division reads the IKM report with the value
 * computed by hand from the regulation's formula.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../setup/accessibility";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_survei");
const SERVICE = "Uji survei kepuasan";
let browser: Browser;
let done: { id: string; caseNumber: string; trackingCode: string };

const ELEMENTS = [
  "requirements",
  "procedure",
  "completionTime",
  "fee",
  "products",
  "competence",
  "behaviour",
  "complaintHandling",
  "facilities",
];

/** Picks the n-th answer (1–4) of each of the nine questions. */
async function answer(page: Page, scores: number[]): Promise<void> {
  for (const [i, element] of ELEMENTS.entries()) {
    await page.getByTestId(`survey-${element}`).locator(`input[value="${scores[i]}"]`).check();
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: oneStepServiceXml(processId, SERVICE),
    district: "3216",
    publish: true,
  });
  done = (await startCaseWithDocuments(processId, "Sari Wulandari")) as typeof done;
  // the front office completes the case's only step
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
  for (;;) {
    const view = await apiCall<{ status: string }>(front, "GET", `/cases/${done.id}`);
    if (view.status === "completed") break;
    if (Date.now() > deadline) throw new Error(`case stayed ${view.status}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});
afterAll(async () => {
  await browser?.close();
});

describe("the satisfaction survey", () => {
  it("is offered on the tracking page of a completed case and answered on a phone", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    // given the applicant tracks their completed case
    await page.goto(`${inject("baseUrl")}/lacak`);
    await page.locator('input[name="caseNumber"]').fill(done.caseNumber);
    await page.locator('input[name="code"]').fill(done.trackingCode);
    await page.getByRole("button", { name: "Lacak", exact: true }).click();
    await page.getByTestId("tracking-survey").waitFor();
    // when they follow the survey offer, the case number and code come along
    await page.getByRole("link", { name: "isi Survei Kepuasan Masyarakat" }).click();
    await page.waitForURL(/\/survei/);
    expect(await page.locator('input[name="caseNumber"]').inputValue()).toBe(done.caseNumber);
    expect(page.url()).not.toContain(done.trackingCode);
    // the send button waits until every question is answered
    expect(await page.getByRole("button", { name: "Kirim survei" }).isDisabled()).toBe(true);
    await answer(page, [3, 3, 2, 4, 3, 3, 4, 2, 3]);
    await page.locator('select[name="education"]').selectOption("sma");
    await page.locator('textarea[name="suggestion"]').fill("Antrean loket terlalu panjang");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "survey-public-390");
    await page.getByRole("button", { name: "Kirim survei" }).click();
    // then they are thanked
    await page.getByTestId("survey-thanks").waitFor();
    expect(await page.getByTestId("survey-thanks").textContent()).toContain("Terima kasih");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("takes a counter questionnaire and shows the head of division the IKM computed by hand", async () => {
    // given the front office types in a walk-in's paper questionnaire
    const front = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const fp = await front.newPage();
    await signInThroughUi(fp, "bks.front-office");
    await fp.goto(`${inject("baseUrl")}/survei-kepuasan`);
    await fp.locator('select[name="entryProcessId"]').selectOption(processId);
    await answer(fp, [4, 4, 3, 4, 4, 3, 4, 3, 3]);
    await fp.getByRole("button", { name: "Simpan kuesioner" }).click();
    await fp.getByText("Kuesioner tersimpan").waitFor();
    // the front office does not see the report
    expect(await fp.getByTestId("ikm-report").count()).toBe(0);
    await front.close();

    // when the head of division opens the report for the service
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.kepala-bidang");
    await page.goto(`${inject("baseUrl")}/survei-kepuasan`);
    await page.locator('select[name="processId"]').selectOption(processId);
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await page.getByTestId("ikm-value").waitFor();
    // then by hand: the two questionnaires sum to 27 and 32 points over nine elements;
    // Σ NRR / 9 = 59 / 18 = 3.2778; × 25 = 81.94 → B (Baik)
    await expect.poll(async () => page.getByTestId("ikm-value").textContent()).toBe("81,94");
    expect(await page.getByTestId("ikm-grade").textContent()).toBe("B");
    const sample = (await page.getByTestId("ikm-sample").textContent()) ?? "";
    expect(sample).toContain("2 responden dari 1 permohonan selesai");
    expect(await page.getByTestId("ikm-report").textContent()).toContain("Antrean loket terlalu panjang");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "survey-ikm-report");
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

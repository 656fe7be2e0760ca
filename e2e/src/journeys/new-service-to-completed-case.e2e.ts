/**
 * The whole life of a new service: an admin models a 3-step service in the designer and publishes
 * it (effective date + legal basis); front office registers a case with two documents; front
 * office, a social worker and the head of division complete their steps from their inboxes; the
 * case page shows the case completed with every step marked done. Every page is screenshotted.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CasePage } from "../pages/case-page";
import { DesignerPage } from "../pages/designer-page";
import { InboxPage } from "../pages/inbox-page";
import { StartCasePage } from "../pages/start-case-page";
import { TaskPage } from "../pages/task-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, samplePdf, uniqueProcessId } from "./service-fixture";

const baseUrl = () => inject("baseUrl");
const processId = uniqueProcessId();
const serviceName = `Rekomendasi uji E2E ${processId.slice(-6)}`;
const STEP_2 = "Kajian pekerja sosial";
const STEP_3 = "Tanda tangan rekomendasi";

let browser: Browser;
const contexts: BrowserContext[] = [];
const consoleErrors = new Map<string, string[]>();
// what one step hands to the next
const state = { caseId: "", caseNumber: "", signStepId: "", reviewStepId: "" };

/** A signed-in page of its own browser context (its own cookies), watched for console errors. */
async function pageFor(username: string, width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  consoleErrors.set(username, watchConsole(page));
  await signInThroughUi(page, username);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe("a new service, from the designer to a completed case", () => {
  it("an admin models a 3-step service and publishes it with an effective date and legal basis", async () => {
    // given an admin in a new model
    const page = await pageFor("bks.admin");
    const designer = new DesignerPage(page, baseUrl());
    await designer.openNew();
    // a new model is a draft: missing standard components are warnings, not errors (13: the
    // procedure, component 3, is the model's own steps)
    await expect.poll(() => designer.problemCount().textContent()).toBe("0 kesalahan, 13 peringatan");
    await screenshot(page, "journey-01-designer-new");
    // publishing is where they become errors: the attempt is refused and the dialog stays shut
    await designer.requestPublish();
    await page.getByTestId("publish-blocked").waitFor();
    await expect.poll(() => designer.problemCount().textContent()).toBe("13 kesalahan, 0 peringatan");
    expect(await page.getByRole("dialog").isVisible()).toBe(false);
    await screenshot(page, "journey-01b-designer-publish-refused");

    // when they import the one-step service with its standard, then add two steps in the step view
    await designer.importBpmn(`${processId}.bpmn`, oneStepServiceXml(processId, serviceName), "verifikasi");
    await designer.showStepView();
    await designer.selectStepCard("Verifikasi berkas");
    await designer.addStepAfterSelected({ name: STEP_2, roles: ["Pekerja Sosial"], slaValue: "2" });
    await designer.addStepAfterSelected({ name: STEP_3, roles: ["Kepala Bidang"], slaValue: "1" });
    await screenshot(page, "journey-02-designer-steps");
    // React Flow's own controls and screen-reader texts speak Indonesian too
    const canvas = page.getByTestId("step-canvas");
    expect(await canvas.locator(".react-flow__controls-zoomin").getAttribute("aria-label")).toBe("Perbesar");
    const card = canvas.locator(".react-flow__node", { hasText: STEP_2 });
    expect(await card.getAttribute("aria-roledescription")).toBe("langkah");
    expect(await card.getAttribute("aria-label")).toBe(STEP_2);
    expect(await canvas.locator(".react-flow__edge").first().getAttribute("aria-label")).toMatch(
      /^Alur dari .+ ke .+$/,
    );

    // and set the documents the head must verify through the properties panel of the BPMN view
    await designer.showBpmnView();
    const signShape = page.locator(".djs-container .djs-element.djs-shape", { hasText: STEP_3 }).first();
    state.signStepId = (await signShape.getAttribute("data-element-id")) ?? "";
    const reviewShape = page.locator(".djs-container .djs-element.djs-shape", { hasText: STEP_2 }).first();
    state.reviewStepId = (await reviewShape.getAttribute("data-element-id")) ?? "";
    expect(state.signStepId).not.toBe("");
    await designer.selectShape(state.signStepId);
    await designer.setPanelField("alur-task", "alur-documents", "ktp, kk");
    await expect.poll(() => designer.panelField("alur-task", "alur-roles").inputValue()).toBe("kepala-bidang");
    await expect.poll(() => designer.problemCount().textContent()).toMatch(/^0 kesalahan/);
    await screenshot(page, "journey-03-designer-panel");

    // and publish it under a regent regulation
    const effectiveFrom = new Date().toISOString().slice(0, 10);
    await designer.publish({
      effectiveFrom,
      kind: "Perbup",
      number: "17",
      year: "2026",
      title: "Standar Pelayanan Rekomendasi Dinas Sosial",
    });
    await designer.publishedNotice().waitFor({ timeout: 30_000 });
    await screenshot(page, "journey-04-designer-published");

    // then the runtime holds a published version with that date, three steps and the recorded basis
    const token = await apiToken("bks.admin");
    const list = (await fetch(`${baseUrl()}/api/processes?processId=${processId}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json())) as { items: Array<{ id: string; status: string; effectiveFrom: string | null }> };
    const published = list.items.find((v) => v.status === "published");
    expect(published?.effectiveFrom?.slice(0, 10)).toBe(effectiveFrom);
    const version = (await fetch(`${baseUrl()}/api/processes/versions/${published?.id}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json())) as { bpmnXml: string };
    expect(version.bpmnXml).toContain('kind="Perbup" number="17" year="2026"');
    expect(version.bpmnXml).toMatch(/candidateGroups="pekerja-sosial"/);
    expect(version.bpmnXml).toMatch(/documents="ktp,kk"/);
    expect(consoleErrors.get("bks.admin")).toEqual([]);
  });

  it("front office registers a case with the applicant's documents", async () => {
    const page = await pageFor("bks.front-office");
    const start = new StartCasePage(page, baseUrl());
    await start.open();
    await start.chooseService(serviceName);
    await start.fillApplicant({
      name: "Siti Aminah",
      nik: "3216015001900002",
      phone: "081234567890",
      address: "Jl. Raya Cikarang No. 5, Kabupaten Bekasi",
    });
    await start.upload({
      requirementName: "Fotokopi E-KTP",
      fileName: "ktp-siti.pdf",
      buffer: samplePdf("KTP Siti Aminah"),
      mimeType: "application/pdf",
    });
    await start.upload({
      requirementName: "Fotokopi Kartu Keluarga",
      fileName: "kk-siti.pdf",
      buffer: samplePdf("KK Siti Aminah"),
      mimeType: "application/pdf",
    });
    await screenshot(page, "journey-05-start-case");
    state.caseId = await start.submit();

    const casePage = new CasePage(page, baseUrl());
    await casePage.status().waitFor();
    state.caseNumber = await casePage.caseNumber();
    await expect.poll(() => page.locator(".doc-list li").count()).toBe(2);
    await page.getByRole("link", { name: "Verifikasi berkas" }).waitFor({ timeout: 30_000 });
    await screenshot(page, "journey-06-case-started");
    expect(state.caseNumber).not.toBe("");
    expect(consoleErrors.get("bks.front-office")).toEqual([]);
  });

  const steps = [
    { username: "bks.front-office", task: "Verifikasi berkas", shot: "journey-07" },
    { username: "bks.pekerja-sosial", task: STEP_2, shot: "journey-08" },
    { username: "bks.kepala-bidang", task: STEP_3, shot: "journey-09" },
  ];
  for (const step of steps) {
    it(`${step.username} completes "${step.task}" from the inbox`, async () => {
      const page = await pageFor(step.username);
      const inbox = new InboxPage(page, baseUrl());
      await inbox.open();
      await inbox.showScope("Belum diambil");
      await inbox.search(state.caseNumber);
      await inbox.findTask(state.caseNumber, step.task);
      await screenshot(page, `${step.shot}a-inbox-${step.username}`);
      await inbox.openTask(state.caseNumber, step.task);

      const task = new TaskPage(page);
      await task.waitForLoaded(step.task);
      await task.claim();
      await task.comment(`Sudah diperiksa oleh ${step.username}.`);
      await screenshot(page, `${step.shot}b-task-${step.username}`);
      await task.complete();
      expect(consoleErrors.get(step.username)).toEqual([]);
    });
  }

  it("the case page shows the case completed with every step done", async () => {
    const page = await pageFor("bks.kepala-bidang");
    const casePage = new CasePage(page, baseUrl());
    await casePage.open(state.caseId);
    await casePage.waitForStatus("Selesai");
    const done = await casePage.markedElements("alur-done");
    expect(done).toEqual(expect.arrayContaining(["mulai", "verifikasi", state.reviewStepId, state.signStepId]));
    expect(await casePage.markedElements("alur-active")).toEqual([]);
    await expect.poll(() => page.locator(".timeline li", { hasText: "Permohonan selesai" }).count()).toBe(1);
    await screenshot(page, "journey-10-case-completed");
    expect(consoleErrors.get("bks.kepala-bidang")).toEqual([]);
  });
});

/**
 * Issue 17's "done when": an admin who never touches BPMN models SKT-PB (Surat Keterangan
 * Terdaftar sebagai Penerima Bantuan, 5 working days) in the step editor: receive documents;
 * verify, returning to the applicant while the clock stops until the documents are complete; home
 * visit; the head of division approves or rejects; the letter is issued. The service standard
 * arrives as a file (the district's decree typed once, as in the new-service journey); every step,
 * decision, loop and outcome is made in the step view. It is published through the real API, the
 * published version compiles to the same procedure, and the BPMN view shows the same model.
 */
import { startTimeSkippingRuntime, type TimeSkippingRuntime } from "@alur/runtime/testing";
import { compileAndValidateXml } from "@alur/shared/compiler";
import type { ExecutionPlan } from "@alur/shared/plan";
import { CatalogueScenario } from "@alur/shared/scenario";
import { runScenario } from "@alur/workflows/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DesignerPage } from "../pages/designer-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_sktpb");
const serviceName = `Surat Keterangan Terdaftar sebagai Penerima Bantuan ${processId.slice(-6)}`;

/** The one-step starter with SKT-PB's standard: 5 working days. */
function sktpbStandardXml(): string {
  return oneStepServiceXml(processId, serviceName)
    .replace('code="E2E-REK"', 'code="SKT-PB"')
    .replace(
      '<alur:completionTime value="3" unit="workingDays">3 hari kerja',
      '<alur:completionTime value="5" unit="workingDays">5 hari kerja',
    )
    .replace(
      '<alur:product name="Surat rekomendasi" />',
      '<alur:product name="Surat keterangan terdaftar sebagai penerima bantuan" />',
    );
}

const NAMES = {
  receive: "Terima berkas",
  verify: "Verifikasi berkas",
  complete: "Dokumen lengkap?",
  checkDecision: "Berkas lengkap?",
  wait: "Pemohon melengkapi berkas",
  visit: "Kunjungan rumah",
  approve: "Persetujuan Kepala Bidang",
  approved: "Disetujui?",
  approveDecision: "Keputusan Kepala Bidang",
  letter: "Terbitkan surat keterangan",
};

let browser: Browser;
let runtime: TimeSkippingRuntime;
let page: Page;
let errors: string[];
// what the modelling test hands to the staff run
const published = { plan: null as ExecutionPlan | null };

beforeAll(async () => {
  [browser, runtime] = await Promise.all([
    launchBrowser(),
    startTimeSkippingRuntime({ taskQueue: "step-editor-sktpb" }),
  ]);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchConsole(page);
  await signInThroughUi(page, "bks.admin");
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe("SKT-PB modelled in the step editor", () => {
  it("an admin models it without BPMN, publishes it, and the BPMN view shows the same model", async () => {
    const designer = new DesignerPage(page, inject("baseUrl"));
    await designer.openNew();
    await designer.importBpmn(`${processId}.bpmn`, sktpbStandardXml(), "verifikasi");
    await designer.showStepView();
    try {
      // receive documents: front office checks KTP and KK
      await designer.selectStepCard("Verifikasi berkas");
      await designer.fillSelectedStep({
        name: NAMES.receive,
        roles: ["Petugas Front Office"],
        slaValue: "1",
        documents: ["Fotokopi E-KTP", "Fotokopi Kartu Keluarga"],
      });
      // verify, with a yes/no question on its form and a decision on the answer
      await designer.addStepAfterSelected({ name: NAMES.verify, roles: ["Petugas Back Office"], slaValue: "1" });
      await designer.addQuestion(NAMES.complete);
      await designer.addDecisionAfterSelected(NAMES.checkDecision, NAMES.complete);
      // "no": back to verification through the applicant, the clock stopped meanwhile
      await designer.selectBranch("Tidak");
      await designer.branchLeadsTo(NAMES.verify);
      await designer.addStepOnBranch({ name: NAMES.wait, roles: ["Petugas Front Office"], pausesClock: true });
      // "yes": home visit, then the head of division decides
      await designer.selectStepCard(NAMES.checkDecision);
      await designer.selectBranch("Ya");
      await designer.addStepOnBranch({ name: NAMES.visit, roles: ["Pekerja Sosial"], slaValue: "1" });
      await designer.addStepAfterSelected({ name: NAMES.approve, roles: ["Kepala Bidang"], slaValue: "1" });
      await designer.addQuestion(NAMES.approved);
      await designer.addDecisionAfterSelected(NAMES.approveDecision, NAMES.approved);
      await designer.selectBranch("Ya");
      await designer.addStepOnBranch({ name: NAMES.letter, roles: ["Petugas Back Office"], slaValue: "1" });
      // the outcomes: approved (the starter's end, renamed) and rejected (made with the decision)
      await designer.selectStepCard("Selesai");
      await page.locator(".step-side").getByLabel("Hasil").fill("Disetujui");
      await page.locator(".step-side").getByRole("button", { name: "Terapkan", exact: true }).click();
      await designer.stepCard("Disetujui").waitFor();
    } catch (error) {
      await screenshot(page, "sktpb-failed");
      throw error;
    }
    await page.getByRole("button", { name: "Tampilkan semua" }).click();
    await screenshot(page, "sktpb-01-step-editor");

    // the step view shows the whole procedure, with its problems list, and nothing is an error
    const canvas = page.getByTestId("step-canvas");
    await expect.poll(() => canvas.locator(".react-flow__node").count()).toBe(12);
    await expect.poll(() => designer.problemCount().textContent()).toMatch(/^0 kesalahan/);
    expect(await canvas.locator(".react-flow__minimap").count()).toBe(1);
    const waitCard = designer.stepCard(NAMES.wait);
    expect(await waitCard.textContent()).toContain("jam layanan berhenti");

    // a branch's condition reads back into the builder: field, comparison, value
    await designer.selectStepCard(NAMES.checkDecision);
    await designer.selectBranch("Tidak");
    const side = page.locator(".step-side");
    expect(await side.getByLabel("Jawaban/isian").locator("option:checked").textContent()).toBe(NAMES.complete);
    expect(await side.getByLabel("Nilai").inputValue()).toBe("false");
    await screenshot(page, "sktpb-02-branch");

    // when published from the step view
    await designer.publish({
      effectiveFrom: new Date().toISOString().slice(0, 10),
      kind: "Perbup",
      number: "21",
      year: "2026",
      title: "Standar Pelayanan Surat Keterangan Terdaftar sebagai Penerima Bantuan",
    });
    await designer.publishedNotice().waitFor({ timeout: 30_000 });
    await screenshot(page, "sktpb-03-published");

    // then the published version is that procedure: it compiles with no errors for publication
    const token = await apiToken("bks.admin");
    const { items } = await apiCall<{ items: Array<{ id: string; status: string }> }>(
      token,
      "GET",
      `/processes?processId=${processId}`,
    );
    const mine = items.find((v) => v.status === "published");
    expect(mine).toBeDefined();
    const version = await apiCall<{ bpmnXml: string; plan: ExecutionPlan }>(
      token,
      "GET",
      `/processes/versions/${mine!.id}`,
    );
    published.plan = version.plan;
    const compiled = await compileAndValidateXml(version.bpmnXml, { forPublish: true });
    expect(compiled.problems.filter((p) => p.severity === "error")).toEqual([]);
    const plan = compiled.plan!;
    const byName = (name: string) => Object.values(plan.nodes).find((n) => n.name === name);
    expect(byName(NAMES.wait)?.pausesClock).toBe(true);
    expect(
      Object.values(plan.flows)
        .map((f) => f.condition)
        .filter(Boolean)
        .sort(),
    ).toEqual(["dokumenLengkap = false", "dokumenLengkap = true", "disetujui = false", "disetujui = true"].sort());
    // the loop: the wait leads back to verification, joined there by a gateway
    const wait = byName(NAMES.wait)!;
    const verify = byName(NAMES.verify)!;
    const join = plan.nodes[plan.flows[wait.outgoing[0]!]!.target]!;
    expect(join.type).toBe("exclusiveGateway");
    expect(join.outgoing.map((f) => plan.flows[f]?.target)).toEqual([verify.id]);
    expect(version.bpmnXml).toContain('kind="Perbup" number="21" year="2026"');

    // and the BPMN view draws the same elements, by name
    await designer.showBpmnView();
    // (bpmn-js breaks long labels into lines: compare without spaces)
    const { complete: _q1, approved: _q2, ...elements } = NAMES;
    await page.locator(".djs-container .djs-element", { hasText: "Ditolak" }).first().waitFor();
    const drawn = (await page.locator(".djs-container .djs-element").allTextContents()).join("|").replace(/\s+/g, "");
    for (const name of [...Object.values(elements), "Disetujui", "Ditolak"])
      expect(drawn, name).toContain(name.replace(/\s+/g, ""));
    await screenshot(page, "sktpb-04-bpmn-view");
    // the wait's clock stop shows in the BPMN panel too
    await designer.selectShape(wait.id);
    const group = designer.panelGroup("alur-task");
    const clock = group.locator("#bio-properties-panel-alur-pauses-clock");
    if (!(await clock.isVisible())) await group.locator(".bio-properties-panel-group-header").click();
    expect(await clock.isChecked()).toBe(true);
    await screenshot(page, "sktpb-05-bpmn-wait-panel");
    // and back in the step view it is the same graph
    await designer.showStepView();
    await expect.poll(() => page.getByTestId("step-canvas").locator(".react-flow__node").count()).toBe(12);
    // on a 390-px phone the canvas and the side panel stack, both in view
    await page.setViewportSize({ width: 390, height: 844 });
    await designer.selectStepCard(NAMES.wait);
    const sideBox = await page.getByTestId("step-side").boundingBox();
    const canvasBox = await page.getByTestId("step-canvas").boundingBox();
    expect(sideBox!.width).toBeLessThanOrEqual(390);
    expect(canvasBox!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "sktpb-06-phone");
    await page.setViewportSize({ width: 1400, height: 900 });
    expect(errors).toEqual([]);
  });

  it("a staff run completes it, the due date moved by the wait on the applicant", async () => {
    // given the published plan (its element ids as the step editor made them)
    const plan = published.plan;
    expect(plan).not.toBeNull();
    const idOf = (name: string) => Object.values(plan!.nodes).find((n) => n.name === name)!.id;
    const endOf = (name: string) =>
      Object.values(plan!.nodes).find((n) => n.type === "endEvent" && n.name === name)!.id;
    // when staff work it: documents incomplete, the applicant takes two days (Wed → Fri), then
    // complete; the visit, the head's approval and the letter follow
    const scenario = CatalogueScenario.parse({
      name: "sktpb-dokumen-kurang",
      description: "Berkas kurang: pemohon melengkapi dalam dua hari, lalu disetujui.",
      process: processId,
      model: `${processId}.bpmn`,
      district: "3216",
      startAt: "2024-10-02T09:00:00+07:00",
      steps: [
        { complete: idOf(NAMES.receive), role: "front-office", due: { workingDays: 1 } },
        { complete: idOf(NAMES.verify), role: "back-office", data: { dokumenLengkap: false }, due: { workingDays: 1 } },
        { wait: "P2D" },
        { complete: idOf(NAMES.wait), role: "front-office", due: null },
        { complete: idOf(NAMES.verify), role: "back-office", data: { dokumenLengkap: true } },
        { complete: idOf(NAMES.visit), role: "pekerja-sosial" },
        { complete: idOf(NAMES.approve), role: "kepala-bidang", data: { disetujui: true } },
        { complete: idOf(NAMES.letter), role: "back-office" },
      ],
      expect: {
        end: endOf("Disetujui"),
        documents: [],
        notifications: [],
        // 5 working days from the start on the district's calendar, moved by the working time
        // the clock stood still (runScenario counts it from the case's pause events)
        caseDue: { workingDays: 5 },
      },
    });
    // then it ends approved on the real workflow, with that due date (runScenario asserts both)
    await runScenario(runtime, plan!, scenario);
    // and the clock stood still exactly while the applicant completed the documents
    const pauses = await runtime.db
      .selectFrom("case_events")
      .innerJoin("cases", "cases.id", "case_events.case_id")
      .select(["case_events.element_id", "case_events.type"])
      .where("cases.process_id", "=", processId)
      .where("case_events.type", "in", ["clockPaused", "clockResumed"])
      .orderBy("case_events.id")
      .execute();
    expect(pauses.map((p) => [p.type, p.element_id])).toEqual([
      ["clockPaused", idOf(NAMES.wait)],
      ["clockResumed", idOf(NAMES.wait)],
    ]);
  });
});

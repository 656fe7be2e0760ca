/**
 * The designer's own properties groups: a FEEL condition checked as it is typed, a service task's
 * connector settings following its type, and every label the panel shows translated.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DesignerPage } from "../pages/designer-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { signInThroughUi } from "../setup/session";
import { uniqueProcessId } from "./service-fixture";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** start → "Berkas lengkap?" → (condition) "Kirim pemberitahuan" service task → end, default → end. */
function gatewayModelXml(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn">
  <bpmn:process id="${processId}" name="Uji panel" isExecutable="true">
    <bpmn:startEvent id="mulai" name="Mulai"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="cek" name="Berkas lengkap?" default="f_tidak"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f_ya</bpmn:outgoing><bpmn:outgoing>f_tidak</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:serviceTask id="kirim" name="Kirim pemberitahuan"><bpmn:incoming>f_ya</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="selesai" name="Selesai"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="ditolak" name="Ditolak"><bpmn:incoming>f_tidak</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="cek" />
    <bpmn:sequenceFlow id="f_ya" name="ya" sourceRef="cek" targetRef="kirim" />
    <bpmn:sequenceFlow id="f_tidak" name="tidak" sourceRef="cek" targetRef="ditolak" />
    <bpmn:sequenceFlow id="f3" sourceRef="kirim" targetRef="selesai" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${processId}">
    <bpmndi:BPMNShape id="mulai_di" bpmnElement="mulai"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="cek_di" bpmnElement="cek" isMarkerVisible="true"><dc:Bounds x="245" y="95" width="50" height="50" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="kirim_di" bpmnElement="kirim"><dc:Bounds x="400" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="selesai_di" bpmnElement="selesai"><dc:Bounds x="582" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="ditolak_di" bpmnElement="ditolak"><dc:Bounds x="402" y="252" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="245" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f_ya_di" bpmnElement="f_ya"><di:waypoint x="295" y="120" /><di:waypoint x="400" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f_tidak_di" bpmnElement="f_tidak"><di:waypoint x="270" y="145" /><di:waypoint x="270" y="270" /><di:waypoint x="402" y="270" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="500" y="120" /><di:waypoint x="582" y="120" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** Every label template of the properties-panel library, from its own source. */
function libraryTemplates(): Set<string> {
  const source = readFileSync(path.join(ROOT, "node_modules/bpmn-js-properties-panel/dist/index.esm.js"), "utf8");
  return new Set([...source.matchAll(/translate\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!));
}

/** Visible group titles and entry labels of the panel. */
function panelLabels(page: Page): Promise<string[]> {
  return page
    .locator(".bio-properties-panel-group-header-title:visible, .bio-properties-panel-label:visible")
    .evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()).filter(Boolean));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("designer properties groups", () => {
  it("checks FEEL as it is typed, edits connector settings and shows every panel label in Indonesian", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const designer = new DesignerPage(page, inject("baseUrl"));
    await designer.openNew();
    const processId = uniqueProcessId("e2e_panel");
    await designer.importBpmn(`${processId}.bpmn`, gatewayModelXml(processId), "kirim");
    // the full panel, so the Camunda groups' labels are checked too
    await designer.setPanelMode("full");
    const templates = libraryTemplates();
    const untranslated: string[] = [];
    const collect = async (what: string) => {
      for (const label of await panelLabels(page)) if (templates.has(label)) untranslated.push(`${what}: ${label}`);
    };
    await collect("process");

    // a condition with a syntax error is flagged under the field while typing
    await designer.selectConnection("f_ya");
    const condition = designer.panelField("alur-condition", "alur-condition");
    if (!(await condition.isVisible())) {
      await page.locator('[data-group-id="group-alur-condition"] .bio-properties-panel-group-header').click();
    }
    await condition.fill("lengkap = ");
    const conditionError = page.locator('[data-entry-id="alur-condition"] .bio-properties-panel-error');
    await conditionError.waitFor();
    expect(await conditionError.textContent()).toContain("Sintaks FEEL salah");
    await screenshot(page, "designer-panel-feel-error");
    await condition.fill("= lengkap = true");
    await conditionError.waitFor({ state: "detached" });
    await condition.press("Tab");
    await collect("flow");

    // a service task's connector group shows the settings of the chosen type
    await designer.selectShape("kirim");
    const group = page.locator('[data-group-id="group-alur-connector"]');
    if (!(await group.locator("#bio-properties-panel-alur-connector-type").isVisible())) {
      await group.locator(".bio-properties-panel-group-header").click();
    }
    await group.locator("#bio-properties-panel-alur-connector-type").selectOption("notify");
    await designer.setPanelField("alur-connector", "alur-header-notify-roles", "kepala-bidang");
    await designer.setPanelField("alur-connector", "alur-header-notify-title", "Berkas {{caseNumber}} lengkap");
    await collect("service task");
    // with a known connector type the live validation has nothing left to report
    await expect.poll(() => designer.problemCount().textContent()).toMatch(/^0 kesalahan/);
    await screenshot(page, "designer-panel-connector");

    // the exported file carries both, as Camunda Modeler would read them
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Ekspor .bpmn" }).click(),
    ]);
    const xml = readFileSync(await download.path(), "utf8");
    expect(xml).toMatch(/<zeebe:taskDefinition type="notify"/);
    expect(xml).toMatch(/<zeebe:header key="roles" value="kepala-bidang"/);
    expect(xml).toMatch(/<bpmn:conditionExpression[^>]*>= lengkap = true<\/bpmn:conditionExpression>/);

    expect(untranslated).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps a Camunda model's own job type, edits it as text and hands a task to another application", async () => {
    // given a model from Camunda Modeler whose service task names a job type of its own
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const designer = new DesignerPage(page, inject("baseUrl"));
    await designer.openNew();
    const processId = uniqueProcessId("e2e_job");
    const xml = gatewayModelXml(processId)
      .replace(
        '<bpmn:serviceTask id="kirim" name="Kirim pemberitahuan">',
        '<bpmn:serviceTask id="kirim" name="Kirim pemberitahuan"><bpmn:extensionElements><zeebe:taskDefinition type="payment-service" retries="5" /></bpmn:extensionElements>',
      )
      .replace(
        '<bpmn:sequenceFlow id="f_ya" name="ya" sourceRef="cek" targetRef="kirim" />',
        '<bpmn:sequenceFlow id="f_ya" name="ya" sourceRef="cek" targetRef="kirim"><bpmn:conditionExpression>=true</bpmn:conditionExpression></bpmn:sequenceFlow>',
      );
    await designer.importBpmn(`${processId}.bpmn`, xml, "kirim");

    // when the admin opens the task's connector group
    await designer.selectShape("kirim");
    const group = page.locator('[data-group-id="group-alur-connector"]');
    const select = group.locator("#bio-properties-panel-alur-connector-type");
    if (!(await select.isVisible())) await group.locator(".bio-properties-panel-group-header").click();

    // then the select shows the job type as an external job, and its type is a text field
    expect(await select.inputValue()).toBe("payment-service");
    expect(await select.locator("option:checked").textContent()).toBe("Aplikasi lain: payment-service");
    const jobType = group.locator("#bio-properties-panel-alur-job-type");
    expect(await jobType.inputValue()).toBe("payment-service");
    // an external job is a warning (a worker is needed), not an error
    await expect.poll(() => designer.problemCount().textContent()).toMatch(/^0 kesalahan, 1 peringatan/);
    expect(
      await page.getByText('dikerjakan oleh aplikasi lain dengan kode tugas "payment-service"').count(),
    ).toBeGreaterThan(0);

    // when the type is renamed, and another task is made an external job from a built-in type
    await designer.setPanelField("alur-connector", "alur-job-type", "pembayaran-bansos");
    await screenshot(page, "designer-panel-external-job");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Ekspor .bpmn" }).click(),
    ]);
    const exported = readFileSync(await download.path(), "utf8");
    expect(exported).toMatch(/<zeebe:taskDefinition type="pembayaran-bansos" retries="5"/);

    await select.selectOption("notify");
    expect(await jobType.count()).toBe(0);
    await select.selectOption("__external__");
    expect(await group.locator("#bio-properties-panel-alur-job-type").inputValue()).toBe("pekerjaan-eksternal");

    expect(errors).toEqual([]);
    await page.close();
  });
});

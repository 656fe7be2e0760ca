/**
 * Problems an admin who does not read BPMN can act on: named by the elements' names (ids only as
 * a detail), FEEL errors quoting the offending text, a click on a problem showing the element;
 * and the properties panel's simple mode without the Camunda-only groups.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DesignerPage } from "../pages/designer-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { signInThroughUi } from "../setup/session";
import { uniqueProcessId } from "./service-fixture";

/**
 * start → "Periksa berkas" (no role) → "Berkas lengkap?" → "ya" (no condition, no default) → end,
 * "tidak" (condition `= lengkap &&`) → end.
 */
function modelWithProblems(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn">
  <bpmn:process id="${processId}" name="Uji masalah" isExecutable="true">
    <bpmn:startEvent id="Event_0m1" name="Mulai"><bpmn:outgoing>Flow_0a1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Activity_1x7" name="Periksa berkas"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners></bpmn:extensionElements><bpmn:incoming>Flow_0a1</bpmn:incoming><bpmn:outgoing>Flow_0b2</bpmn:outgoing></bpmn:userTask>
    <bpmn:exclusiveGateway id="Gateway_1yj3tvb" name="Berkas lengkap?"><bpmn:incoming>Flow_0b2</bpmn:incoming><bpmn:outgoing>Flow_175v3ez</bpmn:outgoing><bpmn:outgoing>Flow_0c3</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="Event_1s" name="Selesai"><bpmn:incoming>Flow_175v3ez</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="Event_1t" name="Ditolak"><bpmn:incoming>Flow_0c3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_0a1" sourceRef="Event_0m1" targetRef="Activity_1x7" />
    <bpmn:sequenceFlow id="Flow_0b2" sourceRef="Activity_1x7" targetRef="Gateway_1yj3tvb" />
    <bpmn:sequenceFlow id="Flow_175v3ez" name="ya" sourceRef="Gateway_1yj3tvb" targetRef="Event_1s" />
    <bpmn:sequenceFlow id="Flow_0c3" name="tidak" sourceRef="Gateway_1yj3tvb" targetRef="Event_1t"><bpmn:conditionExpression>= lengkap &amp;&amp; false</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${processId}">
    <bpmndi:BPMNShape id="s_di" bpmnElement="Event_0m1"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="t_di" bpmnElement="Activity_1x7"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="g_di" bpmnElement="Gateway_1yj3tvb" isMarkerVisible="true"><dc:Bounds x="395" y="95" width="50" height="50" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="e1_di" bpmnElement="Event_1s"><dc:Bounds x="602" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="e2_di" bpmnElement="Event_1t"><dc:Bounds x="502" y="252" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="Flow_0a1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="Flow_0b2"><di:waypoint x="340" y="120" /><di:waypoint x="395" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="Flow_175v3ez"><di:waypoint x="445" y="120" /><di:waypoint x="602" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f4_di" bpmnElement="Flow_0c3"><di:waypoint x="420" y="145" /><di:waypoint x="420" y="270" /><di:waypoint x="502" y="270" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** The text of each problem's message (the clickable part), without the id and code details. */
function problemMessages(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="problem"] button')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("designer problems an admin can act on", () => {
  it("names elements, explains FEEL errors, shows the element a problem is about, and hides Camunda-only groups in simple mode", async () => {
    // given a model with a roleless task, a flow without condition and a broken FEEL condition
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const designer = new DesignerPage(page, inject("baseUrl"));
    await designer.openNew();
    const processId = uniqueProcessId("e2e_problems");
    await designer.importBpmn(`${processId}.bpmn`, modelWithProblems(processId), "Activity_1x7");

    // then the problems name the elements, in Indonesian, with no ids in the messages
    await expect.poll(async () => (await problemMessages(page)).join("\n")).toContain('Langkah "Periksa berkas"');
    const messages = await problemMessages(page);
    expect(messages).toContain(
      'Langkah "Periksa berkas": belum ditentukan peran atau petugas yang mengerjakannya; isi kolom Peran.',
    );
    expect(messages).toContain(
      'Alur "ya": keluar dari percabangan "Berkas lengkap?" tanpa kondisi dan bukan alur bawaan; isi kondisinya atau jadikan alur bawaan.',
    );
    expect(
      messages.find((m) => m.startsWith('Alur "tidak": Sintaks FEEL salah di "&&" (kondisi): FEEL menulis "and"')),
    ).toBeTruthy();
    for (const message of messages)
      expect(message).not.toMatch(/Flow_|Gateway_|Activity_|Event_|\(Incoming|Unrecognized/);
    // the id is still there, as a detail beside the message
    expect(
      await page.locator('[data-testid="problem"][data-element-id="Flow_175v3ez"] code').first().textContent(),
    ).toBe("Flow_175v3ez");
    await screenshot(page, "designer-problems-named");

    // when the diagram has been scrolled so the task is off screen, and the admin clicks its problem
    const canvas = (await page.getByTestId("modeler-canvas").boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await page.mouse.wheel(2500, 0);
    await expect
      .poll(async () => (await designer.canvasShape("Activity_1x7").boundingBox())!.x)
      .toBeLessThan(canvas.x - 100);
    await designer.clickProblem("Activity_1x7");

    // then the element is selected, its properties open, and it is in view
    await page.locator('.djs-element.selected[data-element-id="Activity_1x7"]').waitFor({ state: "attached" });
    expect(await page.locator(".bio-properties-panel-header-label").first().textContent()).toBe("Periksa berkas");
    const task = (await designer.canvasShape("Activity_1x7").boundingBox())!;
    expect(task.x).toBeGreaterThanOrEqual(canvas.x);
    expect(task.x + task.width).toBeLessThanOrEqual(canvas.x + canvas.width);

    // and the panel starts simple: Alur's task group with its one "Peran" field, no Camunda-only groups
    expect(await designer.panelMode().getAttribute("value")).toBe("simple");
    await designer.panelGroup("alur-task").waitFor();
    for (const group of [
      "assignmentDefinition",
      "Zeebe__ExecutionListeners",
      "inputs",
      "outputs",
      "form",
      "Zeebe__ExtensionProperties",
    ])
      expect(await designer.panelGroup(group).count(), group).toBe(0);
    const alurTask = designer.panelGroup("alur-task");
    if (!(await designer.panelField("alur-task", "alur-roles").isVisible()))
      await alurTask.locator(".bio-properties-panel-group-header").click();
    expect(await alurTask.locator('label[for="bio-properties-panel-alur-roles"]').textContent()).toBe("Peran");
    await screenshot(page, "designer-problems-simple-panel");

    // when the admin switches to the full panel
    await designer.setPanelMode("full");

    // then the Camunda groups are there, in Indonesian, and roles still have one field only
    await designer.panelGroup("Zeebe__ExecutionListeners").waitFor();
    expect(
      await designer
        .panelGroup("Zeebe__ExecutionListeners")
        .locator(".bio-properties-panel-group-header-title")
        .textContent(),
    ).toBe("Tindakan otomatis saat mulai/selesai");
    await designer.panelGroup("assignmentDefinition").waitFor();
    expect(await page.locator("#bio-properties-panel-assignmentDefinitionCandidateGroups").count()).toBe(0);
    await designer.panelGroup("Zeebe__ExecutionListeners").scrollIntoViewIfNeeded();
    await screenshot(page, "designer-problems-full-panel");

    // and with English switched on, the same problems read in English, names and all
    await page.locator(".lang-switch").getByRole("button", { name: "EN" }).click();
    await expect
      .poll(async () => await problemMessages(page))
      .toContain('Step "Periksa berkas": names no role or user to work on it; fill in Roles.');
    expect(await designer.problemCount().textContent()).toMatch(/^3 errors?, 2 warnings?/);
    await screenshot(page, "designer-problems-english");
    await page.locator(".lang-switch").getByRole("button", { name: "ID" }).click();

    // and the choice is remembered for this user when the designer opens again
    await designer.openNew();
    expect(await designer.panelMode().getAttribute("value")).toBe("full");

    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * A head of division runs the office from the case page (issue 15, items 2 and 8): finds a case in
 * the case list, sees who holds its current step and who completed the first one (by name, with
 * the form data entered, read-only), hands the step to a colleague with a reason, and the page then
 * names the new officer; the colleague has the task in their inbox, the old officer no longer. The
 * page stays readable on a 390-px phone.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CaseListPage } from "../pages/case-list-page";
import { CasePage } from "../pages/case-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, createStaffUser, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_alih");
const pausingId = uniqueProcessId("e2e_jeda");
const OLD_OFFICER = "Demo bks.front-office";
const NOTE = "KTP dan KK sesuai aslinya";
const REASON = "Petugas sedang cuti tahunan";
let browser: Browser;
let colleague: { id: string; username: string; password: string; displayName: string };
let kase: { id: string; caseNumber: string };

/** Two front-office steps: "Verifikasi berkas" with a form, then "Telaah lapangan". */
function twoStepServiceXml(id: string): string {
  const form = JSON.stringify({
    id: "verifikasiForm",
    type: "default",
    components: [
      { type: "textfield", key: "catatan", label: "Catatan verifikasi" },
      { type: "checkbox", key: "lengkap", label: "Berkas lengkap" },
    ],
  });
  return oneStepServiceXml(id, "Uji pengalihan tugas")
    .replace(
      "</alur:serviceStandard>",
      `</alur:serviceStandard><zeebe:userTaskForm id="verifikasiForm">${form}</zeebe:userTaskForm>`,
    )
    .replace(
      '<zeebe:assignmentDefinition candidateGroups="front-office" />',
      '<zeebe:assignmentDefinition candidateGroups="front-office" /><zeebe:formDefinition formKey="camunda-forms:bpmn:verifikasiForm" />',
    )
    .replace(
      '<bpmn:endEvent id="selesai" name="Selesai">',
      `<bpmn:userTask id="telaah" name="Telaah lapangan">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="front-office" />
        <alur:task slaValue="1" slaUnit="workingDays" />
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="selesai" name="Selesai">`,
    )
    .replace(
      "<bpmn:incoming>f2</bpmn:incoming>\n    </bpmn:endEvent>",
      "<bpmn:incoming>f3</bpmn:incoming>\n    </bpmn:endEvent>",
    )
    .replace(
      '<bpmn:sequenceFlow id="f2" sourceRef="verifikasi" targetRef="selesai" />',
      '<bpmn:sequenceFlow id="f2" sourceRef="verifikasi" targetRef="telaah" /><bpmn:sequenceFlow id="f3" sourceRef="telaah" targetRef="selesai" />',
    )
    .replace(
      '<dc:Bounds x="392" y="102" width="36" height="36" />',
      '<dc:Bounds x="542" y="102" width="36" height="36" />',
    )
    .replace(
      '<bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>',
      `<bpmndi:BPMNShape id="telaah_di" bpmnElement="telaah"><dc:Bounds x="392" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="492" y="120" /><di:waypoint x="542" y="120" /></bpmndi:BPMNEdge>`,
    );
}

type Task = { id: string; caseId: string; elementId: string; revision: number };

async function taskOfCase(token: string, scope: string, elementId: string): Promise<Task> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await apiCall<{ items: Task[] }>(token, "GET", `/tasks?scope=${scope}&limit=200`);
    const task = page.items.find((t) => t.caseId === kase.id && t.elementId === elementId);
    if (task) return task;
    if (Date.now() > deadline) throw new Error(`no ${elementId} task for the case`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const mine = async (token: string) =>
  (await apiCall<{ items: Task[] }>(token, "GET", "/tasks?scope=mine&limit=200")).items
    .filter((t) => t.caseId === kase.id)
    .map((t) => t.elementId);

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("bks.admin");
  const xml = twoStepServiceXml(processId);
  await apiCall(admin, "POST", "/processes", { bpmnXml: xml, district: "3216", publish: true });
  // a service whose one step waits on the applicant: the service clock stops meanwhile
  const pausing = oneStepServiceXml(pausingId, "Uji jeda waktu layanan").replace(
    '<alur:task slaValue="1" slaUnit="workingDays" />',
    '<alur:task pausesClock="true" />',
  );
  await apiCall(admin, "POST", "/processes", { bpmnXml: pausing, district: "3216", publish: true });
  const suffix = Date.now().toString(36);
  const created = await createStaffUser({
    username: `bks.front-office.${suffix}`,
    displayName: `Rudi Hartono ${suffix}`,
    district: "3216",
    roles: ["front-office"],
  });
  colleague = { ...created, displayName: `Rudi Hartono ${suffix}` };
  // the front office verified the documents (first step, with its form) and claimed the second
  kase = await startCaseWithDocuments(processId, "Yuliani Putri");
  const front = await apiToken("bks.front-office");
  const first = await taskOfCase(front, "unassigned", "verifikasi");
  const claimed = await apiCall<Task>(front, "POST", `/tasks/${first.id}/claim`, { revision: first.revision });
  await apiCall(front, "POST", `/tasks/${first.id}/complete`, {
    revision: claimed.revision,
    data: { catatan: NOTE, lengkap: true },
  });
  const second = await taskOfCase(front, "unassigned", "telaah");
  await apiCall(front, "POST", `/tasks/${second.id}/claim`, { revision: second.revision });
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string, width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, username);
  return { page, errors };
}

describe("reassigning a task from the case page", () => {
  it("the head of division finds the case, reads its steps and hands the current one to a colleague", async () => {
    // given the head of division in the case list
    const { page, errors } = await signedIn("bks.kepala-bidang", 1280, 900);
    const list = new CaseListPage(page, inject("baseUrl"));
    await list.open();
    await list.filter({ search: kase.caseNumber });
    await list.row(kase.caseNumber).getByRole("link", { name: kase.caseNumber }).click();
    const casePage = new CasePage(page, inject("baseUrl"));
    await casePage.status().waitFor();
    await casePage.waitForStatus("Berjalan");

    // the current step names its officer and due date; the completed one who completed it
    const current = page.getByTestId("current-step");
    await current
      .getByTestId("step-assignee")
      .filter({ hasText: `Petugas: ${OLD_OFFICER}` })
      .waitFor();
    expect(await current.textContent()).toContain("Telaah lapangan");
    expect(await current.textContent()).toMatch(/Tenggat langkah: \d/);
    const done = page.getByTestId("completed-step");
    expect(await done.textContent()).toContain("Verifikasi berkas");
    expect(await done.getByTestId("step-closed-by").textContent()).toContain(`Diselesaikan oleh ${OLD_OFFICER}`);
    // its form data, as the form viewer renders it, read-only
    await done.getByText("Isian formulir").click();
    const note = done.getByLabel("Catatan verifikasi");
    await note.waitFor();
    expect(await note.inputValue()).toBe(NOTE);
    expect(await note.isEditable()).toBe(false);
    expect(await done.getByLabel("Berkas lengkap").isChecked()).toBe(true);
    await screenshot(page, "case-reassign-01-steps");

    // when they reassign the step to Rudi with a reason
    await current.getByRole("button", { name: "Alihkan tugas" }).click();
    const dialog = page.getByTestId("reassign-task-dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Saat ini dipegang ${OLD_OFFICER}`);
    const confirm = dialog.getByRole("button", { name: "Alihkan", exact: true });
    await dialog.getByRole("radio", { name: new RegExp(colleague.displayName) }).check();
    // the current holder is not offered
    expect(await dialog.getByRole("radio", { name: new RegExp(OLD_OFFICER) }).count()).toBe(0);
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Alasan pengalihan").fill(REASON);
    await screenshot(page, "case-reassign-02-dialog");
    await confirm.click();
    await dialog.waitFor({ state: "detached" });

    // then the page names the new officer, and the timeline says from whom to whom and why
    await current
      .getByTestId("step-assignee")
      .filter({ hasText: `Petugas: ${colleague.displayName}` })
      .waitFor();
    const timeline = page.locator("ol.timeline");
    await timeline.getByText(`Dari ${OLD_OFFICER} kepada ${colleague.displayName} · ${REASON}`).waitFor();
    expect(await timeline.textContent()).toContain("Tugas dialihkan oleh atasan");
    await screenshot(page, "case-reassign-03-reassigned");

    // and Rudi has the task in his inbox, the front office no longer
    expect(await mine(await apiToken(colleague.username, colleague.password))).toEqual(["telaah"]);
    expect(await mine(await apiToken("bks.front-office"))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("reads on a 390-px phone: steps, officers and form data without sideways scrolling", async () => {
    const { page, errors } = await signedIn("bks.kepala-bidang", 390, 844);
    const casePage = new CasePage(page, inject("baseUrl"));
    await casePage.open(kase.id);
    const current = page.getByTestId("current-step");
    await current.getByTestId("step-assignee").filter({ hasText: colleague.displayName }).waitFor();
    const done = page.getByTestId("completed-step");
    await done.getByText("Isian formulir").click();
    await done.getByLabel("Catatan verifikasi").waitFor();
    await done.scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await current.getByRole("button", { name: "Alihkan tugas" }).boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    await screenshot(page, "case-reassign-04-phone");
    expect(errors).toEqual([]);
  });

  it("shows a stopped service clock in the header while the case waits on the applicant", async () => {
    const waiting = await startCaseWithDocuments(pausingId, "Agus Salim");
    const { page, errors } = await signedIn("bks.kepala-bidang", 390, 844);
    const casePage = new CasePage(page, inject("baseUrl"));
    await casePage.open(waiting.id);
    const badge = page.getByTestId("case-clock-paused");
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.textContent()).toMatch(/^Waktu layanan berhenti sejak \d/);
    // a stopped clock is not late
    expect(await page.locator(".page-header .badge-overdue").count()).toBe(0);
    await screenshot(page, "case-reassign-05-clock-stopped-phone");
    expect(errors).toEqual([]);
  });
});

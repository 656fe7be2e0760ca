/**
 * An admin moves 20 running cases to v2 after publishing it (issue 15, item 3): the migration page
 * (from the version history) runs the dry run, lists every case as movable, moves them; each case
 * keeps its open task under the step's new name and goes on with v2's added step.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_pindah");
const CASES = 20;
let browser: Browser;

/** v2: "verifikasi" renamed, and a new "persetujuan" step after it. */
function v2(): string {
  return oneStepServiceXml(processId, "Uji migrasi")
    .replace('name="Verifikasi berkas"', 'name="Verifikasi dokumen"')
    .replace(
      '<bpmn:sequenceFlow id="f2" sourceRef="verifikasi" targetRef="selesai" />',
      `<bpmn:sequenceFlow id="f2" sourceRef="verifikasi" targetRef="persetujuan" />
    <bpmn:userTask id="persetujuan" name="Persetujuan kepala bidang">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="front-office" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="persetujuan" targetRef="selesai" />`,
    )
    .replace(
      "<bpmn:incoming>f2</bpmn:incoming>\n    </bpmn:endEvent>",
      "<bpmn:incoming>f3</bpmn:incoming>\n    </bpmn:endEvent>",
    )
    .replace(
      '<bpmndi:BPMNShape id="selesai_di"',
      '<bpmndi:BPMNShape id="persetujuan_di" bpmnElement="persetujuan"><dc:Bounds x="392" y="200" width="100" height="80" /></bpmndi:BPMNShape><bpmndi:BPMNShape id="selesai_di"',
    );
}

type View = {
  processVersionId: string;
  status: string;
  currentSteps: { taskId: string; elementId: string; name: string | null; revision: number }[];
};

beforeAll(async () => {
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: oneStepServiceXml(processId, "Uji migrasi"),
    district: "3216",
    publish: true,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("migrating running cases from the designer", () => {
  it(`the admin moves ${CASES} running cases to v2; they keep their tasks and follow v2`, async () => {
    // given 20 running cases on v1, then v2 published
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) ids.push((await startCaseWithDocuments(processId, `Pemohon Migrasi ${i + 1}`)).id);
    const admin = await apiToken("bks.admin");
    const waitForStep = async (caseId: string, elementId: string): Promise<View> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const view = await apiCall<View>(admin, "GET", `/cases/${caseId}`);
        if (view.currentSteps.some((s) => s.elementId === elementId)) return view;
        if (Date.now() > deadline) throw new Error(`no step ${elementId}: ${JSON.stringify(view)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const before = await Promise.all(ids.map((id) => waitForStep(id, "verifikasi")));
    await apiCall(admin, "POST", "/processes", { bpmnXml: v2(), district: "3216", publish: true });

    // when the admin opens the migration page from the version history and runs the dry run
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    await page.goto(`${inject("baseUrl")}/desainer/${processId}/riwayat`);
    await page.getByRole("link", { name: "Pindahkan permohonan berjalan" }).click();
    await page.getByTestId("migration-form").waitFor();
    await page.getByRole("button", { name: "Uji coba" }).click();

    // then every case can move, and nothing moved yet
    await page.getByText(`${CASES} dapat dipindahkan, 0 tidak`).waitFor();
    expect(await page.locator('[data-testid="migration-row"][data-can-move="true"]').count()).toBe(CASES);
    expect((await apiCall<View>(admin, "GET", `/cases/${ids[0]}`)).processVersionId).toBe(before[0]!.processVersionId);
    await screenshot(page, "case-migrate-01-dry-run");

    // when the admin moves them
    await page.getByRole("button", { name: `Pindahkan ${CASES} permohonan` }).click();

    // then all moved, each keeps its open task (same id) under the new name
    await page.getByText(`${CASES} dipindahkan, 0 tidak dapat dipindahkan`).waitFor({ timeout: 60_000 });
    await screenshot(page, "case-migrate-02-moved");
    for (const [i, id] of ids.entries()) {
      const view = await apiCall<View>(admin, "GET", `/cases/${id}`);
      expect(view.processVersionId).not.toBe(before[i]!.processVersionId);
      expect(view.currentSteps).toEqual([
        expect.objectContaining({ taskId: before[i]!.currentSteps[0]!.taskId, name: "Verifikasi dokumen" }),
      ]);
    }

    // and a moved case goes on with v2's added step
    const front = await apiToken("bks.front-office");
    const step = before[0]!.currentSteps[0]!;
    await apiCall(front, "POST", `/tasks/${step.taskId}/complete`, { revision: step.revision, data: {} });
    const next = await waitForStep(ids[0]!, "persetujuan");
    expect(next.currentSteps.map((s) => s.name)).toEqual(["Persetujuan kepala bidang"]);
    expect(errors).toEqual([]);
  });
});

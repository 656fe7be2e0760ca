/**
 * A head of division supervises cases from the case page (issue 15, case operations): corrects a
 * mistyped value with a reason, and cancels a case. Cancelling: the dialog
 * asks why, the case reads "Dibatalkan", the reason and who gave it are on the timeline, and the
 * front office no longer finds the task in its inbox. Staff without the right see no button.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CasePage } from "../pages/case-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_batal");
const withFormId = uniqueProcessId("e2e_koreksi");

/** The one-step service with a start form holding the applicant's address. */
function withStartForm(id: string): string {
  return oneStepServiceXml(id, "Uji koreksi data")
    .replace(
      "</alur:serviceStandard>",
      '</alur:serviceStandard><zeebe:userTaskForm id="daftar">{"id":"daftar","type":"default","components":[{"type":"textfield","key":"alamat","label":"Alamat"}]}</zeebe:userTaskForm>',
    )
    .replace(
      '<bpmn:startEvent id="mulai" name="Permohonan diterima">',
      '<bpmn:startEvent id="mulai" name="Permohonan diterima"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:daftar" /></bpmn:extensionElements>',
    );
}
let browser: Browser;

beforeAll(async () => {
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: oneStepServiceXml(processId, "Uji pembatalan"),
    district: "3216",
    publish: true,
  });
  await apiCall(admin, "POST", "/processes", { bpmnXml: withStartForm(withFormId), district: "3216", publish: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, username);
  return { page, errors };
}

describe("cancelling a case from its page", () => {
  it("the head of division gives a reason; the case is cancelled and its task leaves the inbox", async () => {
    // given a running case waiting on the front office
    const { id: caseId } = await startCaseWithDocuments(processId, "Rina Marlina");
    const front = await signedIn("bks.front-office");
    const frontCase = new CasePage(front.page, inject("baseUrl"));
    await frontCase.open(caseId);
    await frontCase.waitForStatus("Berjalan");
    // staff without the right see no button
    expect(await front.page.getByRole("button", { name: "Batalkan permohonan" }).count()).toBe(0);

    // when the head of division cancels it with a reason
    const head = await signedIn("bks.kepala-bidang");
    const headCase = new CasePage(head.page, inject("baseUrl"));
    await headCase.open(caseId);
    await headCase.waitForStatus("Berjalan");
    await head.page.getByRole("button", { name: "Batalkan permohonan" }).click();
    const dialog = head.page.getByTestId("cancel-case-dialog");
    await dialog.waitFor();
    const confirm = dialog.getByRole("button", { name: "Batalkan permohonan" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Alasan pembatalan").fill("Pemohon mengundurkan diri secara tertulis");
    await screenshot(head.page, "case-cancel-01-dialog");
    await confirm.click();

    // then the page reads cancelled, with the reason and who gave it on the timeline
    await headCase.waitForStatus("Dibatalkan");
    const timeline = head.page.locator("ol.timeline");
    await timeline.getByText("Alasan pembatalan: Pemohon mengundurkan diri secara tertulis").waitFor();
    expect(await timeline.textContent()).toContain("Dibatalkan oleh petugas");
    // the engine's own record of the cancellation carries no technical reason to the page
    expect(await timeline.textContent()).not.toContain("workflow cancelled");
    expect(await head.page.getByRole("button", { name: "Batalkan permohonan" }).count()).toBe(0);
    await screenshot(head.page, "case-cancel-02-cancelled");

    // and the front office's inbox no longer has the task
    const token = await apiToken("bks.front-office");
    const inbox = await apiCall<{ items: { caseId: string }[] }>(token, "GET", "/tasks?scope=unassigned&limit=200");
    expect(inbox.items.filter((t) => t.caseId === caseId)).toEqual([]);
    expect(front.errors).toEqual([]);
    expect(head.errors).toEqual([]);
  });

  it("the head of division corrects a mistyped address; the timeline says what and why", async () => {
    // given a case registered with a mistyped address
    const { id: caseId } = await startCaseWithDocuments(withFormId, "Dewi Lestari", { alamat: "Jl. Mawar 12" });
    const head = await signedIn("bks.kepala-bidang");
    const headCase = new CasePage(head.page, inject("baseUrl"));
    await headCase.open(caseId);
    await headCase.waitForStatus("Berjalan");

    // when the head corrects it with a reason
    await head.page.getByRole("button", { name: "Koreksi data" }).click();
    const dialog = head.page.getByTestId("correct-data-dialog");
    const address = dialog.getByLabel("alamat");
    await address.waitFor();
    expect(await address.inputValue()).toBe("Jl. Mawar 12");
    await address.fill("Jl. Mawar 21");
    await dialog.getByLabel("Alasan koreksi").fill("Nomor rumah tertukar saat pendaftaran");
    await screenshot(head.page, "case-correct-01-dialog");
    await dialog.getByRole("button", { name: "Simpan koreksi" }).click();
    await dialog.waitFor({ state: "detached" });

    // then the timeline names what was corrected and why, and the case holds the new value
    const timeline = head.page.locator("ol.timeline");
    await timeline.getByText("Dikoreksi: alamat · Nomor rumah tertukar saat pendaftaran").waitFor();
    expect(await timeline.textContent()).toContain("Data dikoreksi");
    const token = await apiToken("bks.kepala-bidang");
    const now = await apiCall<{ variables: Record<string, unknown> }>(token, "GET", `/cases/${caseId}/variables`);
    expect(now.variables.alamat).toBe("Jl. Mawar 21");
    await screenshot(head.page, "case-correct-02-timeline");
    expect(head.errors).toEqual([]);
  });
});

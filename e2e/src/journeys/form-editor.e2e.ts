/**
 * Task forms built in the designer: an admin creates a user task's form with the form-js editor (a
 * required "Hasil verifikasi" text field), the form is embedded in the model (undoable like any
 * other edit) and published with it; front office then sees that field on the task page, and
 * neither the page nor the API lets the task be completed without it. A catalogue form, deployed
 * beside its model and referenced by id only, opens in the same editor and is embedded on save.
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CasePage } from "../pages/case-page";
import { DesignerPage } from "../pages/designer-page";
import { FormEditorDialog } from "../pages/form-editor-dialog";
import { InboxPage } from "../pages/inbox-page";
import { StartCasePage } from "../pages/start-case-page";
import { TaskPage } from "../pages/task-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, samplePdf, uniqueProcessId } from "./service-fixture";

const baseUrl = () => inject("baseUrl");
const processId = uniqueProcessId("e2e_formulir");
const serviceName = `Layanan formulir E2E ${processId.slice(-6)}`;
const FIELD = "Hasil verifikasi";

let browser: Browser;
const contexts: BrowserContext[] = [];
const state = { caseNumber: "" };

async function pageFor(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, username);
  return { page, errors };
}

async function api<T>(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${baseUrl()}/api${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe("task forms built with the form-js editor", () => {
  it("an admin creates a task's form in the designer and publishes it embedded in the model", async () => {
    // given an admin with a one-step service whose task has no form
    const { page, errors } = await pageFor("bks.admin");
    const designer = new DesignerPage(page, baseUrl());
    await designer.openNew();
    await designer.importBpmn(`${processId}.bpmn`, oneStepServiceXml(processId, serviceName), "verifikasi");
    await designer.selectShape("verifikasi");
    const dialog = new FormEditorDialog(page);

    // when they open the form editor from the task's panel
    await dialog.openFromPanel("Buat formulir");
    await screenshot(page, "form-editor-01-empty");
    // an empty form is refused with a clear message
    await dialog.save();
    await dialog.problems().waitFor();
    expect(await dialog.problems().textContent()).toContain("Formulir masih kosong");

    // and they add a required text field "Hasil verifikasi"
    await dialog.addComponent("textfield");
    await dialog.selectField(0);
    await dialog.setLabel(FIELD);
    await dialog.setKey("hasilVerifikasi");
    await dialog.setRequired();
    await expect.poll(() => dialog.formFields().first().textContent()).toContain(FIELD);
    await screenshot(page, "form-editor-02-field");
    await dialog.showPreview();
    await dialog.root().getByTestId("form-editor-preview").getByLabel(FIELD).waitFor();
    await screenshot(page, "form-editor-03-preview");
    await dialog.showEditor();
    await dialog.save();
    await dialog.root().waitFor({ state: "detached" });

    // then the task has an embedded form, and the edit is one undoable step like any other
    const group = page.locator('[data-group-id="group-alur-task"]');
    await group.getByRole("button", { name: "Ubah formulir" }).waitFor();
    expect(await designer.panelField("alur-task", "alur-form").inputValue()).toBe("UserTaskForm_verifikasi");
    // undo and redo are the canvas' keys: focus it by clicking the task
    await designer.selectShape("verifikasi");
    await page.keyboard.press("ControlOrMeta+z");
    await group.getByRole("button", { name: "Buat formulir" }).waitFor();
    await page.keyboard.press("ControlOrMeta+y");
    await group.getByRole("button", { name: "Ubah formulir" }).waitFor();
    await screenshot(page, "form-editor-04-saved");

    // and reopening it shows the saved field
    await dialog.openFromPanel("Ubah formulir");
    await expect.poll(() => dialog.formFields().first().textContent()).toContain(FIELD);
    await dialog.root().getByRole("button", { name: "Batal" }).click();
    await dialog.root().waitFor({ state: "detached" });

    // when they publish
    await designer.publish({
      effectiveFrom: new Date().toISOString().slice(0, 10),
      kind: "Perbup",
      number: "21",
      year: "2026",
      title: "Standar Pelayanan Uji Formulir",
    });
    await designer
      .publishedNotice()
      .waitFor({ timeout: 30_000 })
      .catch(async (e: unknown) => {
        await screenshot(page, "form-editor-failed-publish");
        throw e;
      });

    // then the published model carries the form and its plan gives it to the task
    const token = await apiToken("bks.admin");
    const list = await api<{ items: Array<{ id: string; status: string }> }>(
      token,
      `/processes?processId=${processId}`,
    );
    const published = list.body.items.find((v) => v.status === "published");
    const version = await api<{
      bpmnXml: string;
      plan: { nodes: Record<string, { task?: { formId?: string } }>; forms: Record<string, unknown> };
    }>(token, `/processes/versions/${published?.id}`);
    const formId = version.body.plan.nodes.verifikasi?.task?.formId ?? "";
    expect(version.body.bpmnXml).toContain(`formKey="camunda-forms:bpmn:${formId}"`);
    expect(version.body.bpmnXml).toMatch(new RegExp(`<zeebe:userTaskForm id="${formId}">`));
    expect(JSON.stringify(version.body.plan.forms[formId])).toContain('"key":"hasilVerifikasi"');
    expect(errors).toEqual([]);
  });

  it("front office sees the field on the task page and cannot complete the task without it", async () => {
    // given a case of the published service
    const { page, errors } = await pageFor("bks.front-office");
    const start = new StartCasePage(page, baseUrl());
    await start.open().catch(async (e: unknown) => {
      await screenshot(page, "form-editor-failed-start");
      throw e;
    });
    await start.chooseService(serviceName);
    await start.fillApplicant({
      name: "Budi Santoso",
      nik: "3216011203850004",
      phone: "081298765432",
      address: "Jl. Sukamaju No. 7, Kabupaten Bekasi",
    });
    for (const [requirementName, fileName] of [
      ["Fotokopi E-KTP", "ktp-budi.pdf"],
      ["Fotokopi Kartu Keluarga", "kk-budi.pdf"],
    ] as const) {
      await start.upload({ requirementName, fileName, buffer: samplePdf(fileName), mimeType: "application/pdf" });
    }
    await start.submit();
    const casePage = new CasePage(page, baseUrl());
    await casePage.status().waitFor();
    state.caseNumber = await casePage.caseNumber();
    expect(state.caseNumber).not.toBe("");
    await page.getByRole("link", { name: "Verifikasi berkas" }).waitFor({ timeout: 60_000 });

    // when front office opens and claims its task
    const inbox = new InboxPage(page, baseUrl());
    await inbox.open();
    await inbox.showScope("Belum diambil");
    await inbox.search(state.caseNumber);
    await inbox.openTask(state.caseNumber, "Verifikasi berkas");
    const taskId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const task = new TaskPage(page);
    await task.waitForLoaded("Verifikasi berkas");
    await task.claim();

    // then the API refuses a completion without the field: it validates against the published form
    const token = await apiToken("bks.front-office");
    const current = await api<{ revision: number }>(token, `/tasks/${taskId}`);
    const refused = await api<unknown>(token, `/tasks/${taskId}/complete`, {
      method: "POST",
      body: { revision: current.body.revision, data: {} },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain(`${FIELD} is required`);

    // and so does the task page, which shows the field
    await page.reload();
    await task.waitForLoaded("Verifikasi berkas");
    const field = page.getByLabel(FIELD);
    await field.waitFor();
    await page.getByRole("button", { name: "Selesaikan" }).click();
    await page.locator(".fjs-form-field-error").first().waitFor();
    // form-js writes its messages in English; the page shows ours
    expect(await page.locator(".fjs-form-field-error").first().textContent()).toContain("Kolom ini wajib diisi.");
    await page.locator(".alert-warn").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tugas/${taskId}`);
    await screenshot(page, "form-editor-05-task-refused");

    // when the field is filled in, the task completes
    await field.fill("Berkas lengkap dan sah");
    await field.press("Tab");
    await screenshot(page, "form-editor-06-task-filled");
    try {
      await task.complete();
    } catch (e) {
      await screenshot(page, "form-editor-failed-complete");
      throw e;
    }
    expect(errors).toEqual([]);
  });

  it("a catalogue form referenced by id opens from the published version and is embedded on save", async () => {
    // given an admin editing a published catalogue service whose task names its form by id
    const { page, errors } = await pageFor("bks.admin");
    await page.getByRole("link", { name: "Katalog Layanan" }).click();
    const row = page.locator("tr", { hasText: "alat_bantu_disabilitas_3216" });
    await row.getByRole("link", { name: "Ubah", exact: true }).click();
    const designer = new DesignerPage(page, baseUrl());
    await designer.canvasShape("verifikasi").waitFor({ timeout: 30_000 });
    await designer.selectShape("verifikasi");
    const dialog = new FormEditorDialog(page);

    // when they open its form
    await dialog.openFromPanel("Ubah formulir");

    // then the editor shows the deployed form and says where it came from
    await expect
      .poll(() => dialog.root().locator(".alert-info").textContent())
      .toContain("alat-bantu-disabilitas-verifikasi");
    await expect
      .poll(() => dialog.formFields().allTextContents())
      .toContainEqual(expect.stringContaining("Dokumen yang sudah diperiksa"));
    await screenshot(page, "form-editor-07-catalogue-form");

    // and saving embeds it under the same id, so an exported file carries it to Camunda Modeler
    await dialog.save();
    await dialog.root().waitFor({ state: "detached" });
    await screenshot(page, "form-editor-08-catalogue-form-embedded");
    expect(await designer.panelField("alur-task", "alur-form").inputValue()).toBe("alat-bantu-disabilitas-verifikasi");
    // saving the now embedded form again keeps one copy, still referenced by the task
    await dialog.openFromPanel("Ubah formulir");
    await dialog.save();
    await dialog.root().waitFor({ state: "detached" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Ekspor .bpmn" }).click(),
    ]);
    const xml = readFileSync(await download.path(), "utf8");
    expect(xml).toContain('formKey="camunda-forms:bpmn:alat-bantu-disabilitas-verifikasi"');
    expect(xml).toMatch(/<zeebe:userTaskForm id="alat-bantu-disabilitas-verifikasi">[^<]*dokumenDiperiksa/);
    expect(xml.match(/<zeebe:userTaskForm /g)).toHaveLength(1);
    await page.getByText("Formulir tersimpan di dalam model").waitFor();
    expect(errors).toEqual([]);
  });
});

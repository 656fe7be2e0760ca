/**
 * The task form speaks the user's language (issue #6): what form-js' viewer writes itself (the
 * empty select's prompt, search boxes, number arrows, the file picker, the date field's format and
 * its calendar) is Bahasa Indonesia by default and English after the switch, while the form's own
 * labels and what the user typed stay as they are.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { InboxPage } from "../pages/inbox-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_formulir_bahasa");
const TASK = "Verifikasi berkas";
let browser: Browser;
let caseNumber = "";

const FORM = {
  type: "default",
  id: "formKunjungan",
  schemaVersion: 16,
  components: [
    { type: "textfield", key: "catatan", label: "Catatan petugas", id: "c1" },
    {
      type: "select",
      key: "jenisBantuan",
      label: "Jenis bantuan",
      id: "c2",
      values: [
        { label: "Sembako", value: "sembako" },
        { label: "Uang tunai", value: "tunai" },
      ],
    },
    { type: "taglist", key: "kebutuhan", label: "Kebutuhan", id: "c3", values: [{ label: "Pangan", value: "pangan" }] },
    { type: "number", key: "jumlahAnggota", label: "Jumlah anggota keluarga", id: "c4" },
    { type: "datetime", key: "tanggalKunjungan", subtype: "date", dateLabel: "Tanggal kunjungan", id: "c5" },
    { type: "filepicker", key: "fotoRumah", label: "Foto rumah", id: "c6" },
  ],
};

/** The library's English the viewer may write; none of it may show in Indonesian. */
const ENGLISH = [
  "Select",
  "Search",
  "Browse",
  "No files selected",
  "Increment",
  "Decrement",
  "mm/dd/yyyy",
  "dd/mm/yyyy",
];

function serviceWithForm(): string {
  const json = JSON.stringify(FORM).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  return oneStepServiceXml(processId, "Uji bahasa formulir")
    .replace(
      '<zeebe:assignmentDefinition candidateGroups="front-office" />',
      '<zeebe:assignmentDefinition candidateGroups="front-office" /><zeebe:formDefinition formKey="camunda-forms:bpmn:formKunjungan" />',
    )
    .replace(
      "</alur:serviceStandard>",
      `</alur:serviceStandard><zeebe:userTaskForm id="formKunjungan">${json}</zeebe:userTaskForm>`,
    );
}

beforeAll(async () => {
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", { bpmnXml: serviceWithForm(), district: "3216", publish: true });
  caseNumber = (await startCaseWithDocuments(processId, "Siti Aminah")).caseNumber;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every text, placeholder, title and aria-label the form shows. */
function formTexts(page: Page): Promise<string[]> {
  return page.locator(".form-viewer").evaluate((root) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent?.trim() ?? "");
      else
        for (const name of ["placeholder", "title", "aria-label"]) out.push((node as Element).getAttribute(name) ?? "");
    }
    return out.filter((t) => t !== "");
  });
}

async function weekdays(page: Page): Promise<string[]> {
  await page.getByLabel("Tanggal kunjungan").click();
  const days = page.locator(".form-viewer .flatpickr-calendar.open .flatpickr-weekday");
  await days.first().waitFor();
  const names = (await days.allTextContents()).map((d) => d.trim());
  await page.keyboard.press("Escape");
  return names;
}

describe("the task form in the user's language", () => {
  it("form-js' own text is Indonesian, then English after the switch; labels and typed values stay", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.front-office");
    const inbox = new InboxPage(page, inject("baseUrl"));
    await inbox.claimUnassigned(caseNumber, TASK);
    await page.locator(".form-viewer .fjs-filepicker-container").waitFor();

    // in Indonesian: the viewer's own words are translated, the form's labels are as written
    const indonesian = await formTexts(page);
    expect(indonesian.filter((t) => ENGLISH.includes(t))).toEqual([]);
    expect(indonesian).toEqual(expect.arrayContaining(["Pilih", "Pilih berkas", "Belum ada berkas dipilih", "Tambah"]));
    expect(indonesian).toEqual(expect.arrayContaining(["Jenis bantuan", "Foto rumah", "Tanggal kunjungan"]));
    const datePlaceholder = await page.getByLabel("Tanggal kunjungan").getAttribute("placeholder");
    expect(datePlaceholder).toMatch(/^(bb\/hh\/tttt|hh\/bb\/tttt|tttt-bb-hh|hh\.bb\.tttt)$/);
    expect(await weekdays(page)).toContain("Sen");
    await page.getByLabel("Catatan petugas").fill("Rumah semi permanen");
    await page.getByLabel("Tanggal kunjungan").click();
    await page
      .locator(".form-viewer .flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)")
      .nth(14)
      .click();
    const picked = await page.getByLabel("Tanggal kunjungan").inputValue();
    expect(picked).not.toBe("");
    await screenshot(page, "task-form-language-01-indonesian");

    // after switching to English: the library's English, the typed value kept
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => formTexts(page)).toEqual(expect.arrayContaining(["Select", "Browse", "No files selected"]));
    expect(await page.getByLabel("Catatan petugas").inputValue()).toBe("Rumah semi permanen");
    expect(await page.getByLabel("Tanggal kunjungan").inputValue()).toBe(picked);
    expect(await weekdays(page)).toContain("Mon");
    await screenshot(page, "task-form-language-02-english");
    expect(errors).toEqual([]);
    await context.close();
  });
});

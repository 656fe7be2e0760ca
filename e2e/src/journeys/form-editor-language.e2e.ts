/**
 * The form-js editor speaks the admin's language (issue #6): its palette, properties panel and
 * canvas hints are Bahasa Indonesia, and in English they are form-js' own English. The English run
 * records every text the editor itself shows with one component of every palette type, each
 * selected with all its panel groups open; the Indonesian run does the same and must show none of
 * it, so a string missing from the dictionary fails the journey. What the admin typed is never
 * translated, even when it reads like one of the editor's own strings.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DesignerPage } from "../pages/designer-page";
import { FormEditorDialog } from "../pages/form-editor-dialog";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { signInThroughUi } from "../setup/session";
import { oneStepServiceXml, uniqueProcessId } from "./service-fixture";

const baseUrl = () => inject("baseUrl");

/** Text that reads the same in both languages: names, symbols and numbers (the layout's column widths). */
const SAME_IN_BOTH = new Set(["ID", "URL", "iFrame", "Label", "="]);
const sameInBoth = (text: string) => SAME_IN_BOTH.has(text) || /^\d+$/.test(text);

let browser: Browser;
const contexts: BrowserContext[] = [];
const english = { texts: new Set<string>() };

async function openEditor(language: "id" | "en"): Promise<{ page: Page; dialog: FormEditorDialog; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  await context.addInitScript((lang) => localStorage.setItem("alur.lang", lang), language);
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, "bks.admin");
  const processId = uniqueProcessId(`e2e_bahasa_${language}`);
  const designer = new DesignerPage(page, baseUrl());
  await designer.openNew();
  await designer.importBpmn(`${processId}.bpmn`, oneStepServiceXml(processId, `Bahasa ${language}`), "verifikasi");
  await designer.selectShape("verifikasi");
  const dialog = new FormEditorDialog(page);
  await dialog.openFromPanel(language === "id" ? "Buat formulir" : "Create form");
  return { page, dialog, errors };
}

/** Adds one component of every palette type, selects each and opens all its groups; returns every text seen. */
async function walkEveryComponent(dialog: FormEditorDialog): Promise<{ texts: Set<string>; types: string[] }> {
  const texts = new Set(await dialog.chromeTexts());
  const types = await dialog.paletteTypes();
  for (const type of types) await dialog.addComponent(type);
  for (const [index] of types.entries()) {
    await dialog.selectField(index);
    await dialog.openAllGroups();
    for (const text of await dialog.chromeTexts()) texts.add(text);
  }
  return { texts, types };
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe("the form-js editor in the admin's language", () => {
  it("shows form-js' own English when the app is in English", async () => {
    // given an admin working in English
    const { page, dialog, errors } = await openEditor("en");

    // when they add every kind of component and look at each one's properties
    const { texts, types } = await walkEveryComponent(dialog);
    english.texts = texts;

    // then the editor reads as form-js wrote it, a new field's label included
    expect(await dialog.formFields().first().textContent()).toContain("Text field");
    expect(types.length).toBeGreaterThan(20);
    expect(texts.size).toBeGreaterThan(150);
    for (const text of ["Components", "Search components", "Text field", "General", "Field label", "Key", "Required"]) {
      expect(texts).toContain(text);
    }
    await screenshot(page, "form-editor-language-01-english");
    expect(errors).toEqual([]);
  });

  it("shows every text of the editor itself in Bahasa Indonesia, and none of the admin's text translated", async () => {
    // given an admin working in Bahasa Indonesia
    const { page, dialog, errors } = await openEditor("id");

    // when they add every kind of component and look at each one's properties
    const { texts, types } = await walkEveryComponent(dialog);

    // then nothing the English editor showed is left in English
    expect(english.texts.size).toBeGreaterThan(150);
    expect(types.length).toBeGreaterThan(20);
    const untranslated = [...texts].filter((text) => english.texts.has(text) && !sameInBoth(text));
    expect(untranslated.sort()).toEqual([]);
    for (const text of ["Komponen", "Cari komponen", "Kolom teks", "Umum", "Label kolom", "Kunci", "Wajib diisi"]) {
      expect(texts).toContain(text);
    }
    // and a new field's default label is Indonesian too (the admin's to change)
    expect(await dialog.formFields().first().textContent()).toContain("Kolom teks");
    await dialog.selectField(0);
    await screenshot(page, "form-editor-language-02-indonesian");

    // and the palette finds components by their Indonesian names
    await dialog.searchPalette("teks");
    await expect.poll(() => dialog.paletteLabels().allTextContents()).toContain("Kolom teks");
    await dialog.searchPalette("");

    // when the admin names a field with words that are also editor strings
    await dialog.setLabel("Required");
    await dialog.setKey("Key");

    // then their words stay as typed, on the canvas and in the panel header
    await expect.poll(() => dialog.formFields().first().textContent()).toContain("Required");
    expect(await dialog.headerLabel().textContent()).toBe("Required");

    // when the language changes while the editor is open (the modal covers the switch: click it directly)
    await page.locator(".lang-switch button", { hasText: "EN" }).dispatchEvent("click");

    // then the panel and the palette's own text read as form-js wrote them, the admin's words still as typed
    await dialog.root().locator(".fjs-palette-header", { hasText: "Components" }).waitFor();
    expect(await dialog.chromeTexts()).toEqual(expect.arrayContaining(["General", "Field label", "Validation"]));
    expect(await dialog.headerLabel().textContent()).toBe("Required");
    await page.locator(".lang-switch button", { hasText: "ID" }).dispatchEvent("click");
    await dialog.root().locator(".fjs-palette-header", { hasText: "Komponen" }).waitFor();
    expect(errors).toEqual([]);
  });
});

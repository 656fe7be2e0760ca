/**
 * A district makes its own variant of a national template (issue 12, item 3). Bekasi's admin
 * opens "Buat varian daerah" on the adoption template: the designer opens without an error, asks
 * for the variant's legal basis in a card that checks each field as it is typed (in Indonesian,
 * then in English), and keeps saving and publishing off until the basis is recorded. The admin
 * records a Perbup, completes the district's service standard and changes one SLA, saves a draft
 * and publishes. The runtime then holds Bekasi's variant with that Perbup, the template's forms and
 * the edit. Screenshots of each state are saved under e2e/artifacts/.
 */
import type { ExecutionPlan } from "@alur/shared/plan";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DesignerPage } from "../pages/designer-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";

interface VersionItem {
  id: string;
  processId: string;
  district: string | null;
  version: number;
  status: string;
  effectiveFrom: string | null;
  legalBasis: unknown;
}

const PERBUP = {
  kind: "Perbup",
  number: "17",
  year: "2026",
  title: "Standar Pelayanan Pengangkatan Anak Kabupaten Bekasi",
  effectiveFrom: "2026-12-07",
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("district variant from the catalogue", () => {
  it("is derived, given its Perbup, edited, saved as a draft and published by the district admin", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const designer = new DesignerPage(page, inject("baseUrl"));
    const template = await apiCall<{ items: VersionItem[] }>(
      await apiToken("bks.admin"),
      "GET",
      "/processes?processId=pengangkatan_anak",
    );
    const templateVersion = template.items.find((v) => v.district === null && v.status === "published")!;
    const templatePlan = (
      await apiCall<{ plan: ExecutionPlan }>(
        await apiToken("bks.admin"),
        "GET",
        `/processes/versions/${templateVersion.id}`,
      )
    ).plan;

    // given the catalogue, where the adoption template offers "Buat varian daerah"
    await page.goto(`${inject("baseUrl")}/katalog`);
    const row = page.getByRole("row").filter({ hasText: "Pengangkatan Anak (template)" });
    await row.getByRole("link", { name: "Buat varian daerah" }).click();

    // when the designer opens the template as Bekasi's variant
    await designer.canvasShape("konsultasi").waitFor({ timeout: 30_000 });
    const card = page.getByRole("region", { name: "Varian daerah 3216 dari templat pengangkatan_anak" });
    await card.waitFor();
    await designer.problemCount().waitFor();
    // then no compiler message about the variant stands in the way, and saving waits for the legal basis
    await expect(page.getByText("tidak sah", { exact: false }).count()).resolves.toBe(0);
    const toolbar = page.getByRole("toolbar");
    await expect(toolbar.getByRole("button", { name: "Simpan draf" }).isDisabled()).resolves.toBe(true);
    await expect(toolbar.getByRole("button", { name: "Terbitkan", exact: true }).isDisabled()).resolves.toBe(true);
    await screenshot(page, "variant-1-derived");

    // when the admin types the legal basis, with slips on the way
    await card.getByLabel("Nomor").fill("");
    await card.getByLabel("Nomor").blur();
    await card.getByLabel("Tahun").fill("20");
    await card.getByLabel("Tentang").fill("");
    await card.getByLabel("Tentang").blur();
    await card.getByLabel("Tanggal berlaku").fill("2025-01-02");
    // then each field says what is wrong while it is typed, in Indonesian
    await card.getByText("Nomor peraturan wajib diisi.").waitFor();
    await card.getByText("Tahun ditulis empat angka, antara 1945 dan 2100.").waitFor();
    await card.getByText("Isi tentang apa peraturan itu.").waitFor();
    await card.getByLabel("Tahun").fill(PERBUP.year);
    await card.getByText("Tanggal berlaku tidak boleh sebelum tahun 2026, tahun peraturannya.").waitFor();
    await expect(card.getByLabel("Tahun").getAttribute("aria-invalid")).resolves.toBeNull();
    await screenshot(page, "variant-2-checked-as-typed");
    // and in English once the admin switches language
    await page.getByRole("button", { name: "EN", exact: true }).click();
    const cardEn = page.getByRole("region", { name: "District variant 3216 of template pengangkatan_anak" });
    await cardEn.getByText("The regulation's number is required.").waitFor();
    await cardEn.getByText("The effective date cannot be before 2026, the regulation's year.").waitFor();
    await page.getByRole("button", { name: "ID", exact: true }).click();
    await card.waitFor();

    // when the basis is complete and recorded
    await card.getByLabel("Jenis dasar hukum").selectOption(PERBUP.kind);
    await card.getByLabel("Nomor").fill(PERBUP.number);
    await card.getByLabel("Tentang").fill(PERBUP.title);
    await card.getByLabel("Tanggal berlaku").fill(PERBUP.effectiveFrom);
    await card.getByText(/Senin, 0?7 Desember 2026/).waitFor();
    await expect(card.locator(".field-error").count()).resolves.toBe(0);
    await card.getByRole("button", { name: "Catat dasar hukum" }).click();
    await card.getByRole("status").filter({ hasText: "Dasar hukum tercatat di model." }).waitFor();
    // (the designer takes the model's change after its debounce)
    await toolbar.locator("button:enabled", { hasText: "Simpan draf" }).waitFor();

    // and the admin completes Bekasi's service standard and gives the consultation two working days
    // (requirements and products are rows of the standard editor)
    await page.getByTestId("edit-standard").click();
    const editor = page.getByRole("dialog", { name: "Standar Pelayanan" });
    const requirements = editor.getByTestId("std-requirements");
    for (const [id, name] of [
      ["ktp", "Fotokopi KTP COTA"],
      ["nikah", "Akta nikah (minimal 5 tahun)"],
    ] as const) {
      await requirements.getByRole("button", { name: "Tambah persyaratan" }).click();
      const row = requirements.getByTestId("std-row").last();
      await row.getByLabel("Nama dokumen").fill(name);
      await row.getByLabel("Kode").fill(id);
    }
    await editor.getByTestId("std-products").getByRole("button", { name: "Tambah produk" }).click();
    await editor.getByTestId("std-products").getByLabel("Produk").fill("Surat rekomendasi ke pengadilan");
    await editor.getByRole("button", { name: "Terapkan ke model" }).click();
    await editor.waitFor({ state: "hidden" });
    await designer.selectCanvasRoot();
    const standard: Array<[string, string]> = [
      ["std-ct-value", "18"],
      ["std-fee", "0"],
      ["std-complaint-value", "3"],
      ["std-complaint-text", "Pengaduan melalui SP4N-LAPOR! atau langsung ke kantor."],
      ["std-facilities", "Ruang pelayanan dan ruang konsultasi."],
      ["std-competence", "Pekerja sosial bersertifikat."],
      ["std-supervision", "Kepala Dinas Sosial Kabupaten Bekasi."],
      ["std-staffCount", "3 orang"],
      ["std-serviceGuarantee", "Pelayanan sesuai standar."],
      ["std-safetyGuarantee", "Data COTA dijaga kerahasiaannya."],
      ["std-evaluation", "Survei kepuasan masyarakat setiap tahun."],
    ];
    for (const [entry, value] of standard) await designer.setPanelField("alur-standard", entry, value);
    await designer.setPanelSelect("alur-standard", "std-ct-unit", "months");
    await designer.setPanelSelect("alur-standard", "std-complaint-unit", "workingDays");
    await designer.selectShape("konsultasi");
    await designer.setPanelField("alur-task", "alur-sla-value", "2");
    await designer.saveDraft();
    await page.getByRole("status").filter({ hasText: "Draf versi 1 tersimpan." }).waitFor();
    // how the variant differs from the template reads as sentences, the edited SLA among them
    const variantChanges = page.getByTestId("variant-changes");
    await variantChanges.locator("summary").click();
    const consultationChange = variantChanges.locator('[data-testid="change"][data-element-id="konsultasi"]');
    await expect.poll(() => consultationChange.textContent()).toContain("SLA 1 → 2 hari kerja");
    await screenshot(page, "variant-3-draft-saved");

    // and publishes: the dialog proposes the recorded Perbup
    await designer.requestPublish();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expect(dialog.getByLabel("Nomor").inputValue()).resolves.toBe(PERBUP.number);
    await expect(dialog.getByLabel("Tentang").inputValue()).resolves.toBe(PERBUP.title);
    await expect(dialog.getByLabel("Tanggal berlaku").inputValue()).resolves.toBe(PERBUP.effectiveFrom);
    await screenshot(page, "variant-4-publish-dialog");
    await dialog.getByRole("button", { name: "Terbitkan" }).click();
    // the draft was the working copy of version 1: publishing it does not number it again
    await page.getByRole("status").filter({ hasText: "Versi 1 diterbitkan." }).waitFor();
    await screenshot(page, "variant-5-published");

    // then Bekasi has its published variant with the Perbup, the template's forms and the edit
    const token = await apiToken("bks.admin");
    const { items } = await apiCall<{ items: VersionItem[] }>(token, "GET", "/processes?processId=pengangkatan_anak");
    const mine = items.filter((v) => v.district === "3216").sort((a, b) => a.version - b.version);
    expect(mine.map((v) => [v.version, v.status])).toEqual([[1, "published"]]);
    expect(mine[0]!.effectiveFrom).toBe(PERBUP.effectiveFrom);
    const published = await apiCall<{ plan: ExecutionPlan }>(token, "GET", `/processes/versions/${mine[0]!.id}`);
    expect(published.plan.variant).toEqual({
      template: "pengangkatan_anak",
      district: "3216",
      effectiveFrom: PERBUP.effectiveFrom,
      legalBasis: { kind: PERBUP.kind, number: PERBUP.number, year: 2026, title: PERBUP.title },
    });
    expect(Object.keys(published.plan.forms).sort()).toEqual(Object.keys(templatePlan.forms).sort());
    expect(Object.keys(published.plan.forms).length).toBeGreaterThan(0);
    const consultation = published.plan.nodes.konsultasi;
    expect(consultation?.type === "userTask" && consultation.task.sla).toEqual({ value: 2, unit: "workingDays" });
    expect(published.plan.standard?.completionTime).toMatchObject({ value: 18, unit: "months" });
    expect(published.plan.standard?.requirements.map((r) => [r.id, r.name, r.mandatory])).toEqual([
      ["ktp", "Fotokopi KTP COTA", true],
      ["nikah", "Akta nikah (minimal 5 tahun)", true],
    ]);
    expect(errors).toEqual([]);
  });
});

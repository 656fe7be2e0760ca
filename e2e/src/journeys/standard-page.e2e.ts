/**
 * The Standar Pelayanan page of a published service shows the standard derived from the model:
 * the model's steps with role names, the return to the applicant, the clock stops, the kop surat,
 * the signature block and the flowchart; its PDF is the same document.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ARTIFACTS, launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("Standar Pelayanan page", () => {
  it("shows the procedure derived from the published Bekasi adoption model, and its PDF", async () => {
    // given the catalogue's Bekasi adoption variant, published at first start
    const token = await apiToken("bks.admin");
    const { items } = await apiCall<{ items: { id: string; status: string }[] }>(
      token,
      "GET",
      "/processes?processId=pengangkatan_anak_3216",
    );
    const version = items.find((v) => v.status === "published");
    expect(version).toBeDefined();

    // when the district admin opens its standard page
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    await page.goto(`${inject("baseUrl")}/layanan/${version!.id}/standar`);
    const procedure = page.getByTestId("derived-procedure");
    await procedure.waitFor();

    // then the procedure is the model's steps in order with role names, not codes
    const steps = await procedure
      .locator(":scope > li")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-element")));
    expect(steps.slice(0, 5)).toEqual([
      "konsultasi",
      "periksaDokumen",
      "beritahuKekurangan",
      "terimaKelengkapan",
      "kunjunganRumah",
    ]);
    const text = (await procedure.textContent()) ?? "";
    expect(text).toContain("Periksa kelengkapan dokumen persyaratan, oleh Petugas Back Office; waktu 5 hari kerja.");
    expect(text).toContain("Jika belum lengkap, dikembalikan kepada pemohon untuk dilengkapi (langkah 3–4)");
    expect(text).not.toMatch(/back-office|front-office|sakti-peksos/);
    expect(await procedure.locator(".badge-paused").count()).toBe(3);
    // the typed decree text is only an archive, closed
    expect(await page.locator("details.typed-procedure").getAttribute("open")).toBeNull();
    // the completion time row shows the longest path's sum and the clock stops
    expect(await page.locator(".standard-table").textContent()).toContain(
      "Jumlah waktu langkah pada jalur terpanjang: 23 hari kerja.",
    );
    expect(await page.getByTestId("kop-surat").textContent()).toContain("PEMERINTAH KABUPATEN BEKASI");
    expect(await page.getByTestId("signature").textContent()).toContain("KEPALA DINAS SOSIAL KABUPATEN BEKASI");
    expect(await page.locator(".standard-flowchart .step-number").count()).toBe(15);
    await screenshot(page, "standard-page");
    await page.locator(".flowchart-card").screenshot({ path: path.join(ARTIFACTS, "standard-flowchart.png") });

    // and the PDF the page links to is the same derived document (looked at as a rendered page)
    const href = await page.getByRole("link", { name: "Unduh PDF" }).getAttribute("href");
    const res = await page.request.get(`${inject("baseUrl")}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    const file = path.join(ARTIFACTS, "standard-page.pdf");
    writeFileSync(file, await res.body());
    const pdfText = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(pdfText).toContain("Periksa kelengkapan dokumen persyaratan, oleh Petugas Back Office; waktu 5 hari kerja.");
    execFileSync("pdftoppm", ["-r", "80", "-png", file, path.join(ARTIFACTS, "standard-pdf")]);

    expect(errors).toEqual([]);
    await page.close();
  });
});

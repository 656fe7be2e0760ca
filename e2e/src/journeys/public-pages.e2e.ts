/**
 * The public face on a phone (390 px), without signing in: the district's catalogue, a service's
 * published standard with a QR code of its own address and a print layout, nothing loaded from
 * another origin, no serious axe-core violation; and an applicant tracking a case the front office started, with the code from
 * the start answer.
 */

import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../setup/accessibility";
import { ARTIFACTS, launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { openPhonePage, settled } from "../setup/page-weight";
import { apiToken } from "../setup/session";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const phonePage = () => openPhonePage(browser);

async function noHorizontalScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

/** The front office registers a case of the smoke service; the answer carries the tracking code. */
async function startCaseByStaff(): Promise<{ caseNumber: string; trackingCode: string }> {
  const token = await apiToken("bks.front-office");
  const form = new FormData();
  form.set(
    "data",
    JSON.stringify({ processId: "smoke", district: "3216", applicant: { name: "Sari Wulandari" }, variables: {} }),
  );
  const res = await fetch(`${inject("baseUrl")}/api/cases`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (!res.ok) throw new Error(`start case: ${res.status} ${await res.text()}`);
  return (await res.json()) as { caseNumber: string; trackingCode: string };
}

describe("public pages on a phone", () => {
  it("finds a service in the district's catalogue and shows its standard with a QR code, printable", async () => {
    // given a visitor without an account on a 390-px phone
    const { page, origins, jsBytes } = await phonePage();
    const errors = watchConsole(page);
    const base = inject("baseUrl");

    // when they open Bekasi's public catalogue
    await page.goto(`${base}/publik/3216`);
    const list = page.getByTestId("public-services");
    await list.waitFor();
    // then the district's services are listed, the adoption variant among them, and the page fits the phone
    expect(await page.locator("h1").textContent()).toContain("Kabupaten Bekasi");
    const adoption = list.locator('[data-process="pengangkatan_anak_3216"]');
    expect(await adoption.count()).toBe(1);
    // a national template Bekasi has its own variant of is not listed twice
    expect(await list.locator('[data-process="pengangkatan_anak"]').count()).toBe(0);
    await noHorizontalScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-catalogue-390");

    // when they open the adoption service
    await adoption.getByRole("link").click();
    await page.waitForURL(`${base}/publik/3216/pengangkatan_anak_3216`);
    const procedure = page.getByTestId("derived-procedure");
    await procedure.waitFor();
    // then they read the standard derived from the model, with role names and no codes
    const text = (await procedure.textContent()) ?? "";
    expect(text).toContain("Periksa kelengkapan dokumen persyaratan, oleh Petugas Back Office; waktu 5 hari kerja.");
    expect(text).not.toMatch(/back-office|front-office|sakti-peksos/);
    expect(await page.getByTestId("kop-surat").textContent()).toContain("PEMERINTAH KABUPATEN BEKASI");
    // and a QR code of this very page, drawn on the page
    const qr = page.getByTestId("qr-code");
    expect(await qr.getAttribute("data-value")).toBe(`${base}/publik/3216/pengangkatan_anak_3216`);
    expect((await qr.locator("path").getAttribute("d"))?.length).toBeGreaterThan(500);
    await noHorizontalScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-service-390");
    // what the phone shows first, at its real size
    await page.screenshot({ path: path.join(ARTIFACTS, "public-service-390-top.png") });

    // the print layout drops the bar and buttons and keeps the QR code
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".public-bar").isVisible()).toBe(false);
    expect(await qr.isVisible()).toBe(true);
    await screenshot(page, "public-service-print");
    await page.screenshot({ path: path.join(ARTIFACTS, "public-service-print-top.png") });
    await page.emulateMedia({ media: "screen" });

    // nothing came from another origin; the JS sent for both pages is reported
    expect([...origins]).toEqual([base]);
    console.log(`public pages: ${await jsBytes()} bytes of JS transferred (catalogue + service page)`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("loads each public page, opened directly, in under 150 kB on the wire", async () => {
    // the budget of issue 16: what a phone downloads (compressed, headers included: JS, CSS, HTML,
    // the API's answers) to show the page. The adoption service has no start form, so its
    // application page must not load form-js (public-apply.e2e.ts reports a page that does)
    const base = inject("baseUrl");
    const weights: Record<string, { all: number; js: number }> = {};
    for (const [name, url] of [
      ["catalogue", `${base}/publik/3216`],
      ["service", `${base}/publik/3216/pengangkatan_anak_3216`],
      ["tracking", `${base}/lacak`],
      ["complaint", `${base}/pengaduan?d=3216`],
      ["survey", `${base}/survei`],
      ["apply", `${base}/publik/3216/pengangkatan_anak_3216/ajukan`],
    ] as const) {
      const { page, jsBytes, allBytes } = await phonePage();
      await page.goto(url);
      await settled(page);
      weights[name] = { all: await allBytes(), js: await jsBytes() };
      await page.context().close();
    }
    console.log(`public page weight (bytes on the wire): ${JSON.stringify(weights)}`);
    for (const [name, w] of Object.entries(weights)) expect(w.all, name).toBeLessThan(150_000);
  });

  it("tracks a case the front office started, by case number and tracking code", async () => {
    // given a case registered at the counter, its number and code on the applicant's receipt
    const started = await startCaseByStaff();
    expect(started.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const { page } = await phonePage();
    const errors = watchConsole(page);
    await page.goto(`${inject("baseUrl")}/lacak`);

    // when a wrong code is typed first, then it says the pair does not match, in Indonesian
    await page.locator('input[name="caseNumber"]').fill(started.caseNumber);
    await page.locator('input[name="code"]').fill("AAAA-BBBB-CCCC");
    await page.getByRole("button", { name: "Lacak", exact: true }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("tidak cocok");

    // when the right code is typed (in lower case, as people do)
    await page.locator('input[name="code"]').fill(started.trackingCode.toLowerCase());
    const deadline = Date.now() + 20_000;
    let stage = "";
    while (Date.now() < deadline) {
      await page.getByRole("button", { name: "Lacak", exact: true }).click();
      await page.getByTestId("tracking-result").waitFor();
      stage = (await page.getByTestId("tracking-stage").textContent()) ?? "";
      if (stage.includes("Verifikasi berkas")) break;
      await page.waitForTimeout(300);
    }
    // then the stage is the step's name (another journey may have renamed it in a later version,
    // "Verifikasi berkas (diperbarui)"), the due date is shown, and no personal data
    expect(stage).toMatch(/^Verifikasi berkas/);
    expect(await page.getByTestId("tracking-status").textContent()).toBe("Sedang diproses");
    expect(await page.getByTestId("tracking-due").textContent()).not.toBe("—");
    const result = (await page.getByTestId("tracking-result").textContent()) ?? "";
    expect(result).toContain(started.caseNumber);
    expect(result).not.toContain("Sari");
    expect(result).not.toContain("verify");
    await noHorizontalScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-track-390");
    // and in English on request, the step still by its model name
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByText("Current stage").waitFor();
    expect(await page.getByTestId("tracking-status").textContent()).toBe("Being processed");
    expect(await page.getByTestId("tracking-stage").textContent()).toBe(stage);
    // the browser logs the wrong code's 404 answer; nothing else may appear
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await page.context().close();
  });
});

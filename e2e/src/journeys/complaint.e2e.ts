/**
 * A complaint answered within its 3 × 24-hour clock: a citizen tracking their case on a phone
 * files a complaint about it (pre-linked to the case), the complaint team sees it in their list
 * with its due time and answers it, the answer reaches the complainant's mailbox through the real
 * SMTP server (aiosmtpd) and their complaint tracking page, and the response-time report shows it
 * answered within 72 hours.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../setup/accessibility";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_pengaduan");
const SERVICE = "Uji pengaduan layanan";
const EMAIL = `pengadu.${Date.now()}@contoh.test`;
const ANSWER = "Mohon maaf atas keterlambatan. Berkas Anda sudah diverifikasi dan diproses hari ini.";
let browser: Browser;
let tracked: { caseNumber: string; trackingCode: string };
let receipt: { number: string; code: string; due: string };

/** The emails the server sent to `to`, quoted-printable undone so the text reads as written. */
function mailsTo(to: string): string[] {
  const dir = path.join(inject("maildir"), "new");
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names
    .map((n) => readFileSync(path.join(dir, n), "utf8"))
    .map((m) =>
      m.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
    )
    .filter((m) => m.includes(`To: ${to}`));
}

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: oneStepServiceXml(processId, SERVICE),
    district: "3216",
    publish: true,
  });
  tracked = (await startCaseWithDocuments(processId, "Budi Santoso")) as unknown as typeof tracked;
});
afterAll(async () => {
  await browser?.close();
});

describe("a complaint answered within its clock", () => {
  it("is filed on a phone from the tracking page, linked to the case, with a receipt due in 72 hours", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    // given the service's public page offers the complaint form
    await page.goto(`${inject("baseUrl")}/publik/3216/${processId}`);
    await page.getByRole("link", { name: "Sampaikan pengaduan" }).waitFor();
    // and the citizen tracks their case
    await page.goto(`${inject("baseUrl")}/lacak`);
    await page.locator('input[name="caseNumber"]').fill(tracked.caseNumber);
    await page.locator('input[name="code"]').fill(tracked.trackingCode);
    await page.getByRole("button", { name: "Lacak", exact: true }).click();
    await page.getByTestId("tracking-complaint").waitFor();
    // when they follow the complaint link, the case comes along (not in the URL)
    await page.getByRole("link", { name: "Sampaikan pengaduan tentang permohonan ini" }).click();
    await page.waitForURL(/\/pengaduan/);
    expect(page.url()).not.toContain(tracked.trackingCode);
    expect(await page.getByTestId("complaint-case").textContent()).toContain(tracked.caseNumber);
    await page.locator('select[name="category"]').selectOption("waktu");
    await page
      .locator('textarea[name="text"]')
      .fill("Sudah lewat dari perkiraan selesai tetapi belum ada kabar dari petugas.");
    await page.locator('input[name="name"]').fill("Budi Santoso");
    await page.locator('input[name="email"]').fill(EMAIL);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "complaint-public-390");
    await page.getByRole("button", { name: "Kirim pengaduan" }).click();
    // then the receipt gives the number, the code and the due time
    await page.getByTestId("complaint-receipt").waitFor();
    receipt = {
      number: (await page.getByTestId("complaint-number").textContent()) ?? "",
      code: (await page.getByTestId("complaint-code").textContent()) ?? "",
      due: (await page.getByTestId("complaint-due").textContent()) ?? "",
    };
    expect(receipt.number).toMatch(/^ADU\/BKS\/\d{4}\/\d{6}$/);
    expect(receipt.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "complaint-receipt-390");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows in the complaint team's list with its due time, and is answered", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.pengelola-pengaduan");
    await page.goto(`${inject("baseUrl")}/pengaduan-masuk`);
    const item = page.locator(`[data-testid="complaint-item"][data-number="${receipt.number}"]`);
    await item.waitFor();
    // due 72 clock hours after receipt, as the receipt said, and within time
    expect(await item.getByTestId("complaint-due").textContent()).toBe(receipt.due);
    expect(await item.getByTestId("complaint-clock").textContent()).toBe("Dalam batas waktu");
    expect(await item.textContent()).toContain(tracked.caseNumber);
    expect(await item.textContent()).toContain(EMAIL);
    // the team finds it by the case it is about, among every other open complaint
    const search = page.getByRole("search");
    await search.getByRole("searchbox").fill(tracked.caseNumber);
    await search.getByRole("button", { name: "Cari" }).click();
    await expect.poll(async () => page.getByTestId("complaint-count").textContent()).toBe("1 pengaduan");
    await item.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "complaint-team-list");
    await item.locator('textarea[name="answer"]').fill(ANSWER);
    await item.getByRole("button", { name: "Kirim tanggapan" }).click();
    // the answered complaint leaves the open list
    await expect.poll(async () => item.count(), { timeout: 30_000 }).toBe(0);
    await page.getByRole("button", { name: "Sudah ditanggapi" }).click();
    const answered = page.locator(`[data-testid="complaint-item"][data-number="${receipt.number}"]`);
    await answered.waitFor();
    expect(await answered.getByTestId("complaint-clock").textContent()).toBe("Ditanggapi tepat waktu");
    // the response-time report counts it within 72 hours
    const total = page.getByTestId("complaint-report-total");
    await total.waitFor();
    await expect.poll(async () => page.getByTestId("complaint-within").textContent(), { timeout: 30_000 }).toBe("100%");
    await screenshot(page, "complaint-report");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reaches the complainant by email and on the complaint tracking page", async () => {
    // the delivery sweep sends the answer to the real SMTP server
    const deadline = Date.now() + 90_000;
    while (mailsTo(EMAIL).length === 0) {
      if (Date.now() > deadline) throw new Error(`no email to ${EMAIL}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const [mail] = mailsTo(EMAIL);
    expect(mail).toContain(`Subject: Tanggapan atas pengaduan ${receipt.number}`);
    expect(mail).toContain("Berkas Anda sudah diverifikasi");
    expect(mail).toContain("/pengaduan/lacak");
    expect(mail).not.toContain(receipt.code);
    // and the complainant reads the answer on a phone
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${inject("baseUrl")}/pengaduan/lacak`);
    await page.locator('input[name="complaintNumber"]').fill(receipt.number);
    await page.locator('input[name="code"]').fill(receipt.code.toLowerCase());
    await page.getByRole("button", { name: "Lacak", exact: true }).click();
    await page.getByTestId("complaint-answer").waitFor();
    expect(await page.getByTestId("complaint-answer").textContent()).toContain(ANSWER);
    expect(await page.getByTestId("complaint-status").textContent()).toBe("Sudah ditanggapi");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "complaint-answer-390");
    // in English too
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(async () => page.getByTestId("complaint-status").textContent()).toBe("Answered");
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * An applicant on a 390-px phone, without an account: finds a service in the district's public
 * catalogue, applies online with the start form and a document, reads the tanda terima (and
 * downloads its PDF), then tracks the application with the code from the receipt. No serious
 * axe-core violation on the application form or the receipt; nothing from another origin.
 */

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../setup/accessibility";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { openPhonePage, settled } from "../setup/page-weight";
import { apiCall, apiToken } from "../setup/session";
import { uniqueProcessId } from "./service-fixture";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/** A start form of plain fields: the page renders it without form-js. */
const PLAIN_FORM = [
  { type: "textfield", key: "nik", label: "NIK anak", validate: { required: true, pattern: "^[0-9]{16}$" } },
  { type: "textarea", key: "alasan", label: "Alasan permohonan", validate: { required: true } },
];
/** One with a field shown on a condition (FEEL): the page loads form-js for it. */
const CONDITIONAL_FORM = [
  { type: "textarea", key: "alasan", label: "Alasan permohonan", validate: { required: true } },
  { type: "checkbox", key: "adaWali", label: "Anak diasuh wali" },
  {
    type: "textfield",
    key: "namaWali",
    label: "Nama wali",
    validate: { required: true },
    conditional: { hide: "=adaWali != true" },
  },
];

/** start (the start form) → "Verifikasi berkas" (front office) → end; one mandatory KTP. */
function onlineServiceXml(processId: string, name: string, components: unknown[] = PLAIN_FORM): string {
  const form = JSON.stringify({ id: "permohonan", type: "default", components });
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0"
  id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="E2E-DRG" name="${name}" office="Dinas Sosial Kabupaten Bekasi">
        <alur:legalBasis kind="UU" number="25" year="2009" title="Pelayanan Publik" />
        <alur:requirement id="ktp" name="Fotokopi KTP orang tua" mandatory="true" providedBy="applicant" fileTypes="pdf,jpg,png" maxSizeMb="1" />
        <alur:completionTime value="3" unit="workingDays">3 hari kerja</alur:completionTime>
        <alur:fee amount="0" currency="IDR">Gratis</alur:fee>
      </alur:serviceStandard>
      <zeebe:userTaskForm id="permohonan">${form.replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</zeebe:userTaskForm>
    </bpmn:extensionElements>
    <bpmn:startEvent id="mulai" name="Permohonan diterima">
      <bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:permohonan" /></bpmn:extensionElements>
      <bpmn:outgoing>f1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="verifikasi" name="Verifikasi berkas daring">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="front-office" />
        <alur:task slaValue="1" slaUnit="workingDays" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="selesai" name="Selesai"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="verifikasi" />
    <bpmn:sequenceFlow id="f2" sourceRef="verifikasi" targetRef="selesai" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → "Lengkapi Kartu Keluarga" (the applicant, clock stopped) → "Verifikasi berkas lengkap" → end. */
function askingServiceXml(processId: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0"
  id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="E2E-LKP" name="${name}" office="Dinas Sosial Kabupaten Bekasi">
        <alur:legalBasis kind="UU" number="25" year="2009" title="Pelayanan Publik" />
        <alur:requirement id="ktp" name="Fotokopi KTP" mandatory="true" providedBy="applicant" fileTypes="pdf" />
        <alur:requirement id="kk" name="Fotokopi Kartu Keluarga" mandatory="false" providedBy="applicant" fileTypes="pdf" />
        <alur:completionTime value="3" unit="workingDays">3 hari kerja</alur:completionTime>
      </alur:serviceStandard>
    </bpmn:extensionElements>
    <bpmn:startEvent id="mulai" name="Permohonan diterima"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="lengkapi" name="Lengkapi Kartu Keluarga">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="applicant" />
        <alur:task pausesClock="true" documents="kk" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="verifikasi" name="Verifikasi berkas lengkap">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="front-office" />
        <alur:task slaValue="1" slaUnit="workingDays" />
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="selesai" name="Selesai"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="lengkapi" />
    <bpmn:sequenceFlow id="f2" sourceRef="lengkapi" targetRef="verifikasi" />
    <bpmn:sequenceFlow id="f3" sourceRef="verifikasi" targetRef="selesai" />
  </bpmn:process>
</bpmn:definitions>`;
}

let browser: Browser;
const askingId = uniqueProcessId("e2e_lengkapi");
const processId = uniqueProcessId("e2e_daring");
const conditionalId = uniqueProcessId("e2e_bersyarat");
const name = `Rekomendasi Beasiswa Daring ${processId.slice(-6)}`;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: onlineServiceXml(processId, name),
    district: "3216",
    publish: true,
  });
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: onlineServiceXml(conditionalId, `Rekomendasi Bersyarat ${conditionalId.slice(-6)}`, CONDITIONAL_FORM),
    district: "3216",
    publish: true,
  });
  await apiCall(admin, "POST", "/processes", {
    bpmnXml: askingServiceXml(askingId, `Layanan Lengkapi ${askingId.slice(-6)}`),
    district: "3216",
    publish: true,
  });
});
afterAll(async () => {
  await browser?.close();
});

describe("online application on a phone", () => {
  it("weighs under the public pages' 150 kB with its start form, and the form-js one over it", async () => {
    // the budget of issue 16 (gzip bytes on the wire, headers included, opened directly)
    const base = inject("baseUrl");
    const weights: Record<string, number> = {};
    for (const [name, id] of [
      ["plain", processId],
      ["conditional", conditionalId],
    ] as const) {
      const { page, allBytes } = await openPhonePage(browser);
      await page.goto(`${base}/publik/3216/${id}/ajukan`);
      await page.getByLabel("Alasan permohonan").waitFor();
      await settled(page);
      weights[name] = await allBytes();
      await page.context().close();
    }
    console.log(`application page weight (bytes on the wire): ${JSON.stringify(weights)}`);
    expect(weights.plain).toBeLessThan(150_000);
    // reported, not held: a start form with FEEL conditions needs form-js' engine
    expect(weights.conditional).toBeGreaterThan(weights.plain ?? 0);
  });

  it("finds the service, applies with a document, reads the receipt and tracks the case", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const origins = new Set<string>();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("data:") && !r.url().startsWith("blob:")) origins.add(new URL(r.url()).origin);
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    const base = inject("baseUrl");

    // given the district's public catalogue, the applicant finds the service and opens it
    await page.goto(`${base}/publik/3216`);
    const entry = page.getByTestId("public-services").locator(`[data-process="${processId}"]`);
    await entry.getByRole("link").click();
    await page.waitForURL(`${base}/publik/3216/${processId}`);
    // when they choose to apply online
    await page.getByRole("link", { name: "Ajukan permohonan" }).click();
    await page.waitForURL(`${base}/publik/3216/${processId}/ajukan`);
    await page.getByLabel("NIK anak").waitFor();

    // and fill in their details, the service's form, the KTP and a phone number
    await page.getByLabel("Nama lengkap").fill("Dewi Lestari");
    await page.getByLabel("Alasan permohonan").fill("Beasiswa sekolah dasar");
    // a plain start form is plain inputs: form-js, heavier than the page's whole budget, is not loaded
    expect(scripts.filter((s) => s.includes("form-viewer"))).toEqual([]);
    // a NIK of the wrong length is marked at its field, in Indonesian, and nothing is sent
    const nik = page.getByLabel("NIK anak");
    await nik.fill("32160155");
    await page.getByRole("button", { name: "Kirim permohonan" }).click();
    expect(await page.getByRole("alert").allTextContents()).toEqual(
      expect.arrayContaining(["NIK anak tidak sesuai format.", "Periksa isian formulir yang ditandai."]),
    );
    expect(await nik.getAttribute("aria-invalid")).toBe("true");
    expect(await nik.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, "public-apply-form-refused-390");
    await nik.fill("3216015505100003");
    expect(await nik.getAttribute("aria-invalid")).toBeNull();
    // the standard takes the KTP up to 1 MB: a 1.5 MB scan is refused on the phone, before sending
    const ktpInput = page.locator('input[name="document:ktp"]');
    const ktpLabel = page.locator("label").filter({ has: ktpInput });
    expect(await ktpLabel.textContent()).toContain("Jenis berkas: PDF, JPG, PNG; paling besar 1 MB.");
    const scan = Buffer.alloc(1.5 * 1024 * 1024);
    PDF.copy(scan);
    await ktpInput.setInputFiles({ name: "ktp-pindaian.pdf", mimeType: "application/pdf", buffer: scan });
    const refused = ktpLabel.getByRole("alert");
    expect(await refused.textContent()).toBe(
      'Berkas "ktp-pindaian.pdf" berukuran 1,5 MB; paling besar 1 MB. Pilih berkas yang lebih kecil.',
    );
    expect(await ktpInput.evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(0);
    await refused.scrollIntoViewIfNeeded();
    await screenshot(page, "public-apply-file-refused-390");
    await ktpInput.setInputFiles({
      name: "ktp-ibu.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    expect(await refused.count()).toBe(0);
    await page.getByLabel("Nomor HP (WhatsApp/SMS)").fill("0812 9876 5432");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-apply-form-390");
    await page.getByRole("button", { name: "Kirim permohonan" }).click();

    // then the receipt shows the case number, the tracking code, the due date and the document
    const receipt = page.getByTestId("receipt");
    await receipt.waitFor();
    const caseNumber = ((await page.getByTestId("receipt-case-number").textContent()) ?? "").trim();
    const code = ((await page.getByTestId("receipt-code").textContent()) ?? "").trim();
    expect(caseNumber).toMatch(/^E2EDRG\//);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.getByTestId("receipt-due").textContent()).not.toBe("—");
    expect(await page.getByTestId("receipt-documents").textContent()).toContain("Fotokopi KTP orang tua: ktp-ibu.pdf");
    expect(await receipt.textContent()).toContain("+62812*****432");
    expect(await receipt.textContent()).toContain("Beasiswa sekolah dasar");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-apply-receipt-390");

    // and the receipt downloads as a PDF
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Unduh tanda terima (PDF)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tanda-terima-.*\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");

    // when they follow "track this application", the number is filled in; they type the code
    await page.getByRole("link", { name: "Lacak permohonan ini" }).click();
    await page.waitForURL(/\/lacak\?/);
    expect(await page.locator('input[name="caseNumber"]').inputValue()).toBe(caseNumber);
    await page.locator('input[name="code"]').fill(code);
    let stage = "";
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      await page.getByRole("button", { name: "Lacak", exact: true }).click();
      await page.getByTestId("tracking-result").waitFor();
      stage = (await page.getByTestId("tracking-stage").textContent()) ?? "";
      if (stage.includes("Verifikasi berkas daring")) break;
      await page.waitForTimeout(300);
    }
    // then the case is at its first step, due as the receipt said
    expect(stage).toBe("Verifikasi berkas daring");
    expect(await page.getByTestId("tracking-status").textContent()).toBe("Sedang diproses");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-apply-track-390");

    expect([...origins]).toEqual([base]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("loads form-js for a start form with a condition, and sends what it shows", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const base = inject("baseUrl");
    await page.goto(`${base}/publik/3216/${conditionalId}/ajukan`);
    // given the form-js rendering, the guardian's name appears only once the box is ticked
    await page.locator(".fjs-container").waitFor();
    await page.getByLabel("Alasan permohonan").fill("Bantuan seragam");
    expect(await page.getByLabel("Nama wali").count()).toBe(0);
    await page.getByLabel("Anak diasuh wali").check();
    await page.getByLabel("Nama wali").fill("Siti Aminah");
    await page.getByLabel("Nama lengkap").fill("Budi Santoso");
    await page.locator('input[name="document:ktp"]').setInputFiles({
      name: "ktp.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await page.getByLabel("Email").fill("budi@contoh.test");
    // when it is sent, the receipt holds the conditional field's answer
    await page.getByRole("button", { name: "Kirim permohonan" }).click();
    const receipt = page.getByTestId("receipt");
    await receipt.waitFor();
    expect(await receipt.textContent()).toContain("Siti Aminah");
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("uploads the document the office asks for from the tracking page, which ends the wait", async () => {
    // given an application (sent through the API) whose first step asks the applicant for the family card
    const base = inject("baseUrl");
    const form = new FormData();
    form.set("data", JSON.stringify({ applicant: { name: "Rudi Hartono" }, contact: { email: "rudi@contoh.test" } }));
    form.set("document:ktp", new Blob([PDF], { type: "application/pdf" }), "ktp.pdf");
    const res = await fetch(`${base}/api/public/districts/3216/services/${askingId}/applications`, {
      method: "POST",
      body: form,
    });
    expect(res.status).toBe(201);
    const { caseNumber, trackingCode } = (await res.json()) as { caseNumber: string; trackingCode: string };
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = watchConsole(page);

    // when the applicant tracks it, the request names the step and the document
    await page.goto(`${base}/lacak?d=3216&nomor=${encodeURIComponent(caseNumber)}`);
    await page.locator('input[name="code"]').fill(trackingCode);
    const request = page.getByTestId("tracking-request");
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await request.isVisible())) {
      await page.getByRole("button", { name: "Lacak", exact: true }).click();
      await page.getByTestId("tracking-result").waitFor();
      await page.waitForTimeout(300);
    }
    expect(await request.textContent()).toContain("Diminta dari Anda: Lengkapi Kartu Keluarga");
    expect(await page.locator(".alert").first().textContent()).toContain("berhenti");
    await request.locator('input[name="document:kk"]').setInputFiles({
      name: "kk.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-track-request-390");
    await request.getByRole("button", { name: "Unggah dokumen" }).click();

    // then the wait is over: the request is gone and the case is at the office's next step
    await request.waitFor({ state: "detached" });
    let stage = (await page.getByTestId("tracking-stage").textContent()) ?? "";
    const until = Date.now() + 20_000;
    while (Date.now() < until && stage !== "Verifikasi berkas lengkap") {
      await page.getByRole("button", { name: "Lacak", exact: true }).click();
      await page.waitForTimeout(300);
      stage = (await page.getByTestId("tracking-stage").textContent()) ?? "";
    }
    expect(stage).toBe("Verifikasi berkas lengkap");
    expect(await page.getByTestId("tracking-pauses").textContent()).not.toContain("masih berlangsung");
    await screenshot(page, "public-track-request-done-390");
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * One applicant's whole journey, as issue 16 ("The public face") states it, on a 390-px phone and
 * without an account: finds the service on the district's public page, applies with a document,
 * receives the receipt by email (a real SMTP server), is asked for a missing document (by email
 * too), uploads it from the tracking page the email links to, which ends the clock stop, gets the
 * issued letter, and fills in the satisfaction survey the completion email offers. The office's
 * two verifications go through the staff API, as the front office's inbox would send them.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../setup/accessibility";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { waitForMail } from "../setup/mail";
import { apiCall, apiToken } from "../setup/session";
import { samplePdf, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_perjalanan");
const SERVICE = `Surat Keterangan Terdaftar Daring ${processId.slice(-6)}`;
const EMAIL = `dewi.${processId.slice(-6)}@contoh.test`;

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");
}

/**
 * start (form: reason) → "Verifikasi berkas" (front office: complete? what is missing) → complete:
 * "Terbitkan surat keterangan" (a generated letter) → end; incomplete: "Lengkapi Kartu Keluarga"
 * (the applicant, clock stopped) → back to the verification.
 */
function serviceXml(): string {
  const start = JSON.stringify({
    id: "permohonan",
    type: "default",
    components: [{ type: "textarea", key: "alasan", label: "Alasan permohonan", validate: { required: true } }],
  });
  const check = JSON.stringify({
    id: "verifikasi",
    type: "default",
    components: [
      { type: "checkbox", key: "docsComplete", label: "Berkas lengkap" },
      { type: "textarea", key: "kekuranganDokumen", label: "Kekurangan berkas" },
    ],
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0"
  id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn">
  <bpmn:process id="${processId}" name="${SERVICE}" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="E2E-PJL" name="${SERVICE}" office="Dinas Sosial Kabupaten Bekasi">
        <alur:legalBasis kind="UU" number="25" year="2009" title="Pelayanan Publik" />
        <alur:requirement id="ktp" name="Fotokopi KTP" mandatory="true" providedBy="applicant" fileTypes="pdf" />
        <alur:requirement id="kk" name="Fotokopi Kartu Keluarga" mandatory="false" providedBy="applicant" fileTypes="pdf" />
        <alur:completionTime value="5" unit="workingDays">5 hari kerja</alur:completionTime>
        <alur:fee amount="0" currency="IDR">Gratis</alur:fee>
        <alur:product name="Surat keterangan terdaftar" />
      </alur:serviceStandard>
      <zeebe:userTaskForm id="permohonan">${escapeXml(start)}</zeebe:userTaskForm>
      <zeebe:userTaskForm id="verifikasi">${escapeXml(check)}</zeebe:userTaskForm>
    </bpmn:extensionElements>
    <bpmn:startEvent id="mulai" name="Permohonan diterima">
      <bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:permohonan" /></bpmn:extensionElements>
      <bpmn:outgoing>f1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="verifikasiBerkas" name="Verifikasi berkas">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="front-office" />
        <zeebe:formDefinition formKey="camunda-forms:bpmn:verifikasi" />
        <alur:task slaValue="1" slaUnit="workingDays" documents="ktp,kk" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:incoming>f5</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="lengkap" name="Berkas lengkap?" default="f4">
      <bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:outgoing>f4</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:userTask id="lengkapiKk" name="Lengkapi Kartu Keluarga">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="applicant" />
        <alur:task pausesClock="true" documents="kk" />
      </bpmn:extensionElements>
      <bpmn:incoming>f4</bpmn:incoming>
      <bpmn:outgoing>f5</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:serviceTask id="terbitkanSurat" name="Terbitkan surat keterangan">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="document" />
        <zeebe:taskHeaders>
          <zeebe:header key="title" value="SURAT KETERANGAN TERDAFTAR" />
          <zeebe:header key="body" value="Diberikan kepada {{applicant.name}}." />
          <zeebe:header key="fileName" value="surat-keterangan.pdf" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f3</bpmn:incoming>
      <bpmn:outgoing>f6</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="selesai" name="Surat diterbitkan"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="verifikasiBerkas" />
    <bpmn:sequenceFlow id="f2" sourceRef="verifikasiBerkas" targetRef="lengkap" />
    <bpmn:sequenceFlow id="f3" name="Lengkap" sourceRef="lengkap" targetRef="terbitkanSurat">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=docsComplete = true</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" name="Belum lengkap" sourceRef="lengkap" targetRef="lengkapiKk" />
    <bpmn:sequenceFlow id="f5" sourceRef="lengkapiKk" targetRef="verifikasiBerkas" />
    <bpmn:sequenceFlow id="f6" sourceRef="terbitkanSurat" targetRef="selesai" />
  </bpmn:process>
</bpmn:definitions>`;
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", { bpmnXml: serviceXml(), district: "3216", publish: true });
});
afterAll(async () => {
  await browser?.close();
});

/** The front office completes the case's open verification step with `data`, as its inbox would. */
async function verify(caseId: string, data: Record<string, unknown>): Promise<void> {
  const front = await apiToken("bks.front-office");
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await apiCall<{ items: { id: string; caseId: string; revision: number; elementId?: string }[] }>(
      front,
      "GET",
      `/tasks?scope=unassigned&service=${processId}&limit=200`,
    );
    const task = page.items.find((t) => t.caseId === caseId);
    if (task) {
      const claimed = await apiCall<{ revision: number }>(front, "POST", `/tasks/${task.id}/claim`, {
        revision: task.revision,
      });
      await apiCall(front, "POST", `/tasks/${task.id}/complete`, { revision: claimed.revision, data });
      return;
    }
    if (Date.now() > deadline) throw new Error(`no verification task for case ${caseId}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Presses "Lacak" until `ready` holds for the page (the workflow moves in the background). */
async function trackUntil(page: Page, ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.getByRole("button", { name: "Lacak", exact: true }).click();
    await page.getByTestId("tracking-result").waitFor();
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`tracking page never showed ${what}`);
    await page.waitForTimeout(400);
  }
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").trim();

describe("an applicant's whole journey", () => {
  it("applies on a phone, is told by email, completes a missing document, gets the letter and answers the survey", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const base = inject("baseUrl");
    const origins = new Set<string>();
    page.on("request", (r) => {
      if (!r.url().startsWith("data:") && !r.url().startsWith("blob:")) origins.add(new URL(r.url()).origin);
    });

    // given the district's public page, the applicant finds the service and applies online
    await page.goto(`${base}/publik/3216`);
    await page.getByTestId("public-services").locator(`[data-process="${processId}"]`).getByRole("link").click();
    await page.waitForURL(`${base}/publik/3216/${processId}`);
    await page.getByRole("link", { name: "Ajukan permohonan" }).click();
    await page.getByLabel("Alasan permohonan").waitFor();
    await page.getByLabel("Nama lengkap").fill("Dewi Lestari");
    await page.getByLabel("Alasan permohonan").fill("Syarat pendaftaran bantuan sosial");
    await page
      .locator('input[name="document:ktp"]')
      .setInputFiles({ name: "ktp.pdf", mimeType: "application/pdf", buffer: samplePdf("KTP") });
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByRole("button", { name: "Kirim permohonan" }).click();

    // then the receipt gives the case number and the tracking code
    await page.getByTestId("receipt").waitFor();
    const caseNumber = await text(page, "receipt-case-number");
    const code = await text(page, "receipt-code");
    expect(caseNumber).toMatch(/^E2EPJL\//);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // and the receipt arrives by email, with the tracking link but never the code
    const receiptMail = await waitForMail(EMAIL, new RegExp(`Tanda terima permohonan ${caseNumber}`));
    expect(receiptMail.text).toContain("Dewi Lestari");
    expect(receiptMail.text).toContain("Dokumen diterima: 1.");
    expect(receiptMail.text).not.toContain(code);
    const trackLink = receiptMail.text.match(/https?:\/\/\S+\/lacak\?\S+/)?.[0];
    expect(trackLink).toBeDefined();

    // when the front office finds the family card missing
    const caseId = await caseIdOf(caseNumber);
    await verify(caseId, { docsComplete: false, kekuranganDokumen: "Kartu Keluarga belum dilampirkan" });

    // then the applicant is asked for it by email
    const requestMail = await waitForMail(EMAIL, new RegExp(`Permohonan ${caseNumber}: Lengkapi Kartu Keluarga`));
    expect(requestMail.text).toContain("Waktu layanan berhenti");

    // when they follow the email's link, type the code, and upload the family card there
    await page.goto(trackLink!);
    expect(await page.locator('input[name="caseNumber"]').inputValue()).toBe(caseNumber);
    await page.locator('input[name="code"]').fill(code);
    const request = page.getByTestId("tracking-request");
    await trackUntil(page, () => request.isVisible(), "the request for the family card");
    expect(await request.textContent()).toContain("Lengkapi Kartu Keluarga");
    expect(await page.locator(".alert").first().textContent()).toContain("berhenti");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "applicant-journey-request-390");
    await request
      .locator('input[name="document:kk"]')
      .setInputFiles({ name: "kk.pdf", mimeType: "application/pdf", buffer: samplePdf("KK") });
    await request.getByRole("button", { name: "Unggah dokumen" }).click();
    await request.waitFor({ state: "detached" });

    // then the clock runs again and the case is back at the verification
    await trackUntil(
      page,
      async () => (await text(page, "tracking-stage")) === "Verifikasi berkas",
      "the verification",
    );
    expect(await text(page, "tracking-pauses")).not.toContain("masih berlangsung");

    // when the front office finds everything complete, the letter is issued and the case ends
    await verify(caseId, { docsComplete: true, kekuranganDokumen: "" });
    const doneMail = await waitForMail(EMAIL, new RegExp(`Permohonan ${caseNumber} selesai`));
    expect(doneMail.text).toContain("Survei Kepuasan Masyarakat");

    // then the tracking page says so and the letter downloads as a PDF
    await trackUntil(page, async () => (await text(page, "tracking-status")) === "Selesai", "the completed case");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("tracking-product").click()]);
    expect(download.suggestedFilename()).toBe("surat-keterangan.pdf");
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "applicant-journey-completed-390");

    // when they follow the survey offer and answer the nine questions
    await page.getByRole("link", { name: "isi Survei Kepuasan Masyarakat" }).click();
    await page.waitForURL(/\/survei/);
    for (const element of SURVEY_ELEMENTS) {
      await page.getByTestId(`survey-${element}`).locator('input[value="4"]').check();
    }
    await page.getByRole("button", { name: "Kirim survei" }).click();

    // then they are thanked, and nothing on the way came from another origin or logged an error
    await page.getByTestId("survey-thanks").waitFor();
    expect([...origins]).toEqual([base]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

const SURVEY_ELEMENTS = [
  "requirements",
  "procedure",
  "completionTime",
  "fee",
  "products",
  "competence",
  "behaviour",
  "complaintHandling",
  "facilities",
];

/** The case's id, as the office's case list finds it by its number. */
async function caseIdOf(caseNumber: string): Promise<string> {
  const front = await apiToken("bks.front-office");
  const list = await apiCall<{ items: { id: string; caseNumber: string }[] }>(
    front,
    "GET",
    `/cases?caseNumber=${encodeURIComponent(caseNumber)}`,
  );
  const found = list.items.find((c) => c.caseNumber === caseNumber);
  if (!found) throw new Error(`case ${caseNumber} not in the front office's list`);
  return found.id;
}

/**
 * A district that asks online applicants for a verification code (Sumedang in the e2e server's
 * PUBLIC_VERIFY_DISTRICTS): on a 390-px phone the applicant cannot send the application without
 * the code, asks for it, reads it from the email the real SMTP server received, types it, and gets
 * the receipt. No serious axe-core violation on the form.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "../setup/accessibility";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { waitForMail } from "../setup/mail";
import { apiCall, apiToken } from "../setup/session";
import { samplePdf, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_kode");
const SERVICE = `Rekomendasi Berkode ${processId.slice(-6)}`;
const EMAIL = `sari.${processId.slice(-6)}@contoh.test`;

function serviceXml(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0"
  id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn">
  <bpmn:process id="${processId}" name="${SERVICE}" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="E2E-KODE" name="${SERVICE}" office="Dinas Sosial Kabupaten Sumedang">
        <alur:legalBasis kind="UU" number="25" year="2009" title="Pelayanan Publik" />
        <alur:requirement id="ktp" name="Fotokopi KTP" mandatory="true" providedBy="applicant" fileTypes="pdf" />
        <alur:completionTime value="3" unit="workingDays">3 hari kerja</alur:completionTime>
      </alur:serviceStandard>
    </bpmn:extensionElements>
    <bpmn:startEvent id="mulai" name="Permohonan diterima"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="verifikasi" name="Verifikasi berkas">
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

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiToken("smd.admin");
  await apiCall(admin, "POST", "/processes", { bpmnXml: serviceXml(), district: "3211", publish: true });
});
afterAll(async () => {
  await browser?.close();
});

describe("online application with a verification code", () => {
  it("asks for the code sent by email before it takes the application", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const base = inject("baseUrl");

    // given the application form of a service in a district that asks for a code
    await page.goto(`${base}/publik/3211/${processId}/ajukan`);
    await page.getByTestId("verification").waitFor();
    await page.getByLabel("Nama lengkap").fill("Sari Wulandari");
    await page
      .locator('input[name="document:ktp"]')
      .setInputFiles({ name: "ktp.pdf", mimeType: "application/pdf", buffer: samplePdf("KTP") });
    await page.getByLabel("Email").fill(EMAIL);

    // when they ask for the code
    await page.getByRole("button", { name: "Kirim kode verifikasi" }).click();
    // then the page says where it went, masked
    await page.getByTestId("verification-sent").waitFor();
    expect(await page.getByTestId("verification-sent").textContent()).toContain("s***@contoh.test");

    // and the email brings it
    const mail = await waitForMail(EMAIL, /^Kode verifikasi permohonan daring: \d{6}$/);
    const code = mail.subject.match(/(\d{6})$/)?.[1] ?? "";
    expect(mail.text).toContain("Jangan berikan kode ini kepada siapa pun");

    // when they type a wrong code first, the office refuses it in plain words
    await page.getByLabel("Kode verifikasi (6 angka)").fill(code === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Kirim permohonan" }).click();
    await page.getByText("Kode verifikasi salah atau sudah kedaluwarsa.").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "verification-code-refused-390");

    // and then the right one: the receipt
    await page.getByLabel("Kode verifikasi (6 angka)").fill(code);
    await page.getByRole("button", { name: "Kirim permohonan" }).click();
    await page.getByTestId("receipt").waitFor();
    expect(await page.getByTestId("receipt-case-number").textContent()).toMatch(/^E2EKODE\//);
    // the refused attempt's 400 is the only console error: the page showed it as a message
    expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
    await context.close();
  });
});

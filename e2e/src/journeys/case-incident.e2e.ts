/**
 * An incident on the case page (issue #6, with the interpreter's incidents): a case's external
 * service is down, its http step runs out of retries and the case stops. Staff see what stopped
 * where on the case page, in Bahasa Indonesia; the district admin, once the service is back,
 * retries it from the page and the case completes.
 */
import { type OutsideSystem, startOutsideSystem } from "@alur/runtime/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CasePage } from "../pages/case-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_insiden");
let browser: Browser;
let dtks: OutsideSystem;

/** The one-step service whose step is an http call to the local "DTKS" instead of a person. */
function httpServiceXml(url: string): string {
  const step = /<bpmn:userTask id="verifikasi"[\s\S]*?<\/bpmn:userTask>/;
  return oneStepServiceXml(processId, "Uji insiden").replace(
    step,
    `<bpmn:serviceTask id="verifikasi" name="Cek data DTKS">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="http" retries="1" />
        <zeebe:taskHeaders>
          <zeebe:header key="url" value="${url}" />
          <zeebe:header key="timeoutMs" value="5000" />
          <zeebe:header key="resultVariable" value="dtks" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>`,
  );
}

beforeAll(async () => {
  dtks = await startOutsideSystem({ ok: { terdaftar: true }, failing: { error: "sedang gangguan" } });
  const url = dtks.url("/dtks");
  const admin = await apiToken("bks.admin");
  await apiCall(admin, "POST", "/processes", { bpmnXml: httpServiceXml(url), district: "3216", publish: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await dtks?.close();
});

async function signedIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signInThroughUi(page, username);
  return { page, errors };
}

describe("an incident on the case page", () => {
  it("front office sees what stopped; the admin retries it once the service is back and the case completes", async () => {
    // given a case whose external service is down
    const { id: caseId } = await startCaseWithDocuments(processId, "Agus Salim");

    // when its http step runs out of retries, front office sees the incident on the case page
    const front = await signedIn("bks.front-office");
    const frontCase = new CasePage(front.page, inject("baseUrl"));
    await frontCase.open(caseId);
    await frontCase.waitForStatus("Bermasalah");
    const panel = front.page.getByTestId("case-incidents");
    await panel.waitFor();
    expect(await panel.textContent()).toContain("Layanan eksternal gagal dihubungi");
    expect(await panel.textContent()).toContain("Cek data DTKS");
    // a non-admin is told who can fix it and gets no retry button
    expect(await panel.getByRole("button", { name: "Coba lagi" }).count()).toBe(0);
    await screenshot(front.page, "case-incident-01-front-office");

    // and when the service is back and the admin retries from the page
    dtks.status = 200;
    const admin = await signedIn("bks.admin");
    const adminCase = new CasePage(admin.page, inject("baseUrl"));
    await adminCase.open(caseId);
    await admin.page.getByTestId("case-incidents").waitFor();
    await screenshot(admin.page, "case-incident-02-admin");
    await admin.page.getByTestId("case-incidents").getByRole("button", { name: "Coba lagi" }).click();

    // then the incident is gone and the case completes, on both pages without reloading
    await adminCase.waitForStatus("Selesai");
    expect(await admin.page.getByTestId("case-incidents").count()).toBe(0);
    await frontCase.waitForStatus("Selesai");
    await screenshot(admin.page, "case-incident-03-completed");
    expect(front.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });
});

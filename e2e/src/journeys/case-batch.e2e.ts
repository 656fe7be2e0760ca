/**
 * A district admin cancels the cases of a filter from the case list (issue 15, item 4): "Tindakan
 * massal" on the current filter, the dialog counts the cases it takes and asks why, then the batch's
 * progress page runs to done, on a phone. The cases are cancelled, each with the reason on its
 * timeline; a case of another service outside the filter is untouched.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CaseListPage } from "../pages/case-list-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, startCaseWithDocuments, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_massal");
const otherId = uniqueProcessId("e2e_massal_lain");
let browser: Browser;

beforeAll(async () => {
  const admin = await apiToken("bks.admin");
  for (const [id, name] of [
    [processId, "Uji tindakan massal"],
    [otherId, "Uji di luar filter"],
  ] as const) {
    await apiCall(admin, "POST", "/processes", {
      bpmnXml: oneStepServiceXml(id, name),
      district: "3216",
      publish: true,
    });
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a batch cancel from the case list", () => {
  it("the admin cancels the running cases of a filter with a reason and watches the batch to done", async () => {
    // given three running cases of the service and one of another
    const cases = [
      await startCaseWithDocuments(processId, "Ahmad Fauzi"),
      await startCaseWithDocuments(processId, "Siti Rahma"),
      await startCaseWithDocuments(processId, "Bambang Sutrisno"),
    ];
    const outside = await startCaseWithDocuments(otherId, "Yuni Kartika");

    // when the admin, on a phone, opens the case list filtered to the service's running cases
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const list = new CaseListPage(page, inject("baseUrl"));
    await page.goto(`${inject("baseUrl")}/permohonan?service=${processId}&status=active`);
    await page.getByRole("heading", { level: 1, name: "Daftar Permohonan" }).waitFor();
    for (const c of cases) await list.row(c.caseNumber).waitFor();

    // and takes "Tindakan massal" on that filter
    await page.getByRole("button", { name: "Tindakan massal" }).click();
    const dialog = page.getByTestId("batch-dialog");
    await dialog.waitFor();
    await dialog.getByTestId("batch-preview").getByText("3 permohonan akan diproses.").waitFor();
    const confirm = dialog.getByRole("button", { name: "Jalankan untuk 3 permohonan" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Alasan (dicatat di riwayat dan log audit)").fill("Layanan ditutup sementara oleh Perbup");
    await screenshot(page, "case-batch-01-dialog");
    await confirm.click();

    // then the progress page runs to done: three of three cancelled
    await page.getByRole("heading", { level: 1, name: "Tindakan massal" }).waitFor();
    await page.getByTestId("batch-status").getByText("Selesai").waitFor({ timeout: 90_000 });
    await page.getByTestId("batch-done-count").getByText("3 dari 3 permohonan diproses").waitFor();
    const rows = page.getByTestId("batch-items").locator("tbody tr");
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    for (const c of cases) expect(await page.getByTestId("batch-items").textContent()).toContain(c.caseNumber);
    // every row reads its outcome as the batch ended, not as it was when first shown
    await page.getByTestId("batch-items").locator(".badge-ok", { hasText: "Berhasil" }).nth(2).waitFor();
    // readable at 390 px: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "case-batch-02-done");

    // and each case is cancelled with the reason on its timeline; the case outside the filter runs on
    const token = await apiToken("bks.admin");
    for (const c of cases) {
      const deadline = Date.now() + 60_000;
      let status = "";
      while (status !== "cancelled" && Date.now() < deadline) {
        status = (await apiCall<{ status: string }>(token, "GET", `/cases/${c.id}`)).status;
        if (status !== "cancelled") await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe("cancelled");
      const timeline = await apiCall<{ items: { type: string; data: Record<string, unknown> }[] }>(
        token,
        "GET",
        `/cases/${c.id}/timeline`,
      );
      expect(timeline.items.find((e) => e.type === "case.cancel-requested")?.data.reason).toBe(
        "Layanan ditutup sementara oleh Perbup",
      );
    }
    expect((await apiCall<{ status: string }>(token, "GET", `/cases/${outside.id}`)).status).toBe("active");
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * Safe editing and a history that says what changed (issue 17, items 5 and 6). Bekasi's admin
 * opens a published service, changes one step's SLA (10 → 7 working days) and its role: the
 * toolbar marks the edits unsaved, leaving for another page asks first (and staying keeps them),
 * closing the tab would ask too. Published as v2 under a Perbup, the banner goes at the next edit
 * and the draft saves itself. The history names each version's author and legal basis, and
 * comparing v2 with v1 reads "SLA 10 → 7 hari kerja" and the role change by role names.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DesignerPage } from "../pages/designer-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, uniqueProcessId } from "./service-fixture";

interface VersionItem {
  id: string;
  version: number;
  status: string;
  createdByName: string | null;
}

const PERBUP = {
  effectiveFrom: "2026-12-07",
  kind: "Perbup",
  number: "12",
  year: "2025",
  title: "Standar Pelayanan Rekomendasi",
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("editing a published service and reading its history", () => {
  it("guards unsaved edits, publishes v2 and shows the SLA and role change in words with author and legal basis", async () => {
    // given a published service whose verification step has a 10-day SLA for the front office
    const token = await apiToken("bks.admin");
    const { user: me } = await apiCall<{ user: { displayName: string } }>(token, "GET", "/auth/me");
    const processId = uniqueProcessId("e2e_riwayat");
    const xml = oneStepServiceXml(processId, "Rekomendasi Uji Riwayat").replace(
      '<alur:task slaValue="1" slaUnit="workingDays" />',
      '<alur:task slaValue="10" slaUnit="workingDays" />',
    );
    const v1 = await apiCall<{ version: VersionItem }>(token, "POST", "/processes", {
      bpmnXml: xml,
      district: "3216",
      publish: true,
    });
    expect(v1.version.version).toBe(1);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const designer = new DesignerPage(page, inject("baseUrl"));
    await designer.openVersion(v1.version.id, "verifikasi");
    const saveState = page.getByTestId("save-state");
    await expect.poll(() => saveState.getAttribute("data-dirty")).toBe("false");

    // when the admin changes the SLA and the role
    await designer.selectShape("verifikasi");
    await designer.setPanelField("alur-task", "alur-sla-value", "7");
    await designer.setPanelField("alur-task", "alur-roles", "pekerja-sosial");
    // then the toolbar marks the edits as unsaved
    await expect.poll(() => saveState.getAttribute("data-dirty")).toBe("true");
    expect(await saveState.textContent()).toContain("Perubahan belum disimpan");
    // closing or reloading the tab would ask (the page cancels beforeunload)
    const unloadCancelled = await page.evaluate(() => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(unloadCancelled).toBe(true);
    // and leaving for another page asks first; staying keeps the edits
    await page.getByRole("navigation").getByRole("link", { name: "Katalog" }).click();
    const leave = page.getByTestId("leave-dialog");
    await leave.waitFor();
    expect(await leave.textContent()).toContain("belum disimpan");
    await screenshot(page, "history-1-leave-guard");
    await leave.getByRole("button", { name: "Tetap di sini" }).click();
    await leave.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe(`/desainer/${v1.version.id}`);
    await designer.selectShape("verifikasi");
    expect(await designer.panelField("alur-task", "alur-sla-value").inputValue()).toBe("7");

    // when it is published under a Perbup
    await designer.publish(PERBUP);
    await page.getByRole("status").filter({ hasText: "Versi 2 diterbitkan." }).waitFor();
    await expect.poll(() => saveState.getAttribute("data-dirty")).toBe("false");
    await screenshot(page, "history-2-published");

    // then the next edit clears the banner, and the draft saves itself a moment later
    await designer.setPanelField("general", "name", "Verifikasi berkas permohonan");
    await page.getByTestId("save-banner").waitFor({ state: "detached" });
    await expect.poll(() => saveState.getAttribute("data-dirty")).toBe("true");
    await page.getByRole("status").filter({ hasText: "Draf versi 3 tersimpan otomatis." }).waitFor({ timeout: 30_000 });
    await expect.poll(() => saveState.getAttribute("data-dirty")).toBe("false");

    // and, nothing left unsaved, the history opens without a question
    await page.getByRole("link", { name: "Riwayat versi" }).click();
    await page.getByTestId("history-row").first().waitFor();
    expect(await page.getByTestId("leave-dialog").isVisible()).toBe(false);
    const row = (version: number) => page.locator(`[data-testid="history-row"][data-version="${version}"]`);
    expect(await row(2).getByTestId("author").textContent()).toBe(me.displayName);
    expect(await row(1).getByTestId("author").textContent()).toBe(me.displayName);
    expect(await row(2).getByTestId("legal-basis").textContent()).toContain(
      "Perbup No. 12 Tahun 2025 tentang Standar Pelayanan Rekomendasi",
    );
    expect(await row(1).getByTestId("legal-basis").textContent()).toContain(
      "UU No. 11 Tahun 2009 tentang Kesejahteraan Sosial",
    );
    // comparing v2 with v1 says what changed, with role names from the directory
    await row(2).getByRole("button", { name: "Bandingkan dengan v1" }).click();
    const change = page.locator('[data-testid="change"][data-element-id="verifikasi"]');
    await change.waitFor();
    const text = (await change.textContent()) ?? "";
    expect(text).toContain('Langkah "Verifikasi berkas" [verifikasi]');
    expect(text).toContain("SLA 10 → 7 hari kerja");
    expect(text).toContain("peran: Petugas Front Office → Pekerja Sosial");
    await page.locator(".diff-grid .djs-container").first().waitFor();
    await screenshot(page, "history-3-diff");
    // in English too, role names from the directory's English names
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => change.textContent()).toContain("SLA 10 → 7 working days");
    expect(await change.textContent()).toContain('Step "Verifikasi berkas" [verifikasi]');
    expect(await change.textContent()).toContain("role: Front office → Social worker");
    expect(await row(2).getByTestId("legal-basis").textContent()).toContain(
      "Perbup No. 12 of 2025 on Standar Pelayanan Rekomendasi",
    );
    await page.getByRole("button", { name: "ID", exact: true }).click();

    const versions = await apiCall<{ items: VersionItem[] }>(token, "GET", `/processes?processId=${processId}`);
    expect(versions.items.map((v) => [v.version, v.status])).toEqual([
      [3, "draft"],
      [2, "published"],
      [1, "published"],
    ]);
    expect(errors).toEqual([]);
  });

  it("starts a new service at v1, renames it when its process id changes and keeps its draft out of staff filters", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const token = await apiToken("bks.admin");
    const designer = new DesignerPage(page, inject("baseUrl"));
    const first = uniqueProcessId("e2e_nama_awal");
    const renamed = uniqueProcessId("e2e_nama_baru");
    const name = `Layanan Uji Ganti Kode ${first.slice(-6)}`;

    // given a new service imported and saved as a draft
    await designer.openNew();
    await designer.importBpmn(`${first}.bpmn`, oneStepServiceXml(first, name), "verifikasi");
    await designer.saveDraft();
    await page.getByRole("status").filter({ hasText: "Draf versi 1 tersimpan." }).waitFor();

    // when the admin changes the process id and saves again
    await designer.selectCanvasRoot();
    await designer.setPanelField("general", "id", renamed);
    await page.getByTestId("save-banner").waitFor({ state: "detached" });
    await designer.saveDraft();
    await page.getByRole("status").filter({ hasText: "Draf versi 1 tersimpan." }).waitFor();

    // then the service exists under its new id only, still v1: no orphan draft in the catalogue
    const versions = async (processId: string) =>
      (await apiCall<{ items: VersionItem[] }>(token, "GET", `/processes?processId=${processId}`)).items.map((v) => [
        v.version,
        v.status,
      ]);
    expect(await versions(first)).toEqual([]);
    expect(await versions(renamed)).toEqual([[1, "draft"]]);
    expect(await page.getByText(`${renamed} · v1`).count()).toBe(1);

    // and staff filters do not offer the draft
    const serviceSelect = page.locator("select").filter({ has: page.locator("option", { hasText: "Semua layanan" }) });
    const serviceFilter = () => serviceSelect.locator("option");
    await page.getByRole("navigation").getByRole("link", { name: "Tugas" }).click();
    await serviceSelect.waitFor();
    expect(await serviceFilter().allTextContents()).not.toContain(name);
    await screenshot(page, "history-4-filter-without-draft");

    // until it is published, as v1
    const draft = (await apiCall<{ items: VersionItem[] }>(token, "GET", `/processes?processId=${renamed}`)).items[0]!;
    await designer.openVersion(draft.id, "verifikasi");
    await designer.publish(PERBUP);
    await page.getByRole("status").filter({ hasText: "Versi 1 diterbitkan." }).waitFor();
    expect(await versions(renamed)).toEqual([[1, "published"]]);
    await page.getByRole("navigation").getByRole("link", { name: "Tugas" }).click();
    await expect.poll(async () => serviceFilter().allTextContents()).toContain(name);
    expect(errors).toEqual([]);
  });
});

/**
 * The service standard as forms: an admin opens a three-step model, adds a dated Perbup to the
 * legal basis, a requirement accepting PDF only, shortens the completion time below the steps'
 * SLAs and is warned with the steps named (in the editor as they type, then in the problems
 * list), fixes it, publishes through the real API, and the public standard page shows the edits.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DesignerPage } from "../pages/designer-page";
import { ARTIFACTS, launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { uniqueProcessId } from "./service-fixture";

/** start → Terima berkas (1 wd) → Verifikasi lapangan (2 wd) → Tanda tangan (3 wd) → end; 7 working days declared. */
function threeStepXml(processId: string): string {
  const task = (id: string, name: string, role: string, sla: number, incoming: string, outgoing: string) =>
    `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${role}" /><alur:task slaValue="${sla}" slaUnit="workingDays" /></bpmn:extensionElements><bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing></bpmn:userTask>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:alur="https://alur.id/schema/bpmn/1.0" id="Definitions_${processId}" targetNamespace="https://alur.id/bpmn">
  <bpmn:process id="${processId}" name="Rekomendasi bantuan sosial" isExecutable="true">
    <bpmn:extensionElements>
      <alur:serviceStandard code="E2E-STD" name="Rekomendasi bantuan sosial" office="Dinas Sosial Kabupaten Bekasi">
        <alur:legalBasis kind="UU" number="11" year="2009" title="Kesejahteraan Sosial" />
        <alur:requirement id="syarat01" name="Fotokopi E-KTP" mandatory="true" providedBy="applicant" />
        <alur:completionTime value="7" unit="workingDays">7 hari kerja</alur:completionTime>
        <alur:fee amount="0" currency="IDR">Tanpa biaya</alur:fee>
        <alur:product name="Surat rekomendasi" />
        <alur:complaints responseValue="3" responseUnit="workingDays" text="Pengaduan melalui SP4N-LAPOR!" />
        <alur:component key="facilities">Ruang pelayanan.</alur:component>
        <alur:component key="competence">Minimal SMA/SMK.</alur:component>
        <alur:component key="supervision">Atasan langsung.</alur:component>
        <alur:component key="staffCount">3 orang</alur:component>
        <alur:component key="serviceGuarantee">Pelayanan sesuai standar.</alur:component>
        <alur:component key="safetyGuarantee">Data pemohon dijaga.</alur:component>
        <alur:component key="evaluation">Survei kepuasan masyarakat.</alur:component>
      </alur:serviceStandard>
    </bpmn:extensionElements>
    <bpmn:startEvent id="mulai" name="Mulai"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${task("terima", "Terima berkas", "front-office", 1, "f1", "f2")}
    ${task("verifikasi", "Verifikasi lapangan", "pekerja-sosial", 2, "f2", "f3")}
    ${task("tandaTangan", "Tanda tangan", "kepala-bidang", 3, "f3", "f4")}
    <bpmn:endEvent id="selesai" name="Selesai"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="terima" />
    <bpmn:sequenceFlow id="f2" sourceRef="terima" targetRef="verifikasi" />
    <bpmn:sequenceFlow id="f3" sourceRef="verifikasi" targetRef="tandaTangan" />
    <bpmn:sequenceFlow id="f4" sourceRef="tandaTangan" targetRef="selesai" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${processId}">
    <bpmndi:BPMNShape id="mulai_di" bpmnElement="mulai"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="terima_di" bpmnElement="terima"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="verifikasi_di" bpmnElement="verifikasi"><dc:Bounds x="390" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="tandaTangan_di" bpmnElement="tandaTangan"><dc:Bounds x="540" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="selesai_di" bpmnElement="selesai"><dc:Bounds x="692" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="390" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="490" y="120" /><di:waypoint x="540" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="640" y="120" /><di:waypoint x="692" y="120" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

const PATH_ID = "Terima berkas (1 hari kerja) → Verifikasi lapangan (2 hari kerja) → Tanda tangan (3 hari kerja)";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The standard editor dialog (opened from the toolbar). */
async function openEditor(page: Page, title = "Standar Pelayanan") {
  await page.getByTestId("edit-standard").click();
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.waitFor();
  return dialog;
}

describe("the service standard as forms", () => {
  it("edits legal basis, a requirement and the completion time against the path SLAs, publishes, and the public page shows it", async () => {
    // given a district admin in the designer with a three-step service (SLAs 1 + 2 + 3 working days)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const designer = new DesignerPage(page, inject("baseUrl"));
    await designer.openNew();
    const processId = uniqueProcessId("e2e_standar");
    await designer.importBpmn(`${processId}.bpmn`, threeStepXml(processId), "verifikasi");
    await designer.problemCount().waitFor();

    // when they open the standard editor and add a Perbup, first with a two-digit year
    let dialog = await openEditor(page);
    const legal = dialog.getByTestId("std-legal-bases");
    await expect(legal.getByTestId("std-row").count()).resolves.toBe(1);
    await legal.getByRole("button", { name: "Tambah dasar hukum" }).click();
    const perbup = legal.getByTestId("std-row").nth(1);
    await perbup.getByLabel("Jenis dasar hukum").selectOption("Perbup");
    await perbup.getByLabel("Nomor").fill("12");
    await perbup.getByLabel("Tahun").fill("24");
    // then the year is refused in words, not with the browser's "Please match the requested format."
    await perbup.getByText("Tahun ditulis empat angka, antara 1945 dan 2100.").waitFor();
    expect(await perbup.getByLabel("Tahun").getAttribute("aria-invalid")).toBe("true");
    // when they correct it and pick the enactment day on the date picker
    await perbup.getByLabel("Tahun").fill("2024");
    await perbup.getByLabel("Tentang").fill("Standar Pelayanan Dinas Sosial");
    await perbup.getByLabel("Tanggal ditetapkan (opsional)").fill("2024-03-01");
    await perbup.getByText("1 Maret 2024").waitFor();
    await expect(perbup.getByTestId("field-error").count()).resolves.toBe(0);
    // and move it first
    await perbup.getByRole("button", { name: /^Naikkan Perbup/ }).click();
    await expect(legal.getByTestId("std-row").first().getByLabel("Nomor").inputValue()).resolves.toBe("12");
    await legal.screenshot({ path: path.join(ARTIFACTS, "standard-editor-0-legal-basis.png") });

    // when they add a requirement the village provides, PDF only, at most 2 MB
    const requirements = dialog.getByTestId("std-requirements");
    await requirements.getByRole("button", { name: "Tambah persyaratan" }).click();
    const domicile = requirements.getByTestId("std-row").nth(1);
    await domicile.getByLabel("Nama dokumen").fill("Surat keterangan domisili");
    await expect(domicile.getByLabel("Kode").inputValue()).resolves.toBe("syarat02");
    await domicile.getByLabel("Disediakan oleh").selectOption({ label: "Desa/kelurahan" });
    for (const type of ["JPG", "JPEG", "PNG"]) await domicile.getByLabel(type, { exact: true }).uncheck();
    await domicile.getByLabel("Ukuran berkas paling besar (MB)").fill("2");
    // unchecking every type is refused
    await domicile.getByLabel("PDF", { exact: true }).uncheck();
    await domicile.getByText("Pilih paling sedikit satu jenis berkas.").waitFor();
    await domicile.getByLabel("PDF", { exact: true }).check();
    await domicile.screenshot({ path: path.join(ARTIFACTS, "standard-editor-0-requirement.png") });

    // when they shorten the completion time to 5 working days
    const completion = dialog.getByTestId("std-completion");
    await completion.getByTestId("sla-ok").waitFor();
    await completion.getByLabel("Jangka waktu", { exact: true }).fill("5");
    // then, as they type, the editor warns with the path's steps and their SLAs
    const warning = completion.getByTestId("sla-warning");
    await warning.waitFor();
    expect(await warning.textContent()).toContain(
      `Waktu penyelesaian yang dinyatakan (5 hari kerja) lebih pendek dari jumlah SLA pada jalur terpanjang (6 hari kerja: ${PATH_ID}).`,
    );
    // and the decree wording that still says 7 is flagged, and rewritten from the fields on request
    await completion.getByTestId("completion-wording-stale").waitFor();
    await completion.getByRole("button", { name: "Tulis ulang dari isian" }).click();
    await expect(completion.getByLabel(/Bunyi di keputusan/).inputValue()).resolves.toBe("5 hari kerja");
    await screenshot(page, "standard-editor-1-sla-warning");

    // when they apply it anyway, the problems list carries the same warning
    await dialog.getByRole("button", { name: "Terapkan ke model" }).click();
    await dialog.waitFor({ state: "hidden" });
    const slaProblem = page.locator('[data-testid="problem"]').filter({ hasText: "jalur terpanjang" });
    await slaProblem.waitFor();
    expect(await slaProblem.textContent()).toContain(PATH_ID);
    await screenshot(page, "standard-editor-2-problems");

    // in English, the editor says the same: the warning with the path, the year refused in words
    await page.getByRole("button", { name: "EN", exact: true }).click();
    dialog = await openEditor(page, "Service standard");
    expect(await dialog.getByTestId("sla-warning").textContent()).toContain(
      "The declared completion time (5 working days) is shorter than the SLA sum of the longest path (6 working days: Terima berkas (1 working days) →",
    );
    await dialog.getByTestId("std-legal-bases").getByTestId("std-row").first().getByLabel("Year").fill("24");
    await dialog.getByText("Write the year as four digits, between 1945 and 2100.").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "ID", exact: true }).click();
    await page.getByTestId("edit-standard").getByText("Standar pelayanan").waitFor();

    // when they reopen the editor, what they applied is there, and they give 6 working days
    dialog = await openEditor(page);
    await expect(dialog.getByTestId("std-legal-bases").getByTestId("std-row").count()).resolves.toBe(2);
    const completionAgain = dialog.getByTestId("std-completion");
    await completionAgain.getByLabel("Jangka waktu", { exact: true }).fill("6");
    await completionAgain.getByTestId("sla-ok").waitFor();
    await completionAgain.getByRole("button", { name: "Tulis ulang dari isian" }).click();
    await dialog.getByRole("button", { name: "Terapkan ke model" }).click();
    await dialog.waitFor({ state: "hidden" });
    // then the warning leaves the problems list
    await expect.poll(() => slaProblem.count(), { timeout: 30_000 }).toBe(0);

    // when they publish under the Perbup just added, typing a short year first
    await designer.requestPublish();
    const publish = page.getByRole("dialog", { name: "Terbitkan versi baru" });
    await publish.waitFor();
    await publish.getByLabel("Jenis dasar hukum").selectOption("Perbup");
    await publish.getByLabel("Nomor").fill("12");
    await publish.getByLabel("Tentang").fill("Standar Pelayanan Dinas Sosial");
    await publish.getByLabel("Tahun").fill("24");
    await publish.getByText("Tahun ditulis empat angka, antara 1945 dan 2100.").waitFor();
    await publish.getByLabel("Tahun").fill("2024");
    await publish.getByRole("button", { name: "Terbitkan" }).click();
    await designer.publishedNotice().waitFor({ timeout: 60_000 });

    // then the published plan has the edited components
    const token = await apiToken("bks.admin");
    const { items } = await apiCall<{ items: { id: string; status: string }[] }>(
      token,
      "GET",
      `/processes?processId=${processId}`,
    );
    const version = items.find((v) => v.status === "published");
    expect(version).toBeDefined();
    const published = await apiCall<{ plan: { standard?: Record<string, unknown> } }>(
      token,
      "GET",
      `/processes/versions/${version?.id}`,
    );
    expect(published.plan.standard).toMatchObject({
      legalBasis: [
        { kind: "Perbup", number: "12", year: 2024, title: "Standar Pelayanan Dinas Sosial", date: "2024-03-01" },
        { kind: "UU", number: "11", year: 2009 },
      ],
      requirements: [
        { id: "syarat01", name: "Fotokopi E-KTP" },
        { id: "syarat02", name: "Surat keterangan domisili", providedBy: "village", fileTypes: ["pdf"], maxSizeMb: 2 },
      ],
      completionTime: { value: 6, unit: "workingDays", text: "6 hari kerja" },
    });

    // and so does the standard's PDF
    const pdf = await fetch(`${inject("baseUrl")}/api/processes/versions/${version?.id}/standard.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdf.status).toBe(200);
    const file = path.join(ARTIFACTS, "standard-editor.pdf");
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const pdfText = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(pdfText).toContain("(ditetapkan 1 Maret 2024)");
    expect(pdfText).toContain("Surat keterangan domisili (berkas PDF; paling besar 2 MB)");

    // and the public standard page shows them, on a desktop and on a 390-px phone
    for (const [width, height, name] of [
      [1280, 900, "standard-editor-3-public"],
      [390, 844, "standard-editor-4-public-390"],
    ] as const) {
      const visitor = await browser.newPage({ viewport: { width, height } });
      const visitorErrors = watchConsole(visitor);
      await visitor.goto(`${inject("baseUrl")}/publik/3216/${processId}`);
      const table = visitor.locator(".standard-table");
      await table.waitFor();
      const text = (await table.textContent()) ?? "";
      expect(text).toContain(
        "Perbup No. 12 Tahun 2024 tentang Standar Pelayanan Dinas Sosial (ditetapkan 1 Maret 2024)",
      );
      expect(text).toContain("Surat keterangan domisili (berkas PDF; paling besar 2 MB)");
      expect(text).toContain("6 hari kerja");
      expect(await visitor.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await screenshot(visitor, name);
      expect(visitorErrors).toEqual([]);
      await visitor.close();
    }

    // and the editor fits a phone too
    await page.setViewportSize({ width: 390, height: 844 });
    dialog = await openEditor(page);
    await screenshot(page, "standard-editor-5-390");
    await page.keyboard.press("Escape");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("is edited in the step view too: checked against the steps' SLAs, its requirement offered to the steps", async () => {
    // given an admin who models in the step view
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await signInThroughUi(page, "bks.admin");
    const designer = new DesignerPage(page, inject("baseUrl"));
    await designer.openNew();
    const processId = uniqueProcessId("e2e_standar_langkah");
    await designer.importBpmn(`${processId}.bpmn`, threeStepXml(processId), "verifikasi");
    await designer.showStepView();

    // when they open the standard from the toolbar and declare 5 working days
    const dialog = await openEditor(page);
    const completion = dialog.getByTestId("std-completion");
    await completion.getByLabel("Jangka waktu", { exact: true }).fill("5");
    // then the steps' path (1 + 2 + 3 working days) is named, as in the BPMN view
    expect(await completion.getByTestId("sla-warning").textContent()).toContain(
      `lebih pendek dari jumlah SLA pada jalur terpanjang (6 hari kerja: ${PATH_ID}).`,
    );
    await completion.getByLabel("Jangka waktu", { exact: true }).fill("6");
    await completion.getByTestId("sla-ok").waitFor();
    await completion.getByRole("button", { name: "Tulis ulang dari isian" }).click();
    // and a requirement they add
    const requirements = dialog.getByTestId("std-requirements");
    await requirements.getByRole("button", { name: "Tambah persyaratan" }).click();
    await requirements.getByTestId("std-row").nth(1).getByLabel("Nama dokumen").fill("Surat keterangan tidak mampu");
    await screenshot(page, "standard-editor-5-step-view");
    await dialog.getByRole("button", { name: "Terapkan ke model" }).click();
    await dialog.waitFor({ state: "hidden" });

    // is offered to a step as a document to check, and goes into the saved draft
    await designer.selectStepCard("Verifikasi lapangan");
    await designer.fillSelectedStep({ name: "Verifikasi lapangan", documents: ["Surat keterangan tidak mampu"] });
    await designer.saveDraft();
    const token = await apiToken("bks.admin");
    const draftId = async () => {
      const { items } = await apiCall<{ items: { id: string; status: string }[] }>(
        token,
        "GET",
        `/processes?processId=${processId}`,
      );
      return items.find((v) => v.status === "draft")?.id ?? null;
    };
    await expect.poll(draftId, { timeout: 30_000 }).not.toBeNull();
    const draft = await apiCall<{ bpmnXml: string; plan: { standard?: Record<string, unknown> } }>(
      token,
      "GET",
      `/processes/versions/${await draftId()}`,
    );
    expect(draft.plan.standard).toMatchObject({
      requirements: [{ id: "syarat01" }, { id: "syarat02", name: "Surat keterangan tidak mampu" }],
      completionTime: { value: 6, unit: "workingDays", text: "6 hari kerja" },
    });
    expect(draft.bpmnXml).toMatch(/<alur:task[^>]*documents="syarat02"/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

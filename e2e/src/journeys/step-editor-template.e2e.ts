/**
 * Issue 17 item 1, the rest of "a step editor that models real procedures": an admin starts a
 * procedure from the "verifikasi berkas dengan pengembalian" template, adds a parallel pair (the
 * DTKS check beside the home visit), a three-way decision on the kind of assistance, a reminder on
 * the home visit and an escalation to the head of office, all in the step view; publishes it
 * through the real API; and a staff run on the real workflow shows the reminder reach the social
 * workers once the visit has waited its working day.
 */
import { listNotifications } from "@alur/runtime/connectors";
import { startTimeSkippingRuntime, type TimeSkippingRuntime } from "@alur/runtime/testing";
import { compileAndValidateXml } from "@alur/shared/compiler";
import type { ExecutionPlan } from "@alur/shared/plan";
import { CatalogueScenario } from "@alur/shared/scenario";
import { runScenario } from "@alur/workflows/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DesignerPage } from "../pages/designer-page";
import { launchBrowser, screenshot, watchConsole } from "../setup/browser";
import { apiCall, apiToken, signInThroughUi } from "../setup/session";
import { oneStepServiceXml, uniqueProcessId } from "./service-fixture";

const processId = uniqueProcessId("e2e_templat");
const serviceName = `Bantuan sosial ${processId.slice(-6)}`;

/** The one-step starter, its standard allowing 10 working days. */
function starterXml(): string {
  return oneStepServiceXml(processId, serviceName).replace(
    '<alur:completionTime value="3" unit="workingDays">3 hari kerja',
    '<alur:completionTime value="10" unit="workingDays">10 hari kerja',
  );
}

const NAMES = {
  receive: "Terima berkas",
  verify: "Verifikasi berkas",
  complete: "Dokumen lengkap?",
  letter: "Terbitkan surat",
  dtks: "Cek DTKS",
  visit: "Kunjungan rumah",
  decide: "Tentukan jenis bantuan",
  kind: "Jenis bantuan",
  cash: "Salurkan bantuan tunai",
};

let browser: Browser;
let runtime: TimeSkippingRuntime;
let page: Page;
let errors: string[];
const published = { plan: null as ExecutionPlan | null };

beforeAll(async () => {
  [browser, runtime] = await Promise.all([
    launchBrowser(),
    startTimeSkippingRuntime({ taskQueue: "step-editor-template" }),
  ]);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchConsole(page);
  await signInThroughUi(page, "bks.admin");
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe("a procedure from a template in the step editor", () => {
  it("an admin starts from a template, adds parallel steps, a 3-way decision and reminders, and publishes", async () => {
    const designer = new DesignerPage(page, inject("baseUrl"));
    await designer.openNew();
    await designer.importBpmn(`${processId}.bpmn`, starterXml(), "verifikasi");
    await designer.showStepView();
    const side = page.locator(".step-side");
    try {
      // "Mulai dari templat": the document check that returns to the applicant
      const templates = page.getByTestId("step-templates");
      await templates.locator("summary").click();
      await templates.getByLabel(/Verifikasi berkas dengan pengembalian/).check();
      await templates.getByRole("button", { name: "Gunakan templat" }).click();
      await designer.stepCard(NAMES.letter).waitFor();
      await designer.stepCard("Pemohon melengkapi berkas").waitFor();
      await screenshot(page, "template-01-applied");

      // a parallel pair after receiving the documents: the DTKS check beside the home visit
      await designer.selectStepCard(NAMES.receive);
      await side.getByRole("button", { name: "Tambah langkah paralel sesudahnya" }).click();
      await designer.fillSelectedStep({ name: NAMES.dtks, roles: ["Petugas Back Office"], slaValue: "1" });
      await designer.selectStepCard("Langkah paralel 2");
      await designer.fillSelectedStep({ name: NAMES.visit, roles: ["Pekerja Sosial"], slaValue: "2" });
      // the visit reminds the social workers after 1 working day
      const reminder = side.getByTestId("timer-reminder");
      await reminder.getByRole("textbox").fill("1");
      await reminder.getByRole("button", { name: "Simpan" }).click();
      await designer.stepCard(NAMES.visit).getByTestId("card-reminder").waitFor();

      // on "yes", the head of division picks the kind of assistance: a three-way decision
      await designer.selectStepCard(NAMES.complete);
      await designer.selectBranch("Ya");
      await designer.addStepOnBranch({ name: NAMES.decide, roles: ["Kepala Bidang"], slaValue: "1" });
      await side.getByLabel("Pertanyaan pilihan ganda baru").fill(NAMES.kind);
      await side.getByLabel("Pilihan (pisahkan dengan koma)").fill("Sembako, Tunai, Rujukan");
      await side.getByRole("button", { name: "Tambah pertanyaan pilihan" }).click();
      await side.getByTestId("questions").getByText(NAMES.kind).waitFor();
      // escalated to the head of office when it waits 2 working days
      const escalation = side.getByTestId("timer-escalation");
      await escalation.getByRole("textbox").fill("2");
      await escalation.getByLabel("Atasan yang diberi tahu").selectOption({ label: "Kepala Dinas" });
      await escalation.getByRole("button", { name: "Simpan" }).click();
      await designer.stepCard(NAMES.decide).getByTestId("card-escalation").waitFor();
      await side
        .getByLabel("Keputusan pilihan ganda pada")
        .selectOption({ label: `${NAMES.kind} (Sembako, Tunai, Rujukan)` });
      await side.getByRole("button", { name: "Tambah keputusan pilihan ganda" }).click();
      await designer.stepCard(NAMES.kind).waitFor();
      // cash is paid out first; the other choices go straight on to the letter
      await designer.selectBranch("Tunai");
      await designer.addStepOnBranch({ name: NAMES.cash, roles: ["Petugas Back Office"], slaValue: "1" });
    } catch (error) {
      await screenshot(page, "template-failed");
      throw error;
    }

    // the step view opens (and shows all) at a readable size from the procedure's start: too long
    // to fit whole, it stays at 75 % with the start in view rather than shrinking to a quarter
    const canvas = page.getByTestId("step-canvas");
    const zoomNow = () =>
      canvas.locator(".react-flow__viewport").evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
    const startInView = async () => {
      const box = (await canvas.boundingBox())!;
      const start = (await designer.stepCard("Permohonan diterima").boundingBox())!;
      return start.x >= box.x && start.x + start.width <= box.x + box.width;
    };
    expect(await zoomNow()).toBeCloseTo(0.75);
    expect(await startInView()).toBe(true);
    await page.getByRole("button", { name: "Tampilkan semua" }).click();
    await expect.poll(() => designer.problemCount().textContent()).toMatch(/^0 kesalahan/);
    expect(await canvas.locator('.step-card[data-kind="parallel"]').count()).toBe(2);
    expect(await designer.stepCard(NAMES.visit).getByTestId("card-reminder").textContent()).toContain(
      "Pengingat: 1 hari kerja",
    );
    expect(await designer.stepCard(NAMES.decide).getByTestId("card-escalation").textContent()).toContain(
      "Eskalasi ke kepala-dinas: 2 hari kerja",
    );
    expect(await zoomNow()).toBeCloseTo(0.75);
    expect(await startInView()).toBe(true);
    await screenshot(page, "template-02-step-editor");
    // the default branch says what it is
    await designer.selectStepCard(NAMES.kind);
    await designer.selectBranch("Lainnya");
    await side.getByText("Cabang bawaan").waitFor();

    // when published through the real API
    await designer.publish({
      effectiveFrom: new Date().toISOString().slice(0, 10),
      kind: "Perbup",
      number: "22",
      year: "2026",
      title: "Standar Pelayanan Bantuan Sosial",
    });
    await designer.publishedNotice().waitFor({ timeout: 30_000 });

    // then the published version compiles with no errors: a parallel split and join, three
    // choices and a default, and non-interrupting working-day timers to notify tasks
    const token = await apiToken("bks.admin");
    const { items } = await apiCall<{ items: Array<{ id: string; status: string }> }>(
      token,
      "GET",
      `/processes?processId=${processId}`,
    );
    const mine = items.find((v) => v.status === "published");
    expect(mine).toBeDefined();
    const version = await apiCall<{ bpmnXml: string; plan: ExecutionPlan }>(
      token,
      "GET",
      `/processes/versions/${mine!.id}`,
    );
    published.plan = version.plan;
    const compiled = await compileAndValidateXml(version.bpmnXml, { forPublish: true });
    expect(compiled.problems.filter((p) => p.severity === "error")).toEqual([]);
    const plan = compiled.plan!;
    const nodes = Object.values(plan.nodes);
    expect(nodes.filter((n) => n.type === "parallelGateway")).toHaveLength(2);
    const choice = nodes.find((n) => n.name === NAMES.kind)!;
    expect(choice.type === "exclusiveGateway" && choice.defaultFlow).toBeTruthy();
    expect(
      choice.outgoing
        .map((f) => plan.flows[f]?.condition)
        .filter(Boolean)
        .sort(),
    ).toEqual(['jenisBantuan = "Rujukan"', 'jenisBantuan = "Sembako"', 'jenisBantuan = "Tunai"']);
    const visit = nodes.find((n) => n.name === NAMES.visit)!;
    expect(plan.nodes[`${visit.id}_pengingat`]).toMatchObject({
      type: "boundaryEvent",
      cancelActivity: false,
      eventDefinition: { timer: { type: "workingTime", duration: { value: 1, unit: "workingDays" } } },
    });
    const decide = nodes.find((n) => n.name === NAMES.decide)!;
    expect(plan.nodes[`${decide.id}_eskalasi_kirim`]).toMatchObject({
      connector: { type: "notify", headers: { roles: "kepala-dinas", reason: "escalation" } },
    });

    // the BPMN view draws the reminders the step view folds into cards
    await designer.showBpmnView();
    await designer.canvasShape(`${visit.id}_pengingat_kirim`).waitFor();
    await screenshot(page, "template-03-bpmn-view");
    await designer.showStepView();

    // in English, the same cards and templates read in English
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByTestId("step-templates").getByText("Start from a template").waitFor();
    expect(await designer.stepCard(NAMES.visit).getByTestId("card-reminder").textContent()).toBe(
      "Reminder: 1 working day(s)",
    );
    await designer.stepCard(NAMES.visit).click();
    await side.getByText("Remind the assignee after").waitFor();
    await screenshot(page, "template-05-english");
    await page.getByRole("button", { name: "ID", exact: true }).click();
    await page.getByTestId("step-templates").getByText("Mulai dari templat").waitFor();

    // on a 390-px phone the canvas and the side panel stack, both in view
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(zoomNow).toBeCloseTo(0.75);
    await expect.poll(startInView).toBe(true);
    await designer.selectStepCard(NAMES.visit);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "template-04-phone");
    await page.setViewportSize({ width: 1400, height: 900 });

    // undo takes the last edit back, redo brings it again; Ctrl+Z and Ctrl+Shift+Z too
    const cards = () => page.getByTestId("step-canvas").locator(".react-flow__node").allTextContents();
    const before = await cards();
    await designer.selectStepCard(NAMES.dtks);
    await designer.fillSelectedStep({ name: "Cek DTKS dan NIK" });
    const done = await cards();
    expect(done).not.toEqual(before);
    const undo = page.getByRole("button", { name: "Urungkan" });
    const redo = page.getByRole("button", { name: "Ulangi" });
    expect(await redo.isDisabled()).toBe(true);
    await undo.click();
    await expect.poll(cards).toEqual(before);
    await redo.click();
    await expect.poll(cards).toEqual(done);
    expect(await redo.isDisabled()).toBe(true);
    await page.keyboard.press("Control+z");
    await expect.poll(cards).toEqual(before);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(cards).toEqual(done);
    expect(errors).toEqual([]);
  });

  it("a staff run on the real workflow: the home visit's reminder reaches the social workers", async () => {
    const plan = published.plan;
    expect(plan).not.toBeNull();
    const idOf = (name: string) => Object.values(plan!.nodes).find((n) => n.name === name)!.id;
    const end = Object.values(plan!.nodes).find((n) => n.type === "endEvent" && n.name === "Disetujui")!.id;
    const visit = idOf(NAMES.visit);
    // the visit opens on Wednesday; it waits three days (its working day is over on Thursday's
    // close), then everyone works promptly and the cash is paid out
    const scenario = CatalogueScenario.parse({
      name: "templat-pengingat",
      description: "Kunjungan rumah tertunda: pekerja sosial diingatkan, lalu bantuan tunai disalurkan.",
      process: processId,
      model: `${processId}.bpmn`,
      district: "3216",
      startAt: "2024-10-02T09:00:00+07:00",
      steps: [
        { complete: idOf(NAMES.receive), role: "front-office" },
        { complete: idOf(NAMES.dtks), role: "back-office" },
        { wait: "P3D" },
        { complete: visit, role: "pekerja-sosial" },
        { complete: idOf(NAMES.verify), role: "back-office", data: { dokumenLengkap: true } },
        { complete: idOf(NAMES.decide), role: "kepala-bidang", data: { jenisBantuan: "Tunai" } },
        { complete: idOf(NAMES.cash), role: "back-office" },
        { complete: idOf(NAMES.letter), role: "back-office" },
      ],
      expect: { end, documents: [], notifications: [`${visit}_pengingat_kirim`] },
    });
    await runScenario(runtime, plan!, scenario);
    // then the notify connector stored exactly one notice: the reminder, for the social workers
    const { id: caseId } = await runtime.db
      .selectFrom("cases")
      .select("id")
      .where("process_id", "=", processId)
      .executeTakeFirstOrThrow();
    const notices = (await listNotifications(runtime.db, { district: "3216", caseId })).filter(
      (n) => n.kind === "notice",
    );
    expect(notices.map((n) => [n.element_id, n.roles, n.title])).toEqual([
      [`${visit}_pengingat_kirim`, ["pekerja-sosial"], `Pengingat: ${NAMES.visit}`],
    ]);
    // and it fired while the visit was open, after its working day (not at once)
    const events = await runtime.db
      .selectFrom("case_events")
      .select(["element_id", "type", "at"])
      .where("case_id", "=", caseId)
      .where("element_id", "in", [visit, `${visit}_pengingat`])
      .orderBy("id")
      .execute();
    const at = (type: string, element: string) =>
      new Date(events.find((e) => e.type === type && e.element_id === element)?.at ?? Number.NaN);
    const opened = at("elementEntered", visit);
    const fired = at("timerFired", `${visit}_pengingat`);
    const left = at("elementLeft", visit);
    expect(fired.getTime()).toBeGreaterThan(opened.getTime() + 24 * 3_600_000);
    expect(fired.getTime()).toBeLessThan(left.getTime());
  });
});

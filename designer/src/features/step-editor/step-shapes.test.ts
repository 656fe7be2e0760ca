import { compileAndValidateXml, createModdle } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import id from "../../i18n/id.json";
import type { Bo } from "../modeler/model-access";
import { newDiagramXml } from "../modeler/new-diagram";
import { addChoiceQuestion, formFields } from "./step-fields";
import {
  addParallelBranch,
  insertChoiceAfter,
  insertParallelAfter,
  insertStepAfter,
  modelToGraph,
  rebuildDiagram,
  removeStep,
  updateStep,
} from "./step-graph";
import { applyTemplate, TEMPLATES, timerWords } from "./step-templates";
import { setStepTimer, stepTimersOf } from "./step-timers";

type Dict = { [key: string]: string | Dict };

/** i18next's t over a dictionary, enough for these words: nested keys and {{placeholders}}. */
function translator(dict: unknown) {
  return (key: string, options: Record<string, unknown> = {}) => {
    let at: unknown = dict;
    for (const part of key.split(".")) at = (at as Dict | undefined)?.[part];
    if (typeof at !== "string") throw new Error(`no words for ${key}`);
    return at.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? `{{${name}}}`));
  };
}
const t = translator(id);

const STANDARD = `<alur:serviceStandard code="SKT-PB" name="Surat Keterangan Terdaftar sebagai Penerima Bantuan">
  <alur:requirement id="ktp" name="KTP" /><alur:requirement id="kk" name="Kartu Keluarga" />
  <alur:completionTime value="15" unit="workingDays" />
</alur:serviceStandard>`;

async function load(xml = newDiagramXml("layanan").replace(/<alur:serviceStandard [^>]*\/>/, STANDARD)) {
  const moddle = createModdle();
  const { rootElement } = await moddle.fromXML(xml);
  return { moddle: moddle as never, definitions: rootElement as unknown as Bo, raw: moddle };
}

async function roundTrip(raw: ReturnType<typeof createModdle>, definitions: Bo) {
  const { xml } = await raw.toXML(definitions as never, { format: true });
  return { xml, ...(await load(xml)) };
}

/** Publication's check: the shared compiler and validator find nothing to say (bar the test's stub standard). */
async function expectValid(xml: string) {
  const result = await compileAndValidateXml(xml, { forPublish: true });
  expect(result.problems.filter((p) => p.code !== "service-standard-incomplete")).toEqual([]);
  expect(result.plan).toBeDefined();
  return result.plan!;
}

describe("step graph: multiple-choice decisions", () => {
  it("branches once per choice with built conditions and a default, round-trips and validates", async () => {
    // given a step whose form asks a three-way question
    const { moddle, definitions, raw } = await load();
    const field = addChoiceQuestion(moddle, definitions, "verifikasi", "Jenis bantuan", [
      "Sembako",
      "Tunai",
      "Rujukan",
    ])!;
    expect(formFields(definitions).find((f) => f.key === field)).toMatchObject({
      kind: "string",
      options: ["Sembako", "Tunai", "Rujukan"],
    });
    // when a multiple-choice decision is added after it, and a step put on the cash branch
    const decision = insertChoiceAfter(
      moddle,
      definitions,
      "verifikasi",
      { name: "Jenis bantuan", otherwise: "Lainnya" },
      field,
      ["Sembako", "Tunai", "Rujukan"].map((c) => ({ value: c, label: c })),
    )!;
    rebuildDiagram(moddle, definitions);
    const again = await roundTrip(raw, definitions);
    // then the decision has one branch per choice plus the default, and they join before the end
    const graph = modelToGraph(again.definitions);
    const branches = graph.edges.filter((e) => e.source === decision);
    expect(branches.map((e) => [e.label, e.condition ?? null, e.isDefault ?? false])).toEqual([
      ["Sembako", '= jenisBantuan = "Sembako"', false],
      ["Tunai", '= jenisBantuan = "Tunai"', false],
      ["Rujukan", '= jenisBantuan = "Rujukan"', false],
      ["Lainnya", null, true],
    ]);
    const merge = graph.nodes.find((n) => n.id === branches[0]!.target)!;
    expect(merge.kind).toBe("merge");
    expect(graph.edges.filter((e) => e.source === merge.id).map((e) => e.target)).toEqual(["selesai"]);
    expect(modelToGraph(definitions)).toEqual(graph);
    // and the compiler runs it: each choice a condition, the default flow named
    const plan = await expectValid(again.xml);
    const node = plan.nodes[decision]!;
    expect(node.type).toBe("exclusiveGateway");
    expect(node.type === "exclusiveGateway" && node.defaultFlow).toBe(branches[3]!.id);
    expect(
      node.outgoing
        .map((f) => plan.flows[f]!.condition)
        .filter(Boolean)
        .sort(),
    ).toEqual(['jenisBantuan = "Rujukan"', 'jenisBantuan = "Sembako"', 'jenisBantuan = "Tunai"']);
  });
});

describe("step graph: parallel steps", () => {
  it("splits into parallel steps that join, adds a branch, round-trips and validates", async () => {
    const { moddle, definitions, raw } = await load();
    const made = insertParallelAfter(
      moddle,
      definitions,
      "verifikasi",
      ["Kunjungan rumah", "Cek DTKS"],
      { split: "Kerjakan bersamaan", join: "Semua selesai" },
      { roles: ["pekerja-sosial"], slaValue: 2, slaUnit: "workingDays" },
    )!;
    const third = addParallelBranch(moddle, definitions, made.split, "Surat ke kelurahan", { roles: ["back-office"] })!;
    rebuildDiagram(moddle, definitions);
    const again = await roundTrip(raw, definitions);
    const graph = modelToGraph(again.definitions);
    // a split with three branches, each a step, all into the join, which leads on to the end
    const split = graph.nodes.find((n) => n.id === made.split)!;
    const join = graph.nodes.find((n) => n.id === made.join)!;
    expect([split.kind, split.joins, join.kind, join.joins]).toEqual(["parallel", false, "parallel", true]);
    const steps = [...made.steps, third];
    expect(graph.edges.filter((e) => e.source === split.id).map((e) => e.target)).toEqual(steps);
    expect(graph.edges.filter((e) => e.target === join.id).map((e) => e.source)).toEqual(steps);
    expect(graph.edges.filter((e) => e.source === join.id).map((e) => e.target)).toEqual(["selesai"]);
    expect(graph.nodes.find((n) => n.id === third)?.settings?.roles).toEqual(["back-office"]);
    expect(modelToGraph(definitions)).toEqual(graph);
    const plan = await expectValid(again.xml);
    expect(plan.nodes[made.split]?.type).toBe("parallelGateway");
    expect(plan.nodes[made.join]?.type).toBe("parallelGateway");
    expect(again.xml).toContain(`bpmnElement="${made.join}"`);
  });
});

describe("step graph: reminders and escalation", () => {
  it("writes a non-interrupting working-day timer to a notify task, folded into the step's card", async () => {
    const { moddle, definitions, raw } = await load();
    updateStep(moddle, definitions, "verifikasi", { roles: ["back-office"] });
    setStepTimer(moddle, definitions, "verifikasi", "reminder", {
      days: 2,
      roles: ["back-office"],
      words: timerWords(t, "reminder", "Verifikasi berkas", 2),
    });
    setStepTimer(moddle, definitions, "verifikasi", "escalation", {
      days: 3,
      roles: ["kepala-bidang"],
      words: timerWords(t, "escalation", "Verifikasi berkas", 3),
    });
    rebuildDiagram(moddle, definitions);
    const again = await roundTrip(raw, definitions);
    // the step editor shows one step with its reminder and escalation, nothing else added
    const graph = modelToGraph(again.definitions);
    expect(graph.nodes.map((n) => n.id)).toEqual(["mulai", "verifikasi", "selesai"]);
    expect(graph.nodes[1]?.timers?.map((x) => [x.kind, x.days, x.roles])).toEqual([
      ["reminder", 2, ["back-office"]],
      ["escalation", 3, ["kepala-bidang"]],
    ]);
    expect(modelToGraph(definitions)).toEqual(graph);
    // and in BPMN: a non-interrupting boundary timer of working days, a notify task with headers
    const plan = await expectValid(again.xml);
    const boundary = plan.nodes.verifikasi_pengingat!;
    expect(boundary).toMatchObject({
      type: "boundaryEvent",
      attachedTo: "verifikasi",
      cancelActivity: false,
      eventDefinition: { kind: "timer", timer: { type: "workingTime", duration: { value: 2, unit: "workingDays" } } },
    });
    expect(plan.nodes.verifikasi_eskalasi_kirim).toMatchObject({
      type: "serviceTask",
      connector: { type: "notify", headers: { roles: "kepala-bidang", reason: "escalation" } },
    });
    expect(
      plan.nodes.verifikasi_pengingat_kirim?.type === "serviceTask" &&
        plan.nodes.verifikasi_pengingat_kirim.connector.headers.message,
    ).toBe('Tugas "Verifikasi berkas" pada kasus {{caseNumber}} sudah 2 hari kerja belum selesai.');
    // every element has a shape, so bpmn-js draws the reminders
    for (const el of ["verifikasi_pengingat", "verifikasi_pengingat_kirim", "verifikasi_eskalasi_terkirim"])
      expect(again.xml).toContain(`bpmnElement="${el}"`);
  });

  it("changes, follows the step's roles, and goes with the step or on its own", async () => {
    const { moddle, definitions } = await load();
    const words = timerWords(t, "reminder", "Verifikasi", 1);
    setStepTimer(moddle, definitions, "verifikasi", "reminder", { days: 1, roles: ["front-office"], words });
    setStepTimer(moddle, definitions, "verifikasi", "reminder", { days: 4, roles: ["front-office"], words });
    updateStep(moddle, definitions, "verifikasi", { roles: ["back-office", "pekerja-sosial"] });
    const process = (definitions.get("rootElements") as Bo[])[0]!;
    expect(
      stepTimersOf(process)
        .get("verifikasi")
        ?.map((x) => [x.days, x.roles]),
    ).toEqual([[4, ["back-office", "pekerja-sosial"]]]);
    setStepTimer(moddle, definitions, "verifikasi", "reminder", null);
    expect(stepTimersOf(process).size).toBe(0);
    expect(modelToGraph(definitions).nodes).toHaveLength(3);
    // a step removed takes its reminders with it
    const next = insertStepAfter(moddle, definitions, "verifikasi", "Persetujuan")!;
    setStepTimer(moddle, definitions, next, "escalation", { days: 2, roles: ["kepala-dinas"], words });
    expect(removeStep(definitions, next)).toBe(true);
    expect((process.get("flowElements") as Bo[]).map((e) => String(e.id)).filter((x) => x.startsWith(next))).toEqual(
      [],
    );
  });
});

describe("step graph: a boundary timer the step view did not write", () => {
  it("shows it as it is, read-only with a hint, when it is no longer a reminder's shape", async () => {
    const { moddle, definitions } = await load();
    setStepTimer(moddle, definitions, "verifikasi", "reminder", {
      days: 2,
      roles: ["front-office"],
      words: timerWords(t, "reminder", "Verifikasi", 2),
    });
    // edited in the BPMN view: the notify task lost its reason header
    const process = (definitions.get("rootElements") as Bo[])[0]!;
    const notify = (process.get("flowElements") as Bo[]).find((e) => e.id === "verifikasi_pengingat_kirim")!;
    const headers = ((notify.get("extensionElements") as Bo).get("values") as Bo[])[1]!;
    headers.set(
      "values",
      (headers.get("values") as Bo[]).filter((h) => h.get("key") !== "reason"),
    );
    const graph = modelToGraph(definitions);
    expect(graph.nodes.find((n) => n.id === "verifikasi")?.timers).toBeUndefined();
    expect(graph.nodes.find((n) => n.id === "verifikasi_pengingat")).toMatchObject({
      kind: "other",
      hint: "stepEditor.hint.boundary",
    });
    expect(graph.nodes.find((n) => n.id === "verifikasi_pengingat_kirim")?.kind).toBe("auto");
  });
});

describe("step templates", () => {
  for (const template of TEMPLATES)
    it(`"${template}" builds steps that validate, in both languages, and reopen unchanged`, async () => {
      for (const words of [id, en]) {
        const { moddle, definitions, raw } = await load();
        const ids = applyTemplate(moddle, definitions, template, translator(words));
        const again = await roundTrip(raw, definitions);
        await expectValid(again.xml);
        const graph = modelToGraph(again.definitions);
        expect(graph).toEqual(modelToGraph(definitions));
        expect(graph.readOnly).toBeNull();
        // only what the step editor edits: steps, decisions, outcomes (no read-only cards)
        expect(graph.nodes.filter((n) => n.kind === "other" || n.kind === "auto")).toEqual([]);
        expect(graph.nodes.filter((n) => n.kind === "step").length).toBeGreaterThanOrEqual(3);
        expect(graph.nodes.find((n) => n.id === ids.start)?.kind).toBe("start");
        expect(graph.nodes.filter((n) => n.kind === "end").length).toBeGreaterThanOrEqual(
          template === "verifikasi" ? 1 : 2,
        );
        // every step has a role; the names are the dictionary's
        for (const n of graph.nodes.filter((x) => x.kind === "step"))
          expect(n.settings?.roles.length).toBeGreaterThan(0);
        const names = graph.nodes.map((n) => n.label);
        const named = { verifikasi: "verify", berjenjang: "initial", kunjungan: "visit" }[template];
        expect(names).toContain(translator(words)(`stepEditor.tpl.${named}`));
      }
    });

  it("writes the home-visit template as the runtime's reminder test runs it", async () => {
    // runtime/src/engine/step-editor-reminders.test.ts drives this very file through the engine
    const { moddle, definitions, raw } = await load();
    applyTemplate(moddle, definitions, "kunjungan", t);
    const { xml } = await raw.toXML(definitions as never, { format: true });
    await expect(xml).toMatchFileSnapshot("../../../../runtime/src/engine/fixtures/step-editor-kunjungan.bpmn");
  });

  it("the document check returns to the applicant with the clock stopped; the others escalate", async () => {
    const { moddle, definitions } = await load();
    const ids = applyTemplate(moddle, definitions, "verifikasi", t);
    const graph = modelToGraph(definitions);
    expect(graph.nodes.find((n) => n.id === ids.wait)?.settings?.pausesClock).toBe(true);
    expect(graph.nodes.find((n) => n.id === ids.verify)?.timers?.map((x) => x.kind)).toEqual(["reminder"]);
    const tiered = await load();
    const tieredIds = applyTemplate(tiered.moddle, tiered.definitions, "berjenjang", t);
    const steps = modelToGraph(tiered.definitions).nodes;
    expect(steps.find((n) => n.id === tieredIds.approve)?.timers).toMatchObject([
      { kind: "escalation", days: 2, roles: ["kepala-dinas"] },
    ]);
  });
});

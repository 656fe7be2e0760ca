import { compileAndValidateXml, createModdle } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import type { Bo } from "../modeler/model-access";
import { newDiagramXml } from "../modeler/new-diagram";
import { addYesNoQuestion, formFields } from "./step-fields";
import {
  decideOn,
  insertDecisionAfter,
  insertStepAfter,
  insertStepOnFlow,
  modelToGraph,
  rebuildDiagram,
  removeStep,
  retargetFlow,
  shownTarget,
  updateFlow,
  updateStep,
} from "./step-graph";

async function load(xml: string) {
  const moddle = createModdle();
  const { rootElement } = await moddle.fromXML(xml);
  return { moddle: moddle as never, definitions: rootElement as unknown as Bo, raw: moddle };
}

async function roundTrip(raw: ReturnType<typeof createModdle>, definitions: Bo) {
  const { xml } = await raw.toXML(definitions as never, { format: true });
  return { xml, ...(await load(xml)) };
}

describe("step graph", () => {
  it("shows start, the user task as a step card with its role and SLA, and the end", async () => {
    // given the starter model
    const { definitions } = await load(newDiagramXml("adopsi"));
    // when
    const graph = modelToGraph(definitions);
    // then
    expect(graph.processId).toBe("adopsi");
    expect(graph.nodes.map((n) => [n.id, n.kind])).toEqual([
      ["mulai", "start"],
      ["verifikasi", "step"],
      ["selesai", "end"],
    ]);
    expect(graph.nodes[1]?.settings).toMatchObject({ roles: ["front-office"], slaValue: 1, slaUnit: "workingDays" });
    expect(graph.edges.map((e) => `${e.source}>${e.target}`)).toEqual(["mulai>verifikasi", "verifikasi>selesai"]);
  });

  it("round-trips an inserted and edited step through BPMN XML with a diagram shape", async () => {
    // given
    const { moddle, definitions, raw } = await load(newDiagramXml("adopsi"));
    // when a step is added after verification and edited
    const id = insertStepAfter(moddle, definitions, "verifikasi", "Tanda tangan Kepala Dinas");
    expect(id).toBe("langkah_1");
    updateStep(moddle, definitions, id!, {
      roles: ["kepala-dinas"],
      documents: ["ktp", "kk"],
      slaValue: 2,
      slaUnit: "workingDays",
      formId: "form-ttd",
    });
    rebuildDiagram(moddle, definitions);
    const again = await roundTrip(raw, definitions);
    // then the re-read model has the step in sequence, with its settings
    const graph = modelToGraph(again.definitions);
    expect(graph.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(
      ["langkah_1>selesai", "mulai>verifikasi", "verifikasi>langkah_1"].sort(),
    );
    expect(graph.nodes.find((n) => n.id === "langkah_1")?.settings).toEqual({
      roles: ["kepala-dinas"],
      formId: "form-ttd",
      documents: ["ktp", "kk"],
      slaValue: 2,
      slaUnit: "workingDays",
      escalateTo: [],
      pausesClock: false,
    });
    expect(again.xml).toContain('bpmnElement="langkah_1"');
    expect(again.xml).toContain('candidateGroups="kepala-dinas"');
  });

  it("removes a step by joining its neighbours and refuses a branching one", async () => {
    const { definitions } = await load(newDiagramXml("adopsi"));
    expect(removeStep(definitions, "mulai")).toBe(false);
    expect(removeStep(definitions, "verifikasi")).toBe(true);
    const graph = modelToGraph(definitions);
    expect(graph.nodes.map((n) => n.id)).toEqual(["mulai", "selesai"]);
    expect(graph.edges.map((e) => `${e.source}>${e.target}`)).toEqual(["mulai>selesai"]);
  });

  it("shows decisions, waits and unsupported elements with a hint", async () => {
    const xml = newDiagramXml("p").replace(
      '<bpmn:endEvent id="selesai"',
      `<bpmn:intermediateCatchEvent id="tunggu_sk"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:exclusiveGateway id="cek" name="Lengkap?" />
    <bpmn:subProcess id="sub" />
    <bpmn:endEvent id="selesai"`,
    );
    const { definitions } = await load(xml);
    const kinds = Object.fromEntries(modelToGraph(definitions).nodes.map((n) => [n.id, [n.kind, n.waitFor, n.hint]]));
    expect(kinds.tunggu_sk).toEqual(["wait", "message", undefined]);
    expect(kinds.cek).toEqual(["decision", undefined, undefined]);
    expect(kinds.sub).toEqual(["other", undefined, "stepEditor.hint.other"]);
  });
});

const WORDS = { name: "Berkas lengkap?", yes: "Ya", no: "Tidak", rejected: "Ditolak" };

/** SKT-PB as an admin builds it in the step editor, one editor operation at a time. */
async function sktpb() {
  const { moddle, definitions, raw } = await load(
    newDiagramXml("skt_pb").replace(
      '<alur:serviceStandard code="SKT_PB" name="Layanan baru" />',
      `<alur:serviceStandard code="SKT-PB" name="Surat Keterangan Terdaftar sebagai Penerima Bantuan">
        <alur:requirement id="ktp" name="KTP" /><alur:requirement id="kk" name="Kartu Keluarga" />
        <alur:completionTime value="5" unit="workingDays" />
      </alur:serviceStandard>`,
    ),
  );
  updateStep(moddle, definitions, "verifikasi", { name: "Terima berkas", documents: ["ktp", "kk"] });
  const verify = insertStepAfter(moddle, definitions, "verifikasi", "Verifikasi berkas", {
    roles: ["back-office"],
    slaValue: 1,
    slaUnit: "workingDays",
    documents: ["ktp", "kk"],
  })!;
  const complete = addYesNoQuestion(moddle, definitions, verify, "Dokumen lengkap?")!;
  const check = insertDecisionAfter(moddle, definitions, verify, WORDS, complete)!;
  const graph = modelToGraph(definitions);
  const yes = graph.edges.find((e) => e.source === check && e.label === "Ya")!;
  const no = graph.edges.find((e) => e.source === check && e.label === "Tidak")!;
  // "no": the applicant completes the documents (the clock stops), then verification again
  expect(retargetFlow(moddle, definitions, no.id, verify)).toBe(true);
  insertStepOnFlow(moddle, definitions, no.id, "Pemohon melengkapi berkas", {
    roles: ["front-office"],
    pausesClock: true,
  });
  const visit = insertStepOnFlow(moddle, definitions, yes.id, "Kunjungan rumah", {
    roles: ["pekerja-sosial"],
    slaValue: 1,
    slaUnit: "workingDays",
  })!;
  const approve = insertStepAfter(moddle, definitions, visit, "Persetujuan Kepala Bidang", {
    roles: ["kepala-bidang"],
    slaValue: 1,
    slaUnit: "workingDays",
  })!;
  const approved = addYesNoQuestion(moddle, definitions, approve, "Disetujui?")!;
  const decide = insertDecisionAfter(moddle, definitions, approve, { ...WORDS, name: "Disetujui?" })!;
  expect(decideOn(moddle, definitions, decide, approved)).toBe(true);
  const letter = insertStepOnFlow(
    moddle,
    definitions,
    modelToGraph(definitions).edges.find((e) => e.source === decide && e.label === "Ya")!.id,
    "Terbitkan surat keterangan",
    { roles: ["back-office"], slaValue: 1, slaUnit: "workingDays" },
  )!;
  updateStep(moddle, definitions, "selesai", { name: "Disetujui" });
  rebuildDiagram(moddle, definitions);
  return { moddle, definitions, raw, ids: { verify, check, visit, approve, decide, letter, complete, approved } };
}

describe("step graph: decisions, loops and waits", () => {
  it("builds SKT-PB that compiles and validates with no errors, and reopens unchanged", async () => {
    // given SKT-PB built with the editor's operations
    const { definitions, raw, ids } = await sktpb();
    const before = modelToGraph(definitions);
    // when written as BPMN and read back
    const again = await roundTrip(raw, definitions);
    // then the shared compiler accepts it for publication
    const result = await compileAndValidateXml(again.xml, { forPublish: true });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.plan).toBeDefined();
    // nothing else either (the test's standard is a stub): no fake join, no unknown variable
    expect(result.problems.filter((p) => p.code !== "service-standard-incomplete")).toEqual([]);
    // and the step editor shows the same graph
    expect(modelToGraph(again.definitions)).toEqual(before);
    // the decisions read the yes/no answers of the steps' forms
    const edges = before.edges.filter((e) => e.source === ids.check || e.source === ids.decide);
    expect(edges.map((e) => [e.label, e.condition])).toEqual([
      ["Ya", "= dokumenLengkap = true"],
      ["Tidak", "= dokumenLengkap = false"],
      ["Ya", "= disetujui = true"],
      ["Tidak", "= disetujui = false"],
    ]);
    expect(formFields(again.definitions).map((f) => [f.key, f.kind])).toEqual([
      ["dokumenLengkap", "boolean"],
      ["disetujui", "boolean"],
    ]);
    // the "no" branch goes through the clock-stopping wait back to verification (a loop)
    const wait = before.nodes.find((n) => n.label === "Pemohon melengkapi berkas")!;
    expect(wait.settings?.pausesClock).toBe(true);
    expect(before.edges.some((e) => e.source === ids.check && e.target === wait.id && e.label === "Tidak")).toBe(true);
    const back = before.edges.find((e) => e.source === wait.id)!;
    expect(shownTarget(before, back)).toBe(ids.verify);
    // joined before verification by an exclusive gateway, so no task is reached by two flows
    expect(before.nodes.find((n) => n.id === back.target)?.kind).toBe("merge");
    // the outcomes: approved and rejected
    expect(
      before.nodes
        .filter((n) => n.kind === "end")
        .map((n) => n.label)
        .sort(),
    ).toEqual(["Disetujui", "Ditolak"]);
    expect(again.xml).toContain('pausesClock="true"');
  });

  it("drops an outcome no branch leads to any more, and refuses to loop to the start", async () => {
    const { moddle, definitions } = await load(newDiagramXml("p"));
    const check = insertDecisionAfter(moddle, definitions, "verifikasi", WORDS)!;
    const no = modelToGraph(definitions).edges.find((e) => e.source === check && e.label === "Tidak")!;
    expect(retargetFlow(moddle, definitions, no.id, "mulai")).toBe(false);
    expect(retargetFlow(moddle, definitions, no.id, check)).toBe(false);
    expect(retargetFlow(moddle, definitions, no.id, "verifikasi")).toBe(true);
    const graph = modelToGraph(definitions);
    expect(graph.nodes.filter((n) => n.kind === "end").map((n) => n.id)).toEqual(["selesai"]);
    expect(shownTarget(graph, graph.edges.find((e) => e.id === no.id)!)).toBe("verifikasi");
    // pointing it there again changes nothing
    expect(retargetFlow(moddle, definitions, no.id, "verifikasi")).toBe(true);
    expect(modelToGraph(definitions).nodes.filter((n) => n.kind === "merge")).toHaveLength(1);
  });

  it("edits a branch's label and condition, and removes a condition", async () => {
    const { moddle, definitions } = await load(newDiagramXml("p"));
    const check = insertDecisionAfter(moddle, definitions, "verifikasi", WORDS)!;
    const yes = modelToGraph(definitions).edges.find((e) => e.source === check && e.label === "Ya")!;
    updateFlow(moddle, definitions, yes.id, { name: "Lengkap", condition: "umur >= 60" });
    expect(modelToGraph(definitions).edges.find((e) => e.id === yes.id)).toMatchObject({
      label: "Lengkap",
      condition: "=umur >= 60",
    });
    updateFlow(moddle, definitions, yes.id, { condition: "" });
    expect(modelToGraph(definitions).edges.find((e) => e.id === yes.id)?.condition).toBeUndefined();
  });
});

import { createModdle } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import type { Bo } from "../modeler/model-access";
import { newDiagramXml } from "../modeler/new-diagram";
import { insertStepAfter, modelToGraph, rebuildDiagram, removeStep, updateStep } from "./step-graph";

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

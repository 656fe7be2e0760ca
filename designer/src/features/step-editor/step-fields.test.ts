import { createModdle } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import type { Bo } from "../modeler/model-access";
import { newDiagramXml } from "../modeler/new-diagram";
import { addYesNoQuestion, formFields, keyFor, questionsOf, requirementsOf } from "./step-fields";
import { processOf } from "./step-graph";

async function load(xml: string) {
  const moddle = createModdle();
  const { rootElement } = await moddle.fromXML(xml);
  return { moddle: moddle as never, definitions: rootElement as unknown as Bo };
}

const task = (definitions: Bo, id: string) =>
  (processOf(definitions)!.get("flowElements") as Bo[]).find((e) => e.id === id)!;

describe("step fields", () => {
  it("makes field keys from a question's words", () => {
    expect(keyFor("Dokumen lengkap?")).toBe("dokumenLengkap");
    expect(keyFor("  Sudah dikunjungi (rumah)  ")).toBe("sudahDikunjungiRumah");
    expect(keyFor("Layak menerima bantuan — ya/tidak")).toBe("layakMenerimaBantuanYaTidak");
    expect(keyFor("3 dokumen ada?")).toBe("jawaban3DokumenAda");
  });

  it("embeds a yes/no question as a checkbox, with a key unique in the process", async () => {
    // given the starter model
    const { moddle, definitions } = await load(newDiagramXml("p"));
    // when the same question is added twice
    expect(addYesNoQuestion(moddle, definitions, "verifikasi", "Dokumen lengkap?")).toBe("dokumenLengkap");
    expect(addYesNoQuestion(moddle, definitions, "verifikasi", "Dokumen lengkap?")).toBe("dokumenLengkap2");
    // then the step's embedded form has both, read as yes/no fields of the service
    expect(questionsOf(task(definitions, "verifikasi")).map((q) => [q.key, q.label, q.kind])).toEqual([
      ["dokumenLengkap", "Dokumen lengkap?", "boolean"],
      ["dokumenLengkap2", "Dokumen lengkap?", "boolean"],
    ]);
    expect(formFields(definitions).map((f) => f.key)).toEqual(["dokumenLengkap", "dokumenLengkap2"]);
    // and nothing for an empty question or an unknown step
    expect(addYesNoQuestion(moddle, definitions, "verifikasi", "  ")).toBeNull();
    expect(addYesNoQuestion(moddle, definitions, "tidak-ada", "Lengkap?")).toBeNull();
  });

  it("leaves a form the model only links to alone, but offers its fields from the deployed forms", async () => {
    const xml = newDiagramXml("p").replace(
      '<alur:task slaValue="1" slaUnit="workingDays" />',
      '<alur:task slaValue="1" slaUnit="workingDays" /><zeebe:formDefinition formId="periksa" />',
    );
    const { moddle, definitions } = await load(xml);
    expect(addYesNoQuestion(moddle, definitions, "verifikasi", "Lengkap?")).toBeNull();
    const forms = {
      periksa: {
        components: [
          { type: "number", key: "umur", label: "Umur" },
          { type: "select", key: "keputusan", label: "Keputusan", values: [{ value: "setuju" }, { value: "tolak" }] },
        ],
      },
    };
    expect(formFields(definitions, forms)).toEqual([
      { key: "umur", label: "Umur", kind: "number", options: [] },
      { key: "keputusan", label: "Keputusan", kind: "string", options: ["setuju", "tolak"] },
    ]);
  });

  it("lists the service standard's requirements", async () => {
    const xml = newDiagramXml("p").replace(
      '<alur:serviceStandard code="P" name="Layanan baru" />',
      '<alur:serviceStandard code="P" name="Layanan baru"><alur:requirement id="ktp" name="KTP" /><alur:requirement name="tanpa id" /></alur:serviceStandard>',
    );
    const { definitions } = await load(xml);
    expect(requirementsOf(definitions)).toEqual([{ id: "ktp", name: "KTP" }]);
  });
});

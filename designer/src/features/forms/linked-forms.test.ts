import { compileProcess, createModdle, parseBpmn } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import type { Bo } from "../modeler/model-access";
import { newDiagramXml } from "../modeler/new-diagram";
import { applyChanges, embedFormChanges } from "./embedded-form";
import { linkedForms, linkedFormsOf } from "./linked-forms";

const FORM = {
  type: "default",
  id: "adopsi-verifikasi",
  components: [{ type: "textfield", key: "hasil", label: "Hasil", validate: { required: true } }],
};

/** The starter model with its task referencing a form by id only, as every catalogue model does. */
const linkedXml = newDiagramXml("adopsi").replace(
  '<zeebe:assignmentDefinition candidateGroups="front-office" />',
  '<zeebe:assignmentDefinition candidateGroups="front-office" /><zeebe:formDefinition formId="adopsi-verifikasi" />',
);

describe("linked forms", () => {
  it("carries the form a task references by id from the forms deployed with the version", async () => {
    // given a model whose task names a form deployed beside it, and a form it does not use
    const available = { "adopsi-verifikasi": FORM, "lain-lain": { components: [] } };
    // when the forms to send with a new version are picked
    const forms = await linkedForms(linkedXml, available);
    // then exactly the referenced one goes along, and the compiled plan gives the task its form
    expect(forms).toEqual({ "adopsi-verifikasi": FORM });
    const parsed = await parseBpmn(linkedXml);
    const { plan } = compileProcess(parsed.definitions!, undefined, { forms });
    expect(plan?.forms["adopsi-verifikasi"]).toEqual(FORM);
  });

  it("leaves out a form the model now embeds, so the edited form is the one compiled", async () => {
    // given the task's form edited in the designer (embedded under the same id)
    const { rootElement } = await createModdle().fromXML(linkedXml);
    const process = ((rootElement as unknown as Bo).get("rootElements") as Bo[]).find(
      (e) => e.$type === "bpmn:Process",
    )!;
    const task = (process.get("flowElements") as Bo[]).find((e) => e.id === "verifikasi")!;
    const edited = { ...FORM, components: [{ type: "textfield", key: "catatan", label: "Catatan" }] };
    applyChanges(embedFormChanges(createModdle() as never, task, "adopsi-verifikasi", edited));
    // when the forms to send are picked
    const forms = linkedFormsOf(rootElement, { "adopsi-verifikasi": FORM });
    // then the old deployed form is not sent over the edited one
    expect(forms).toEqual({});
  });

  it("sends nothing for a form that was never deployed, so compiling with it reports the task's lost form", async () => {
    // given the model without any deployed forms
    const forms = await linkedForms(linkedXml, {});
    // when it is compiled with what would be sent
    const parsed = await parseBpmn(linkedXml);
    const { plan, problems } = compileProcess(parsed.definitions!, undefined, { forms });
    // then there is no plan: the referenced form is missing, not silently dropped
    expect(plan).toBeUndefined();
    expect(problems.map((p) => p.code)).toContain("form-not-found");
  });
});

import { compileProcess, createModdle, parseBpmn } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import type { Bo } from "../modeler/model-access";
import { readTaskSettings, writeTaskSettings } from "../modeler/model-access";
import { newDiagramXml } from "../modeler/new-diagram";
import { applyChanges, embeddingIdFor, embedFormChanges, readTaskForm } from "./embedded-form";

const FORM = {
  type: "default",
  id: "Form_hasil",
  components: [{ type: "textfield", key: "hasilVerifikasi", label: "Hasil verifikasi", validate: { required: true } }],
};

async function load(xml: string) {
  const moddle = createModdle();
  const { rootElement } = await moddle.fromXML(xml);
  const definitions = rootElement as unknown as Bo;
  const process = (definitions.get("rootElements") as Bo[]).find((e) => e.$type === "bpmn:Process") as Bo;
  const task = (id: string) => (process.get("flowElements") as Bo[]).find((e) => e.id === id) as Bo;
  const toXml = async () => (await moddle.toXML(rootElement, { format: true })).xml;
  return { moddle: moddle as never, task, toXml };
}

async function compiled(xml: string) {
  const parsed = await parseBpmn(xml);
  if (!parsed.definitions) throw new Error("unparsable");
  return compileProcess(parsed.definitions);
}

/** The starter model with the verification task referencing a form by id only, as the catalogue does. */
const linkedXml = newDiagramXml("adopsi").replace(
  '<zeebe:assignmentDefinition candidateGroups="front-office" />',
  '<zeebe:assignmentDefinition candidateGroups="front-office" /><zeebe:userTask /><zeebe:formDefinition formId="adopsi-verifikasi" />',
);

describe("embedded task forms", () => {
  it("embeds a new form in the process and the compiled plan carries it for the task", async () => {
    // given the starter model, whose task has no form
    const { moddle, task, toXml } = await load(newDiagramXml("adopsi"));
    expect(readTaskForm(task("verifikasi"))).toEqual({ kind: "none" });
    const id = embeddingIdFor(task("verifikasi"));
    // when
    applyChanges(embedFormChanges(moddle, task("verifikasi"), id, FORM));
    const xml = await toXml();
    // then the XML is what Camunda Modeler 8.0 writes
    expect(id).toBe("UserTaskForm_verifikasi");
    expect(xml).toContain(`<zeebe:formDefinition formKey="camunda-forms:bpmn:${id}" />`);
    expect(xml).toMatch(new RegExp(`<zeebe:userTaskForm id="${id}">[^<]*hasilVerifikasi`));
    // and the runtime's compiler finds the form for the task
    const { plan, problems } = await compiled(xml);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const node = plan?.nodes.verifikasi;
    expect(node?.type === "userTask" && node.task.formId).toBe(id);
    expect(plan?.forms[id]).toEqual(FORM);
    // and reading it back gives the same schema
    const reloaded = await load(xml);
    expect(readTaskForm(reloaded.task("verifikasi"))).toEqual({ kind: "embedded", id, schema: FORM });
  });

  it("embeds a form referenced by id under that id and drops the zeebe:userTask marker", async () => {
    // given a task that references a form deployed beside the model
    const { moddle, task, toXml } = await load(linkedXml);
    expect(readTaskForm(task("verifikasi"))).toEqual({ kind: "linked", formId: "adopsi-verifikasi" });
    // when the admin saves it from the editor
    applyChanges(embedFormChanges(moddle, task("verifikasi"), embeddingIdFor(task("verifikasi")), FORM));
    const xml = await toXml();
    // then
    expect(xml).not.toContain("formId=");
    expect(xml).not.toMatch(/<zeebe:userTask[\s/>]/);
    const { plan } = await compiled(xml);
    const node = plan?.nodes.verifikasi;
    expect(node?.type === "userTask" && node.task.formId).toBe("adopsi-verifikasi");
    expect(plan?.forms["adopsi-verifikasi"]).toEqual(FORM);
  });

  it("replaces the body of an embedded form on a second save instead of adding another", async () => {
    // given an embedded form
    const { moddle, task, toXml } = await load(newDiagramXml("adopsi"));
    const id = embeddingIdFor(task("verifikasi"));
    applyChanges(embedFormChanges(moddle, task("verifikasi"), id, FORM));
    // when it is edited again
    const edited = {
      ...FORM,
      components: [...FORM.components, { type: "textarea", key: "catatan", label: "Catatan" }],
    };
    expect(embeddingIdFor(task("verifikasi"))).toBe(id);
    applyChanges(embedFormChanges(moddle, task("verifikasi"), id, edited));
    const xml = await toXml();
    // then
    expect(xml.match(/<zeebe:userTaskForm /g)).toHaveLength(1);
    expect((await compiled(xml)).plan?.forms[id]).toEqual(edited);
  });

  it("keeps the embedded form when the step editor writes the task's settings back unchanged", async () => {
    // given an embedded form
    const { moddle, task, toXml } = await load(newDiagramXml("adopsi"));
    const id = embeddingIdFor(task("verifikasi"));
    applyChanges(embedFormChanges(moddle, task("verifikasi"), id, FORM));
    // when the step editor saves the settings it read
    const settings = readTaskSettings(task("verifikasi"));
    expect(settings.formId).toBe(id);
    writeTaskSettings(moddle, task("verifikasi"), settings);
    // then the task still uses the embedded form
    expect((await compiled(await toXml())).plan?.forms[id]).toEqual(FORM);
  });

  it("refuses an id that cannot be an XML attribute id", async () => {
    const { moddle, task } = await load(newDiagramXml("adopsi"));
    expect(() => embedFormChanges(moddle, task("verifikasi"), "1 bad id", FORM)).toThrow(/not a valid form id/);
  });
});

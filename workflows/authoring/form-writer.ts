/** Writes the form-js schema of each user task of a service definition. */
import { formIdOf } from "./bpmn-writer";
import type { FieldDef, ServiceDef, UserTaskDef } from "./dsl";

/** form-js schema version written by @bpmn-io/form-js 1.23. */
const SCHEMA_VERSION = 19;

function component(field: FieldDef, index: number): Record<string, unknown> {
  return {
    id: `Field_${index + 1}_${field.key}`,
    key: field.key,
    label: field.label,
    type: field.type,
    ...(field.description ? { description: field.description } : {}),
    ...(field.values ? { values: field.values } : {}),
    ...(field.type === "datetime" ? { subtype: "date", dateLabel: field.label } : {}),
    ...(field.required ? { validate: { required: true } } : {}),
  };
}

/** The fields of a task's form: a checklist of the documents it checks, then its own fields. */
export function formFields(def: ServiceDef, task: UserTaskDef): FieldDef[] {
  const docs = (task.documents ?? []).map((id) => {
    const req = def.standard.requirements.find((r) => r.id === id);
    return { value: id, label: req?.name ?? id };
  });
  const checklist: FieldDef[] = docs.length
    ? [
        {
          key: "dokumenDiperiksa",
          label: "Dokumen yang sudah diperiksa / Documents checked",
          type: "checklist",
          values: docs,
        },
      ]
    : [];
  return [...checklist, ...task.fields];
}

/** Form schemas by form id. */
export function toForms(def: ServiceDef): Record<string, Record<string, unknown>> {
  const forms: Record<string, Record<string, unknown>> = {};
  for (const node of def.nodes) {
    if (node.kind !== "user") continue;
    const id = formIdOf(def, node.id);
    forms[id] = {
      id,
      type: "default",
      schemaVersion: SCHEMA_VERSION,
      exporter: { name: "alur-catalogue", version: "1" },
      components: [
        { id: "Text_title", type: "text", text: `### ${node.name}` },
        ...formFields(def, node).map(component),
      ],
    };
  }
  return forms;
}

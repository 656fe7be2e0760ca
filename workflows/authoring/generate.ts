/** Renders a service definition to the files it owns under workflows/ (model, forms, scenarios). */
import { toBpmnXml } from "./bpmn-writer";
import type { ServiceDef } from "./dsl";
import { toForms } from "./form-writer";

export interface GeneratedFile {
  /** Path relative to the workflows/ folder. */
  path: string;
  content: string;
}

/** Path of the model file of a definition, relative to workflows/. */
export function modelPath(def: ServiceDef): string {
  return `${def.slug}/${def.file ?? def.slug}.bpmn`;
}

/** Every file a definition produces. */
export function renderService(def: ServiceDef): GeneratedFile[] {
  const files: GeneratedFile[] = [{ path: modelPath(def), content: toBpmnXml(def) }];
  for (const [id, schema] of Object.entries(toForms(def))) {
    files.push({ path: `${def.slug}/forms/${id}.form`, content: `${JSON.stringify(schema, null, 2)}\n` });
  }
  const prefix = def.variant ? `${def.variant.district}-` : "";
  for (const s of def.scenarios) {
    const scenario = {
      $schema: "../../scenario.schema.json",
      process: def.processId,
      model: modelPath(def),
      district: def.variant?.district ?? def.district,
      ...s,
    };
    files.push({
      path: `${def.slug}/scenarios/${prefix}${s.name}.json`,
      content: `${JSON.stringify(scenario, null, 2)}\n`,
    });
  }
  return files;
}

/** workflows/catalogue.json: each model's district, template and source, for the loader and README. */
export function catalogueManifest(defs: ServiceDef[]): string {
  const models = defs.map((d) => ({
    file: modelPath(d),
    processId: d.processId,
    name: d.name,
    district: d.variant?.district ?? d.district,
    template: d.variant?.template ?? null,
    source: d.source,
    scenarios: d.scenarios.map((s) => s.name),
    coverage: d.coverage,
  }));
  return `${JSON.stringify({ generatedBy: "workflows/authoring/build.ts", models }, null, 2)}\n`;
}

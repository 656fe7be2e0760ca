/**
 * The Camunda 8 corpus (workflows/camunda-corpus): models written in the style of Camunda's docs,
 * which must deploy and run on Alur unchanged. Not part of the catalogue published at first start.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WORKFLOWS_DIR } from "../index";

export const CORPUS_DIR = join(WORKFLOWS_DIR, "camunda-corpus");

export interface CorpusModel {
  /** File name under camunda-corpus/. */
  file: string;
  xml: string;
  /** Linked form-js schemas (forms/*.form) by form id, for the models that reference them by formId. */
  forms: Record<string, unknown>;
  /** Errors Alur reports today (code@elementId) that the external job-worker API is to remove. */
  waitsFor: string[];
}

/** Every model of the corpus manifest, with its linked forms. */
export function loadCamundaCorpus(): CorpusModel[] {
  const manifest = JSON.parse(readFileSync(join(CORPUS_DIR, "corpus.json"), "utf8")) as {
    models: { file: string; waitsFor: string[] }[];
  };
  const formsDir = join(CORPUS_DIR, "forms");
  const linked = new Map<string, unknown>();
  if (existsSync(formsDir)) {
    for (const name of readdirSync(formsDir).filter((n) => n.endsWith(".form"))) {
      const schema = JSON.parse(readFileSync(join(formsDir, name), "utf8")) as { id?: string };
      if (schema.id) linked.set(schema.id, schema);
    }
  }
  return manifest.models.map(({ file, waitsFor }) => {
    const xml = readFileSync(join(CORPUS_DIR, file), "utf8");
    const forms: Record<string, unknown> = {};
    for (const [, formId] of xml.matchAll(/formId="([^"]+)"/g)) {
      const schema = linked.get(formId!);
      if (schema) forms[formId!] = schema;
    }
    return { file, xml, forms, waitsFor };
  });
}

/** The .bpmn files on disk, so a model missing from the manifest is noticed. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((n) => n.endsWith(".bpmn"))
    .sort();
}

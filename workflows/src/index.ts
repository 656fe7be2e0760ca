/**
 * The service catalogue on disk: every BPMN model under workflows/ with the form-js schemas it
 * references, for the runtime to load into the embedded default.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export interface CatalogueEntry {
  /** Service folder under workflows/ (e.g. "pengangkatan-anak"). */
  slug: string;
  /** Path of the model relative to workflows/ (e.g. "pengangkatan-anak/variants/3216.bpmn"). */
  file: string;
  xml: string;
  /** form-js schemas by form id, for every zeebe:formDefinition the model references. */
  forms: Record<string, unknown>;
  /** District code of a district's own model or variant; null for templates and national models. */
  district: string | null;
  /** Process id of the template a variant derives from; null otherwise. */
  template: string | null;
}

/** The workflows/ folder of this package. */
export const WORKFLOWS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

// camunda-corpus: Camunda-8-style test models, not services the catalogue publishes at first start.
const SKIP = new Set(["node_modules", "src", "test", "authoring", "camunda-corpus"]);

function attribute(tag: string | undefined, name: string): string | null {
  if (!tag) return null;
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

/** Districts of models that are a district's own without being a variant (catalogue.json). */
function manifestDistricts(root: string): Map<string, string | null> {
  const path = join(root, "catalogue.json");
  if (!existsSync(path)) return new Map();
  const manifest = JSON.parse(readFileSync(path, "utf8")) as {
    models?: Array<{ file: string; district: string | null }>;
  };
  return new Map((manifest.models ?? []).map((m) => [m.file, m.district]));
}

/** A model's district and template: its alur:variant, else the manifest, else its variants/<code> file name. */
function variantOf(
  xml: string,
  file: string,
  districts: Map<string, string | null>,
): { district: string | null; template: string | null } {
  const tag = /<alur:variant\b[^>]*>/.exec(xml)?.[0];
  const district =
    attribute(tag, "district") ?? districts.get(file) ?? /variants\/(\d+)\.bpmn$/.exec(file)?.[1] ?? null;
  return { district, template: attribute(tag, "template") };
}

function modelFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!SKIP.has(name) && name !== "forms" && name !== "scenarios") out.push(...modelFiles(path));
    } else if (name.endsWith(".bpmn")) {
      out.push(path);
    }
  }
  return out;
}

/** Every model of the catalogue, templates before their variants, sorted by path. */
export function loadCatalogue(root: string = WORKFLOWS_DIR): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  const districts = manifestDistricts(root);
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (SKIP.has(name) || !statSync(dir).isDirectory()) continue;
    for (const path of modelFiles(dir)) {
      const file = relative(root, path).split("\\").join("/");
      const xml = readFileSync(path, "utf8");
      const forms: Record<string, unknown> = {};
      for (const match of xml.matchAll(/<zeebe:formDefinition\b[^>]*\bformId="([^"]+)"/g)) {
        const formId = match[1]!;
        const formPath = join(dir, "forms", `${formId}.form`);
        if (existsSync(formPath)) forms[formId] = JSON.parse(readFileSync(formPath, "utf8"));
      }
      entries.push({ slug: name, file, xml, forms, ...variantOf(xml, file, districts) });
    }
  }
  return entries.sort(
    (a, b) => Number(a.template !== null) - Number(b.template !== null) || a.file.localeCompare(b.file),
  );
}

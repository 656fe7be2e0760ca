/**
 * The Camunda 8 corpus (workflows/camunda-corpus): models written in the style of Camunda's docs,
 * which must deploy and run on Alur unchanged. Not part of the catalogue published at first start.
 * `corpus.json` says, per model, what still stops it (`waitsFor`) and how a run drives it (`run`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { WORKFLOWS_DIR } from "../index";

const CORPUS_DIR = join(WORKFLOWS_DIR, "camunda-corpus");

/** A cast member of a run, by key: the run's test gives each an account with the role it names. */
const CastKey = z.string().min(1);

/**
 * Start data and form data: JSON, where an object `{"$cast": key}` stands for the username of that
 * cast member (assignees and candidate users named by FEEL, e.g. `assignee="=owner"`).
 */
const Data = z.record(z.string(), z.unknown());

/** Waits until the case has entered this element before the step (a boundary or catch is active). */
const After = z.string().min(1).optional();

export const CorpusStep = z.discriminatedUnion("do", [
  /** Complete the open user task `elementId` as cast member `as` (claiming it first if free). */
  z.object({ do: z.literal("task"), elementId: z.string().min(1), as: CastKey, data: Data.default({}) }),
  /** Serve the next job of `type` for the case: complete it with `variables`, or throw `errorCode`. */
  z.object({
    do: z.literal("job"),
    type: z.string().min(1),
    elementId: z.string().min(1),
    variables: Data.optional(),
    errorCode: z.string().min(1).optional(),
  }),
  /** Publish a message to the case through POST /cases/{id}/messages (as the case's front office). */
  z.object({
    do: z.literal("message"),
    name: z.string().min(1),
    correlationKey: z.string().optional(),
    payload: Data.default({}),
    after: After,
  }),
  /** Broadcast a signal to the district (POST /signals, as the district admin). */
  z.object({ do: z.literal("signal"), name: z.string().min(1), payload: Data.default({}), after: After }),
  /** Wait until the timer event `elementId` has fired (left); its duration as the model writes it. */
  z.object({ do: z.literal("timer"), elementId: z.string().min(1) }),
]);
export type CorpusStep = z.infer<typeof CorpusStep>;

/** A change a model needs before it runs on Alur: what is replaced, by what, and why. */
export const CorpusEdit = z.object({
  find: z.string().min(1),
  /** `{{outsideSystem}}` stands for the base URL of the run's stand-in HTTP server. */
  replace: z.string(),
  why: z.string().min(1),
});
export type CorpusEdit = z.infer<typeof CorpusEdit>;

/** How a run drives one model from its start to its end events. */
export const CorpusRun = z.object({
  /** Start data (the model's start form fields), sent with POST /cases. */
  variables: Data.default({}),
  steps: z.array(CorpusStep),
  /** The end events the case reaches (every one of them, for a model ending on several paths). */
  end: z.array(z.string().min(1)).min(1),
  /** What the run's stand-in HTTP server answers (a model with the REST connector). */
  outsideSystem: z.object({ answer: z.unknown() }).optional(),
  /** What the model needs changed to run here; empty: it runs unchanged. */
  edits: z.array(CorpusEdit).default([]),
  /** Why the run takes this path (a long timer it does not wait for, ...). */
  note: z.string().optional(),
});
export type CorpusRun = z.infer<typeof CorpusRun>;

export const CorpusManifest = z.object({
  $comment: z.string().optional(),
  /** Cast member key → the staff role its account holds (every run's `as` names one). */
  cast: z.record(CastKey, z.string().min(1)),
  models: z.array(
    z.object({
      file: z.string().regex(/\.bpmn$/),
      /** Errors Alur reports today (code@elementId) that stop the model; empty when it deploys as written. */
      waitsFor: z.array(z.string()),
      /** The file's process a run starts (default: its first executable process). */
      start: z.string().optional(),
      run: CorpusRun,
    }),
  ),
});
export type CorpusManifest = z.infer<typeof CorpusManifest>;

export interface CorpusModel {
  /** File name under camunda-corpus/. */
  file: string;
  xml: string;
  /** Linked form-js schemas (forms/*.form) by form id, for the models that reference them by formId. */
  forms: Record<string, unknown>;
  /** Errors Alur reports today (code@elementId) that stop the model. */
  waitsFor: string[];
  /** The process a run starts, if not the file's first executable one. */
  start?: string;
  run: CorpusRun;
}

/** The corpus manifest, checked against its schema. */
export function loadCorpusManifest(): CorpusManifest {
  return CorpusManifest.parse(JSON.parse(readFileSync(join(CORPUS_DIR, "corpus.json"), "utf8")));
}

/** Every model of the corpus manifest, with its linked forms. */
export function loadCamundaCorpus(): CorpusModel[] {
  const manifest = loadCorpusManifest();
  const formsDir = join(CORPUS_DIR, "forms");
  const linked = new Map<string, unknown>();
  if (existsSync(formsDir)) {
    for (const name of readdirSync(formsDir).filter((n) => n.endsWith(".form"))) {
      const schema = JSON.parse(readFileSync(join(formsDir, name), "utf8")) as { id?: string };
      if (schema.id) linked.set(schema.id, schema);
    }
  }
  return manifest.models.map(({ file, waitsFor, start, run }) => {
    const xml = readFileSync(join(CORPUS_DIR, file), "utf8");
    const forms: Record<string, unknown> = {};
    for (const [, formId] of xml.matchAll(/formId="([^"]+)"/g)) {
      const schema = linked.get(formId!);
      if (schema) forms[formId!] = schema;
    }
    return { file, xml, forms, waitsFor, ...(start ? { start } : {}), run };
  });
}

/** `data` with every `{"$cast": key}` replaced by `username(key)`, at any depth. */
export function withCast(data: unknown, username: (key: string) => string): unknown {
  if (Array.isArray(data)) return data.map((v) => withCast(v, username));
  if (data && typeof data === "object") {
    const entries = Object.entries(data);
    if (entries.length === 1 && entries[0]![0] === "$cast" && typeof entries[0]![1] === "string") {
      return username(entries[0]![1]);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, withCast(v, username)]));
  }
  return data;
}

/** The .bpmn files on disk, so a model missing from the manifest is noticed. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((n) => n.endsWith(".bpmn"))
    .sort();
}

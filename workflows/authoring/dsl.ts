/**
 * A compact description of a catalogue service, from which the BPMN model (with DI), its forms and
 * its scenario files are generated. The definitions quote the seed documents; the generated
 * `.bpmn` files are what designer and runtime load.
 */
import type { CatalogueScenario, CatalogueStep, DueFact as SharedDueFact } from "@alur/shared/scenario";

export type SlaUnit = "minutes" | "hours" | "workingHours" | "workingDays" | "calendarDays" | "months";
export type DurationUnit = SlaUnit | "years";

export interface LegalBasisDef {
  kind: string;
  number?: string;
  year?: number;
  title: string;
}

export interface RequirementDef {
  id: string;
  name: string;
  mandatory?: boolean;
  providedBy?: string;
  note?: string;
}

export interface StandardDef {
  code: string;
  name: string;
  office: string;
  validFrom?: string;
  validUntil?: string;
  legalBasis: LegalBasisDef[];
  requirements: RequirementDef[];
  /** Procedure steps as the decree words them, in order; `[role, text]` when a role is clear. */
  procedure: Array<string | [string, string]>;
  completionTime?: {
    value: number;
    maxValue?: number;
    unit: DurationUnit;
    officeStart?: string;
    officeEnd?: string;
    text: string;
  };
  fee?: { amount: number; text: string };
  products: Array<{ name: string; text?: string }>;
  complaints?: {
    responseValue?: number;
    responseUnit?: DurationUnit;
    text?: string;
    channels: Array<{ kind: string; value?: string }>;
  };
  /** Prose components 8-14 and the pledge, quoted; absent where the document is silent. */
  components: Partial<
    Record<
      | "facilities"
      | "competence"
      | "supervision"
      | "staffCount"
      | "serviceGuarantee"
      | "safetyGuarantee"
      | "evaluation"
      | "pledge",
      string
    >
  >;
}

export type FieldType =
  | "checkbox"
  | "textfield"
  | "textarea"
  | "number"
  | "datetime"
  | "radio"
  | "select"
  | "checklist";

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  values?: Array<{ value: string; label: string }>;
  description?: string;
}

export interface UserTaskDef {
  kind: "user";
  id: string;
  name: string;
  roles: string[];
  sla?: { value: number; unit: SlaUnit };
  /** Requirement ids this task checks. */
  documents?: string[];
  escalateTo?: string[];
  /** The case waits on someone outside the office (applicant, province, court). */
  pausesClock?: boolean;
  /** Form fields; the form id is `<slug>-<task id>` (kebab case). */
  fields: FieldDef[];
}

export interface ServiceTaskDef {
  kind: "service";
  id: string;
  name: string;
  type: "document" | "notify" | "http";
  headers: Record<string, string>;
}

export interface ReceiveTaskDef {
  kind: "receive";
  id: string;
  name: string;
  message: string;
  pausesClock?: boolean;
  /** Variables the message carries into the case (each `=name` → `name`); a message may set nothing else. */
  outputs?: string[];
}

export interface BoundaryTimerDef {
  kind: "boundaryTimer";
  id: string;
  name: string;
  attachedTo: string;
  interrupting: boolean;
  timer: { cycle: string } | { duration: string } | { workingTime: { value: number; unit: SlaUnit } };
}

export interface SimpleNodeDef {
  kind: "start" | "end" | "xor";
  id: string;
  name: string;
}

export type NodeDef = UserTaskDef | ServiceTaskDef | ReceiveTaskDef | BoundaryTimerDef | SimpleNodeDef;

export interface FlowDef {
  from: string;
  to: string;
  name?: string;
  /** FEEL in Zeebe notation ("=docsComplete = true"). */
  condition?: string;
  isDefault?: boolean;
}

/**
 * A due date as a working-time fact: one unit and its amount, counted on the district calendar
 * from when the task opened (or the case started), e.g. `{ workingDays: 3 }`.
 */
export type DueFact = SharedDueFact;

/** A scenario step, in the one scenario format (@alur/shared/scenario, docs/simulate.md). */
export type ScenarioStep = CatalogueStep;

/** A scenario as a service definition states it; the generator adds its process, model and district. */
export type ScenarioDef = Omit<CatalogueScenario, "$schema" | "process" | "model" | "district">;

export interface PrivacyDef {
  sensitive: boolean;
  /** ISO 8601 duration after a case closes, e.g. "P5Y". */
  retention?: string;
  /** Form or applicant field → roles that see it. */
  fields?: Record<string, string[]>;
  /** Requirement id → roles that see its documents. */
  documents?: Record<string, string[]>;
}

export interface ServiceDef {
  /** Folder name under workflows/. */
  slug: string;
  /** File name without extension (default: slug); variants use `variants/<district>`. */
  file?: string;
  processId: string;
  name: string;
  /** District code when the model is a district's own (Bekasi 3216, Sumedang 3211, Seruyan 6207). */
  district: string | null;
  source: { seed: string; section: string };
  standard: StandardDef;
  variant?: { template: string; district: string; effectiveFrom?: string; legalBasis: LegalBasisDef };
  /** Personal-data rules (alur:privacy): restricted fields/documents by role, retention period. */
  privacy?: PrivacyDef;
  nodes: NodeDef[];
  flows: FlowDef[];
  scenarios: ScenarioDef[];
  /** One line for the README: what the scenarios cover. */
  coverage: string;
}

// Builders: keep the service files readable.

export const start = (id: string, name: string): SimpleNodeDef => ({ kind: "start", id, name });
export const end = (id: string, name: string): SimpleNodeDef => ({ kind: "end", id, name });
export const xor = (id: string, name: string): SimpleNodeDef => ({ kind: "xor", id, name });
export const user = (id: string, name: string, spec: Omit<UserTaskDef, "kind" | "id" | "name">): UserTaskDef => ({
  kind: "user",
  id,
  name,
  ...spec,
});
/** Built-in templates of the runtime's document connector (runtime/src/connectors/document-templates.ts). */
export type DocumentKind = "surat-rekomendasi" | "berita-acara" | "generic";

/**
 * A product: a `document` connector job. `docId` names the product (and its PDF file); the
 * template is the built-in letter or handover record, or a generic document with its own body.
 */
export const doc = (id: string, name: string, docId: string, title: string): ServiceTaskDef => {
  const kind: DocumentKind = docId.startsWith("surat-rekomendasi")
    ? "surat-rekomendasi"
    : docId.startsWith("ba-") || docId.startsWith("tanda-terima")
      ? "berita-acara"
      : "generic";
  return {
    kind: "service",
    id,
    name,
    type: "document",
    headers: {
      template: kind,
      title,
      fileName: `${docId}.pdf`,
      ...(kind === "generic" ? { body: `${title}\n\n{{catatan}}` } : {}),
    },
  };
};

/**
 * A notice: a `notify` connector job to staff roles. Notices for the applicant go to the front
 * office (the office has no channel to applicants yet), marked `audience="applicant"`.
 */
export const notify = (id: string, name: string, recipient: string, message: string): ServiceTaskDef => ({
  kind: "service",
  id,
  name,
  type: "notify",
  headers:
    recipient === "applicant"
      ? { roles: "front-office", audience: "applicant", title: name, message: `Sampaikan kepada pemohon: ${message}` }
      : { roles: recipient, title: name, message },
});
export const receive = (
  id: string,
  name: string,
  message: string,
  pausesClock = true,
  outputs: string[] = [],
): ReceiveTaskDef => ({
  kind: "receive",
  id,
  name,
  message,
  pausesClock,
  ...(outputs.length > 0 ? { outputs } : {}),
});
export const flow = (from: string, to: string, extra: Omit<FlowDef, "from" | "to"> = {}): FlowDef => ({
  from,
  to,
  ...extra,
});
/** A chain of unconditional flows a → b → c. */
export const chain = (...ids: string[]): FlowDef[] => ids.slice(1).map((to, i) => flow(ids[i]!, to));

// Common form fields.
export const notes: FieldDef = { key: "catatan", label: "Catatan / Notes", type: "textarea" };
export const yes = (key: string, label: string, description?: string): FieldDef => ({
  key,
  label,
  type: "checkbox",
  ...(description ? { description } : {}),
});
/** A joining exclusive gateway (explicit, so no task has two incoming flows). */
export const merge = (id: string): SimpleNodeDef => ({ kind: "xor", id, name: "" });

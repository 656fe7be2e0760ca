/**
 * The service standard (alur:serviceStandard) as the structured editor's form: read from a
 * process, checked field by field with the shared schemas, and written back as moddle changes.
 * Values the admin did not touch are written as they were read, so a model saved without edits
 * serialises exactly as before; the compiler reads what this writes (service-standard.ts).
 */
import {
  ComplaintChannel,
  CompletionTime,
  DurationUnit,
  Fee,
  LegalBasis,
  PROSE_COMPONENTS,
  type ProseComponent,
  Requirement,
  ServiceStandard,
} from "@alur/shared/schemas";
import type { ModdleChange } from "../forms/embedded-form";
import { type Bo, findExtension, type ModdleLike } from "./model-access";

/** File types an admin picks from (lower case, no dot); a model may name others, which are kept. */
export const FILE_TYPES = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx"] as const;
/** What the compiler assumes when a requirement names no file types. */
export const DEFAULT_FILE_TYPES = Requirement.shape.fileTypes.parse(undefined);

/** One row of a list component: its fields as typed, and the element it was read from (if any). */
type Row<F extends string> = Record<F, string> & { key: string; source?: Bo };

export type LegalBasisRow = Row<"kind" | "number" | "year" | "title" | "link" | "date">;
export type RequirementRow = Row<"id" | "name" | "providedBy" | "maxSizeMb" | "note"> & {
  /** Absent in the model means mandatory. */
  mandatory: boolean;
  /** null: the model names none (the defaults apply). */
  fileTypes: string[] | null;
};
export type ProductRow = Row<"name" | "text">;
export type ChannelRow = Row<"kind" | "value">;

export interface StandardForm {
  code: string;
  name: string;
  office: string;
  validFrom: string;
  validUntil: string;
  legalBases: LegalBasisRow[];
  requirements: RequirementRow[];
  completion: { value: string; maxValue: string; unit: string; officeStart: string; officeEnd: string; text: string };
  /** `paid`: the admin chose a tariff (the amount must then be above Rp 0); not written. */
  fee: { amount: string; basis: string; text: string; paid: boolean };
  products: ProductRow[];
  complaints: { responseValue: string; responseUnit: string; text: string };
  channels: ChannelRow[];
  prose: Record<ProseComponent, string>;
  /** What the form was read from, for writing untouched values back as they were. */
  source: {
    standard?: Bo;
    completion?: Bo;
    fee?: Bo;
    complaints?: Bo;
    /** Prose components in the model's order. */
    proseOrder: ProseComponent[];
  };
}

let nextKey = 0;
/** A key for a new row (React lists; never written to the model). */
export function rowKey(): string {
  nextKey += 1;
  return `row-${nextKey}`;
}

function text(bo: Bo | undefined, prop: string): string {
  const value = bo?.get(prop);
  return value === undefined || value === null ? "" : String(value);
}

function list(bo: Bo | undefined, prop: string): Bo[] {
  return ((bo?.get(prop) as Bo[] | undefined) ?? []).filter(Boolean);
}

function rowOf<F extends string>(bo: Bo, fields: readonly F[]): Row<F> {
  const row = { key: rowKey(), source: bo } as Row<F>;
  for (const f of fields) (row as Record<string, string>)[f] = text(bo, f);
  return row;
}

const LEGAL_FIELDS = ["kind", "number", "year", "title", "link", "date"] as const;
const REQUIREMENT_FIELDS = ["id", "name", "providedBy", "maxSizeMb", "note"] as const;

/** Splits a fileTypes attribute as the compiler does (lower case, no dot). */
function fileTypesOf(value: string): string[] {
  return value
    .split(",")
    .map((t) => t.trim().toLowerCase().replace(/^\./, ""))
    .filter(Boolean);
}

/** The editor's form of a process's service standard (empty fields when it has none). */
export function readStandardForm(process: Bo | undefined): StandardForm {
  const standard = findExtension(process, "alur:ServiceStandard");
  const completion = standard?.get("completionTime") as Bo | undefined;
  const fee = standard?.get("fee") as Bo | undefined;
  const complaints = standard?.get("complaints") as Bo | undefined;
  const prose = Object.fromEntries(PROSE_COMPONENTS.map((k) => [k, ""])) as Record<ProseComponent, string>;
  const proseOrder: ProseComponent[] = [];
  for (const c of list(standard, "components")) {
    const key = text(c, "key") as ProseComponent;
    if (!(PROSE_COMPONENTS as readonly string[]).includes(key) || proseOrder.includes(key)) continue;
    prose[key] = text(c, "text");
    proseOrder.push(key);
  }
  return {
    code: text(standard, "code"),
    name: text(standard, "name"),
    office: text(standard, "office"),
    validFrom: text(standard, "validFrom"),
    validUntil: text(standard, "validUntil"),
    legalBases: list(standard, "legalBases").map((b) => rowOf(b, LEGAL_FIELDS)),
    requirements: list(standard, "requirements").map((r) => {
      const types = r.get("fileTypes");
      return {
        ...rowOf(r, REQUIREMENT_FIELDS),
        mandatory: r.get("mandatory") !== false,
        fileTypes: typeof types === "string" && types.trim() ? fileTypesOf(types) : null,
      };
    }),
    completion: {
      value: text(completion, "value"),
      maxValue: text(completion, "maxValue"),
      unit: text(completion, "unit"),
      officeStart: text(completion, "officeStart"),
      officeEnd: text(completion, "officeEnd"),
      text: text(completion, "text"),
    },
    fee: {
      amount: text(fee, "amount"),
      basis: text(fee, "basis"),
      text: text(fee, "text"),
      paid: Number(fee?.get("amount") ?? 0) > 0,
    },
    products: list(standard, "products").map((p) => rowOf(p, ["name", "text"] as const)),
    complaints: {
      responseValue: text(complaints, "responseValue"),
      responseUnit: text(complaints, "responseUnit"),
      text: text(complaints, "text"),
    },
    channels: list(complaints, "channels").map((c) => rowOf(c, ["kind", "value"] as const)),
    prose,
    source: { standard, completion, fee, complaints, proseOrder },
  };
}

/** "1,5" or "1.5" → 1.5; undefined when blank or not a number. */
export function parseNumber(value: string): number | undefined {
  const trimmed = value.trim().replace(/\s/g, "");
  if (!trimmed) return undefined;
  const n = Number(trimmed.replace(",", "."));
  return Number.isFinite(n) ? n : undefined;
}

/** A Rupiah amount as typed ("50.000", "Rp 50.000", "50000") → 50000; undefined when blank or not a number. */
export function parseRupiah(value: string): number | undefined {
  const digits = value
    .replace(/^\s*rp\.?\s*/i, "")
    .replace(/[.\s]/g, "")
    .replace(/,-?$/, "");
  if (!digits) return undefined;
  return /^\d+$/.test(digits) ? Number(digits) : undefined;
}

/** 50000 → "50.000" (as Indonesian writes Rupiah). */
export function formatRupiah(amount: number): string {
  return amount.toLocaleString("id-ID", { maximumFractionDigits: 0 });
}

type Kind = "string" | "number" | "rupiah" | "body";

/** The value to write: the model's own when the field still reads as it did, else the typed one. */
function keep(source: Bo | undefined, prop: string, typed: string, kind: Kind): unknown {
  if (source && text(source, prop) === typed) return source.get(prop);
  if (kind === "number") return parseNumber(typed);
  if (kind === "rupiah") return parseRupiah(typed);
  if (kind === "body") return typed.trim() ? typed : undefined;
  return typed.trim() || undefined;
}

/** A new element of `type` with the given properties (undefined ones left out) and the source's foreign attributes. */
function build(factory: ModdleLike, type: string, properties: Record<string, unknown>, source?: Bo): Bo {
  const attrs = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined && v !== ""));
  const element = factory.create(type, attrs);
  const foreign = source?.$attrs as Record<string, unknown> | undefined;
  if (foreign && element.$attrs && Object.keys(foreign).length > 0) Object.assign(element.$attrs, foreign);
  return element;
}

function adopt(parent: Bo, children: (Bo | undefined)[]): void {
  for (const child of children) if (child) child.$parent = parent;
}

const isBlank = (values: string[]) => values.every((v) => !v.trim());

/**
 * The changes that write the form into the process's alur:serviceStandard (created when absent);
 * the typed procedure steps (an archive, see derive-standard) are kept as they are.
 */
export function standardChanges(factory: ModdleLike, process: Bo, form: StandardForm): ModdleChange[] {
  const changes: ModdleChange[] = [];
  let ext = process.get("extensionElements") as Bo | undefined;
  if (!ext) {
    ext = factory.create("bpmn:ExtensionElements", { values: [] });
    ext.$parent = process;
    changes.push({ target: process, properties: { extensionElements: ext } });
  }
  let standard = findExtension(process, "alur:ServiceStandard");
  if (!standard) {
    standard = factory.create("alur:ServiceStandard");
    standard.$parent = ext;
    changes.push({ target: ext, properties: { values: [...list(ext, "values"), standard] } });
  }
  const src = form.source.standard === standard ? form.source : { proseOrder: form.source.proseOrder };
  const s = src.standard;

  const legalBases = form.legalBases.map((row) =>
    build(
      factory,
      "alur:LegalBasis",
      {
        kind: keep(row.source, "kind", row.kind, "string"),
        number: keep(row.source, "number", row.number, "string"),
        year: keep(row.source, "year", row.year, "number"),
        title: keep(row.source, "title", row.title, "string"),
        link: keep(row.source, "link", row.link, "string"),
        date: keep(row.source, "date", row.date, "string"),
      },
      row.source,
    ),
  );
  const requirements = form.requirements.map((row) => {
    const sourceTypes = row.source?.get("fileTypes");
    const sameTypes =
      typeof sourceTypes === "string" && sourceTypes.trim()
        ? row.fileTypes !== null && fileTypesOf(sourceTypes).join(",") === row.fileTypes.join(",")
        : row.fileTypes === null;
    const sourceMandatory = row.source?.get("mandatory");
    return build(
      factory,
      "alur:Requirement",
      {
        id: keep(row.source, "id", row.id, "string"),
        name: keep(row.source, "name", row.name, "string"),
        // absent reads as mandatory: leave it absent unless it changes
        mandatory: (sourceMandatory ?? true) === row.mandatory ? sourceMandatory : row.mandatory,
        providedBy: keep(row.source, "providedBy", row.providedBy, "string"),
        fileTypes: sameTypes ? sourceTypes : row.fileTypes?.join(","),
        maxSizeMb: keep(row.source, "maxSizeMb", row.maxSizeMb, "number"),
        note: keep(row.source, "note", row.note, "string"),
      },
      row.source,
    );
  });
  const c = form.completion;
  const completionTime = isBlank([c.value, c.maxValue, c.unit, c.officeStart, c.officeEnd, c.text])
    ? undefined
    : build(
        factory,
        "alur:CompletionTime",
        {
          value: keep(src.completion, "value", c.value, "number"),
          maxValue: keep(src.completion, "maxValue", c.maxValue, "number"),
          unit: keep(src.completion, "unit", c.unit, "string"),
          officeStart: keep(src.completion, "officeStart", c.officeStart, "string"),
          officeEnd: keep(src.completion, "officeEnd", c.officeEnd, "string"),
          text: keep(src.completion, "text", c.text, "body"),
        },
        src.completion,
      );
  const f = form.fee;
  const fee = isBlank([f.amount, f.basis, f.text])
    ? undefined
    : build(
        factory,
        "alur:Fee",
        {
          amount: keep(src.fee, "amount", f.amount, "rupiah"),
          currency: src.fee ? src.fee.get("currency") : "IDR",
          basis: keep(src.fee, "basis", f.basis, "string"),
          text: keep(src.fee, "text", f.text, "body"),
        },
        src.fee,
      );
  const products = form.products.map((row) =>
    build(
      factory,
      "alur:Product",
      { name: keep(row.source, "name", row.name, "string"), text: keep(row.source, "text", row.text, "body") },
      row.source,
    ),
  );
  const k = form.complaints;
  const channels = form.channels.map((row) =>
    build(
      factory,
      "alur:Channel",
      { kind: keep(row.source, "kind", row.kind, "string"), value: keep(row.source, "value", row.value, "string") },
      row.source,
    ),
  );
  const complaints =
    isBlank([k.responseValue, k.responseUnit, k.text]) && channels.length === 0
      ? undefined
      : build(
          factory,
          "alur:Complaints",
          {
            responseValue: keep(src.complaints, "responseValue", k.responseValue, "number"),
            responseUnit: keep(src.complaints, "responseUnit", k.responseUnit, "string"),
            text: keep(src.complaints, "text", k.text, "string"),
          },
          src.complaints,
        );
  if (complaints) {
    complaints.set("channels", channels);
    adopt(complaints, channels);
  }
  const sourceComponents = new Map(list(s, "components").map((el) => [text(el, "key"), el]));
  const order = [...src.proseOrder, ...PROSE_COMPONENTS.filter((key) => !src.proseOrder.includes(key))];
  const components = order.flatMap((key) => {
    const typed = form.prose[key];
    if (!typed.trim()) return [];
    const source = sourceComponents.get(key);
    return [build(factory, "alur:Component", { key, text: keep(source, "text", typed, "body") }, source)];
  });
  const children = [...legalBases, ...requirements, completionTime, fee, ...products, complaints, ...components];
  adopt(standard, children);
  changes.push({
    target: standard,
    properties: {
      code: keep(s, "code", form.code, "string"),
      name: keep(s, "name", form.name, "string"),
      office: keep(s, "office", form.office, "string"),
      validFrom: keep(s, "validFrom", form.validFrom, "string"),
      validUntil: keep(s, "validUntil", form.validUntil, "string"),
      legalBases,
      requirements,
      completionTime,
      fee,
      products,
      complaints,
      components,
    },
  });
  return changes;
}

/** A problem of one field, as an i18n key with its values. */
export type FieldError = { key: string; values?: Record<string, string> };
/** Problems by field path ("legalBases.0.year", "completion.value"). */
export type StandardErrors = Record<string, FieldError>;

const MIN_YEAR = 1945;
const MAX_YEAR = 2100;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^\d{2}:\d{2}$/;

/** The shared schema's verdict on one value, as an i18n key (the first issue only). */
function schemaError(schema: { safeParse(v: unknown): { success: boolean } }, value: unknown, key: string) {
  return schema.safeParse(value).success ? undefined : { key };
}

/**
 * Every problem of the form, checked with the shared schemas' field definitions so the editor
 * refuses what the compiler would (service-standard-invalid) and says why in the user's language.
 */
export function checkStandardForm(form: StandardForm): StandardErrors {
  const errors: StandardErrors = {};
  const put = (path: string, error: FieldError | undefined) => {
    if (error && !errors[path]) errors[path] = error;
  };
  const required = (path: string, value: string) => {
    if (!value.trim()) put(path, { key: "standardEditor.error.required" });
  };
  const date = (path: string, value: string) => {
    if (value && !(ISO_DATE.test(value) && ServiceStandard.shape.validFrom.safeParse(value).success))
      put(path, { key: "standardEditor.error.date" });
  };
  required("code", form.code);
  required("name", form.name);
  date("validFrom", form.validFrom);
  date("validUntil", form.validUntil);
  if (form.validFrom && form.validUntil && !errors.validFrom && !errors.validUntil && form.validUntil < form.validFrom)
    put("validUntil", { key: "standardEditor.error.untilBeforeFrom" });

  form.legalBases.forEach((row, i) => {
    const at = (f: string) => `legalBases.${i}.${f}`;
    required(at("kind"), row.kind);
    required(at("title"), row.title);
    const year = row.year.trim();
    if (year && !(/^\d{4}$/.test(year) && LegalBasis.shape.year.safeParse(Number(year)).success))
      put(at("year"), { key: "legalBasis.error.yearRange", values: { min: String(MIN_YEAR), max: String(MAX_YEAR) } });
    if (row.link.trim()) put(at("link"), schemaError(LegalBasis.shape.link, row.link.trim(), "legalBasis.error.link"));
    date(at("date"), row.date);
    if (row.date && !errors[at("date")] && !errors[at("year")] && year && row.date.slice(0, 4) !== year)
      put(at("date"), { key: "standardEditor.error.dateYear", values: { year } });
  });

  const ids = new Map<string, number>();
  form.requirements.forEach((row, i) => {
    const at = (f: string) => `requirements.${i}.${f}`;
    required(at("id"), row.id);
    required(at("name"), row.name);
    const id = row.id.trim();
    if (id && ids.has(id)) put(at("id"), { key: "standardEditor.error.duplicateId", values: { id } });
    ids.set(id, i);
    if (row.fileTypes !== null && row.fileTypes.length === 0)
      put(at("fileTypes"), { key: "standardEditor.error.fileTypes" });
    if (row.maxSizeMb.trim()) {
      const size = parseNumber(row.maxSizeMb);
      put(at("maxSizeMb"), schemaError(Requirement.shape.maxSizeMb, size, "standardEditor.error.maxSize"));
    }
  });

  const c = form.completion;
  if (!isBlank([c.value, c.maxValue, c.unit, c.officeStart, c.officeEnd, c.text])) {
    const value = parseNumber(c.value);
    if (!c.value.trim()) put("completion.value", { key: "standardEditor.error.required" });
    else if (!CompletionTime.shape.value.safeParse(value).success)
      put("completion.value", { key: "standardEditor.error.number" });
    if (c.maxValue.trim()) {
      const max = parseNumber(c.maxValue);
      if (!CompletionTime.shape.value.safeParse(max).success)
        put("completion.maxValue", { key: "standardEditor.error.number" });
      else if (value !== undefined && max !== undefined && max < value)
        put("completion.maxValue", { key: "standardEditor.error.maxBelowValue" });
    }
    if (!DurationUnit.safeParse(c.unit).success) put("completion.unit", { key: "standardEditor.error.unit" });
    for (const f of ["officeStart", "officeEnd"] as const) {
      const v = c[f].trim();
      if (v && !(CLOCK.test(v) && Number(v.slice(0, 2)) < 24 && Number(v.slice(3)) < 60))
        put(`completion.${f}`, { key: "standardEditor.error.clock" });
    }
    if (!!c.officeStart.trim() !== !!c.officeEnd.trim())
      put(c.officeStart.trim() ? "completion.officeEnd" : "completion.officeStart", {
        key: "standardEditor.error.required",
      });
  }

  const f = form.fee;
  if (f.paid || !isBlank([f.amount, f.basis, f.text])) {
    const amount = parseRupiah(f.amount);
    if (!f.amount.trim()) put("fee.amount", { key: "standardEditor.error.required" });
    else if (!Fee.shape.amount.safeParse(amount).success) put("fee.amount", { key: "standardEditor.error.rupiah" });
    else if (f.paid && amount === 0) put("fee.amount", { key: "standardEditor.error.rupiah" });
    else if (amount && amount > 0 && !f.basis.trim()) put("fee.basis", { key: "standardEditor.error.feeBasis" });
  }

  for (const [i, row] of form.products.entries()) required(`products.${i}.name`, row.name);
  form.channels.forEach((row, i) => {
    put(
      `channels.${i}.kind`,
      schemaError(ComplaintChannel.shape.kind, row.kind.trim(), "standardEditor.error.required"),
    );
  });
  const k = form.complaints;
  if (k.responseValue.trim() && !CompletionTime.shape.value.safeParse(parseNumber(k.responseValue)).success)
    put("complaints.responseValue", { key: "standardEditor.error.number" });
  if (k.responseUnit && !DurationUnit.safeParse(k.responseUnit).success)
    put("complaints.responseUnit", { key: "standardEditor.error.unit" });
  return errors;
}

/**
 * The completion time the form declares, as the shared schema reads it (for the SLA check while
 * typing); undefined while it is incomplete or invalid.
 */
export function declaredCompletion(form: StandardForm): ServiceStandard["completionTime"] {
  const c = form.completion;
  const parsed = CompletionTime.safeParse({
    value: parseNumber(c.value),
    ...(parseNumber(c.maxValue) !== undefined ? { maxValue: parseNumber(c.maxValue) } : {}),
    unit: c.unit,
    ...(CLOCK.test(c.officeStart) && CLOCK.test(c.officeEnd)
      ? { officeHours: { start: c.officeStart, end: c.officeEnd } }
      : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** The wording the public sees for the completion time, from the fields ("Jam kerja 08.00 – 15.30; 7 hari kerja"). */
export function completionWording(form: StandardForm, unitWord: (unit: string) => string): string {
  const c = form.completion;
  const range = c.maxValue.trim() ? `${c.value.trim()} – ${c.maxValue.trim()}` : c.value.trim();
  const hours =
    c.officeStart && c.officeEnd
      ? `Jam kerja ${c.officeStart.replace(":", ".")} – ${c.officeEnd.replace(":", ".")}; `
      : "";
  return `${hours}${range} ${unitWord(c.unit)}`.trim();
}

/**
 * True when the typed wording (what the public page prints) no longer names the declared
 * number, e.g. "7 Hari Kerja" after the value became 5.
 */
export function wordingOutdated(wording: string, numbers: string[]): boolean {
  if (!wording.trim()) return false;
  const normalised = wording.replace(/(\d)\.(\d{3})/g, "$1$2");
  return numbers
    .map((n) => n.trim())
    .filter(Boolean)
    .some((n) => {
      const variants = [n, n.replace(".", ","), n.replace(",", ".")];
      return !variants.some((v) => new RegExp(`(^|[^\\d,.])${v.replace(/[.,]/g, "[.,]")}($|[^\\d])`).test(normalised));
    });
}

/** Reads the alur:serviceStandard and alur:variant extensions of a process into their schemas. */
import { PROSE_COMPONENTS, ServiceStandard, VariantInfo } from "../schemas";
import { child, children, commaList, extension, type ModdleElement, num, str } from "./moddle-element";
import { type Problem, problem } from "./problem";

/** The service standard declared on a process, validated; problems name the offending field. */
export function readServiceStandard(process: ModdleElement): { standard?: ServiceStandard; problems: Problem[] } {
  const source = extension(process, "alur:ServiceStandard");
  if (!source) return { problems: [] };
  const raw: Record<string, unknown> = {
    code: str(source, "code"),
    name: str(source, "name"),
    office: str(source, "office"),
    validFrom: str(source, "validFrom"),
    validUntil: str(source, "validUntil"),
    legalBasis: children(source, "legalBases").map(legalBasis),
    requirements: children(source, "requirements").map((r) =>
      dropUndefined({
        id: str(r, "id"),
        name: str(r, "name"),
        mandatory: typeof r.mandatory === "boolean" ? r.mandatory : undefined,
        providedBy: str(r, "providedBy"),
        fileTypes: str(r, "fileTypes")
          ? commaList(str(r, "fileTypes")).map((t) => t.toLowerCase().replace(/^\./, ""))
          : undefined,
        maxSizeMb: num(r, "maxSizeMb"),
        note: str(r, "note"),
      }),
    ),
    procedure: children(source, "procedureSteps").map((s) =>
      dropUndefined({ order: num(s, "order"), text: str(s, "text")?.trim(), role: str(s, "role") }),
    ),
    products: children(source, "products").map((p) => dropUndefined({ name: str(p, "name"), text: str(p, "text") })),
  };
  const completion = child(source, "completionTime");
  if (completion) {
    const start = str(completion, "officeStart");
    const end = str(completion, "officeEnd");
    raw.completionTime = dropUndefined({
      value: num(completion, "value"),
      maxValue: num(completion, "maxValue"),
      unit: str(completion, "unit"),
      officeHours: start || end ? { start, end } : undefined,
      text: str(completion, "text")?.trim(),
    });
  }
  const fee = child(source, "fee");
  if (fee) {
    raw.fee = dropUndefined({
      amount: num(fee, "amount"),
      currency: str(fee, "currency"),
      basis: str(fee, "basis"),
      text: str(fee, "text"),
    });
  }
  const complaints = child(source, "complaints");
  if (complaints) {
    const value = num(complaints, "responseValue");
    raw.complaints = dropUndefined({
      channels: children(complaints, "channels").map((c) =>
        dropUndefined({ kind: str(c, "kind"), value: str(c, "value") }),
      ),
      responseTime:
        value !== undefined ? { value, unit: str(complaints, "responseUnit") ?? "calendarDays" } : undefined,
      text: str(complaints, "text"),
    });
  }
  for (const component of children(source, "components")) {
    const key = str(component, "key");
    const text = str(component, "text")?.trim();
    if (key && (PROSE_COMPONENTS as readonly string[]).includes(key) && text) raw[key] = text;
  }
  const parsed = ServiceStandard.safeParse(dropUndefined(raw));
  if (parsed.success) return { standard: parsed.data, problems: [] };
  return { problems: parsed.error.issues.map((issue) => invalid(process.id, "service-standard-invalid", issue)) };
}

/** The district-variant declaration of a process, validated. */
export function readVariant(process: ModdleElement): { variant?: VariantInfo; problems: Problem[] } {
  const source = extension(process, "alur:Variant");
  if (!source) return { problems: [] };
  const basis = child(source, "legalBasis");
  const parsed = VariantInfo.safeParse(
    dropUndefined({
      template: str(source, "template"),
      district: str(source, "district"),
      effectiveFrom: str(source, "effectiveFrom"),
      legalBasis: basis ? legalBasis(basis) : undefined,
    }),
  );
  if (parsed.success) return { variant: parsed.data, problems: [] };
  return { problems: parsed.error.issues.map((issue) => invalid(process.id, "variant-invalid", issue)) };
}

function legalBasis(element: ModdleElement): Record<string, unknown> {
  return dropUndefined({
    kind: str(element, "kind"),
    number: str(element, "number"),
    year: num(element, "year"),
    title: str(element, "title"),
    link: str(element, "link"),
    date: str(element, "date"),
  });
}

function invalid(
  elementId: string | undefined,
  code: string,
  issue: { path: PropertyKey[]; message: string },
): Problem {
  const path = issue.path.map(String).join(".") || "(root)";
  const what =
    code === "variant-invalid" ? ["varian daerah", "district variant"] : ["standar pelayanan", "service standard"];
  return problem(elementId, "error", code, {
    id: `Isian ${what[0]} tidak sah pada "${path}": ${issue.message}`,
    en: `Invalid ${what[1]} field "${path}": ${issue.message}`,
  });
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

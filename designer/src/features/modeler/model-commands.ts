/** Whole-model edits done through bpmn-js commands (undoable): legal basis, variant marker, service standard. */
import { completionShortfall, flowElementsOf, type ModdleElement } from "@alur/shared/compiler";
import type { LegalBasis, ServiceStandard } from "@alur/shared/schemas";
import type Modeler from "bpmn-js/lib/Modeler";
import { type Bo, findExtension } from "./model-access";
import { readStandardForm, type StandardForm, standardChanges } from "./standard-form";

type Factory = { create(type: string, attrs?: Record<string, unknown>): Bo };
type Command = { cmd: string; context: Record<string, unknown> };

function rootAndProcess(modeler: Modeler): { root: unknown; process: Bo } | null {
  const root = modeler.get<{ getRootElement(): { businessObject: Bo } }>("canvas").getRootElement();
  const bo = root.businessObject;
  const process = bo.$type === "bpmn:Process" ? bo : (bo.get("processRef") as Bo | undefined);
  return process ? { root, process } : null;
}

/** One property change on a moddle element (as bpmn-js's updateModdleProperties takes it). */
type Change = { target: Bo; properties: Record<string, unknown> };

function ensureExtension(factory: Factory, owner: Bo, type: string, changes: Change[]): Bo {
  let ext = owner.get("extensionElements") as Bo | undefined;
  if (!ext) {
    ext = factory.create("bpmn:ExtensionElements", { values: [] });
    ext.$parent = owner;
    changes.push({ target: owner, properties: { extensionElements: ext } });
  }
  let found = findExtension(owner, type);
  if (!found) {
    found = factory.create(type);
    found.$parent = ext;
    changes.push({ target: ext, properties: { values: [...((ext.get("values") as Bo[]) ?? []), found] } });
  }
  return found;
}

function toCommands(element: unknown, changes: Change[]): Command[] {
  return changes.map(({ target, properties }) => ({
    cmd: "element.updateModdleProperties",
    context: { element, moddleElement: target, properties },
  }));
}

/** Process id of the open model. */
export function processIdOf(modeler: Modeler): string | null {
  return (rootAndProcess(modeler)?.process.id as string | undefined) ?? null;
}

/** True when the model is marked as a district variant. */
export function isVariant(modeler: Modeler): boolean {
  const target = rootAndProcess(modeler);
  return Boolean(target && findExtension(target.process, "alur:Variant"));
}

/**
 * Marks the model as a variant of `template` for `district` under its legal basis (alur:variant),
 * as one command; an existing marker is updated in place.
 */
export function markVariant(
  modeler: Modeler,
  variantOf: { template: string; district: string; legalBasis: LegalBasis; effectiveFrom: string },
): void {
  const target = rootAndProcess(modeler);
  if (!target) return;
  const factory = modeler.get<Factory>("bpmnFactory");
  const changes: Change[] = [];
  const variant = ensureExtension(factory, target.process, "alur:Variant", changes);
  const attrs = Object.fromEntries(Object.entries(variantOf.legalBasis).filter(([, v]) => v !== undefined));
  const legal = factory.create("alur:LegalBasis", attrs);
  legal.$parent = variant;
  changes.push({
    target: variant,
    properties: {
      template: variantOf.template,
      district: variantOf.district,
      legalBasis: legal,
      effectiveFrom: variantOf.effectiveFrom,
    },
  });
  modeler
    .get<{ execute(c: string, ctx: unknown): void }>("commandStack")
    .execute("properties-panel.multi-command-executor", toCommands(target.root, changes));
}

/** A recorded legal basis as plain attributes (undefined ones left out). */
function basisOf(element: Bo | undefined): Partial<LegalBasis> | null {
  if (!element) return null;
  const year = element.get("year");
  const out: Partial<LegalBasis> = {};
  for (const key of ["kind", "number", "title", "link"] as const) {
    const value = element.get(key);
    if (typeof value === "string" && value) out[key] = value;
  }
  if (typeof year === "number" || (typeof year === "string" && year)) out.year = Number(year);
  return out;
}

/** The variant marker of the open model: template, district, legal basis and effective date. */
export function readVariant(modeler: Modeler): VariantMarker | null {
  const target = rootAndProcess(modeler);
  return target ? variantOfProcess(target.process) : null;
}

type VariantMarker = {
  template: string;
  district: string;
  legalBasis: Partial<LegalBasis> | null;
  effectiveFrom: string | null;
};

/** The variant marker of a process, if it has one. */
export function variantOfProcess(process: Bo): VariantMarker | null {
  const variant = findExtension(process, "alur:Variant");
  if (!variant) return null;
  return {
    template: String(variant.get("template") ?? ""),
    district: String(variant.get("district") ?? ""),
    legalBasis: basisOf(variant.get("legalBasis") as Bo | undefined),
    effectiveFrom: (variant.get("effectiveFrom") as string | undefined) || null,
  };
}

/**
 * The legal basis a new publication of the open model is proposed with: the variant's own, else
 * the last one of the service standard (publishing under it again changes nothing).
 */
export function proposedLegalBasis(modeler: Modeler): ProposedBasis {
  const target = rootAndProcess(modeler);
  return target ? proposedLegalBasisOf(target.process) : { legalBasis: null, effectiveFrom: null };
}

type ProposedBasis = { legalBasis: Partial<LegalBasis> | null; effectiveFrom: string | null };

/** proposedLegalBasis of a process (the step view has no modeler). */
export function proposedLegalBasisOf(process: Bo): ProposedBasis {
  const variant = variantOfProcess(process);
  if (variant) return { legalBasis: variant.legalBasis, effectiveFrom: variant.effectiveFrom };
  const standard = findExtension(process, "alur:ServiceStandard");
  const bases = (standard?.get("legalBases") as Bo[] | undefined) ?? [];
  return { legalBasis: basisOf(bases.at(-1)), effectiveFrom: null };
}

/**
 * Records the legal basis of a publication in the model: on alur:variant for a variant, else
 * appended to the service standard's legal bases.
 */
export function recordLegalBasis(modeler: Modeler, basis: LegalBasis, effectiveFrom: string): void {
  const target = rootAndProcess(modeler);
  if (!target) return;
  const changes = legalBasisChanges(modeler.get<Factory>("bpmnFactory"), target.process, basis, effectiveFrom);
  if (changes.length > 0) {
    modeler
      .get<{ execute(c: string, ctx: unknown): void }>("commandStack")
      .execute("properties-panel.multi-command-executor", toCommands(target.root, changes));
  }
}

/** The changes that record a publication's legal basis on a process (see recordLegalBasis). */
export function legalBasisChanges(factory: Factory, process: Bo, basis: LegalBasis, effectiveFrom: string): Change[] {
  const changes: Change[] = [];
  const attrs = Object.fromEntries(Object.entries(basis).filter(([, v]) => v !== undefined));
  const legal = factory.create("alur:LegalBasis", attrs);
  const variant = findExtension(process, "alur:Variant");
  if (variant) {
    legal.$parent = variant;
    changes.push({ target: variant, properties: { legalBasis: legal, effectiveFrom } });
  } else {
    const standard = ensureExtension(factory, process, "alur:ServiceStandard", changes);
    legal.$parent = standard;
    const existing = (standard.get("legalBases") as Bo[] | undefined) ?? [];
    const same = existing.some(
      (b) => b.get("kind") === basis.kind && b.get("number") === basis.number && b.get("year") === basis.year,
    );
    if (!same) changes.push({ target: standard, properties: { legalBases: [...existing, legal] } });
  }
  return changes;
}

/** The open model's service standard as the editor's form. */
export function readStandard(modeler: Modeler): StandardForm {
  return readStandardForm(rootAndProcess(modeler)?.process);
}

/** Writes the editor's form into the open model's service standard, as one undoable command. */
export function writeStandard(modeler: Modeler, form: StandardForm): void {
  const target = rootAndProcess(modeler);
  if (!target) return;
  const changes = standardChanges(modeler.get<Factory>("bpmnFactory"), target.process, form);
  modeler
    .get<{ execute(c: string, ctx: unknown): void }>("commandStack")
    .execute("properties-panel.multi-command-executor", toCommands(target.root, changes));
}

/** The open model's longest path against a declared completion time (null: it fits). */
export function completionShortfallOf(
  modeler: Modeler,
  completion: NonNullable<ServiceStandard["completionTime"]>,
): ReturnType<typeof completionShortfall> {
  const target = rootAndProcess(modeler);
  if (!target) return null;
  return completionShortfall(flowElementsOf(target.process as unknown as ModdleElement), {
    completionTime: completion,
  });
}

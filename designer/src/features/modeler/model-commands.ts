/** Whole-model edits done through bpmn-js commands (undoable): legal basis and variant marker. */
import type { LegalBasis } from "@alur/shared/schemas";
import type Modeler from "bpmn-js/lib/Modeler";
import { type Bo, findExtension } from "./model-access";

type Factory = { create(type: string, attrs?: Record<string, unknown>): Bo };
type Command = { cmd: string; context: Record<string, unknown> };

function rootAndProcess(modeler: Modeler): { root: unknown; process: Bo } | null {
  const root = modeler.get<{ getRootElement(): { businessObject: Bo } }>("canvas").getRootElement();
  const bo = root.businessObject;
  const process = bo.$type === "bpmn:Process" ? bo : (bo.get("processRef") as Bo | undefined);
  return process ? { root, process } : null;
}

function ensureExtensionCommands(factory: Factory, element: unknown, owner: Bo, type: string, commands: Command[]): Bo {
  let ext = owner.get("extensionElements") as Bo | undefined;
  if (!ext) {
    ext = factory.create("bpmn:ExtensionElements", { values: [] });
    ext.$parent = owner;
    commands.push({
      cmd: "element.updateModdleProperties",
      context: { element, moddleElement: owner, properties: { extensionElements: ext } },
    });
  }
  let found = findExtension(owner, type);
  if (!found) {
    found = factory.create(type);
    found.$parent = ext;
    commands.push({
      cmd: "element.updateModdleProperties",
      context: { element, moddleElement: ext, properties: { values: [...((ext.get("values") as Bo[]) ?? []), found] } },
    });
  }
  return found;
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
  const commands: Command[] = [];
  const variant = ensureExtensionCommands(factory, target.root, target.process, "alur:Variant", commands);
  const attrs = Object.fromEntries(Object.entries(variantOf.legalBasis).filter(([, v]) => v !== undefined));
  const legal = factory.create("alur:LegalBasis", attrs);
  legal.$parent = variant;
  commands.push({
    cmd: "element.updateModdleProperties",
    context: {
      element: target.root,
      moddleElement: variant,
      properties: {
        template: variantOf.template,
        district: variantOf.district,
        legalBasis: legal,
        effectiveFrom: variantOf.effectiveFrom,
      },
    },
  });
  modeler
    .get<{ execute(c: string, ctx: unknown): void }>("commandStack")
    .execute("properties-panel.multi-command-executor", commands);
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
export function readVariant(
  modeler: Modeler,
): { template: string; district: string; legalBasis: Partial<LegalBasis> | null; effectiveFrom: string | null } | null {
  const target = rootAndProcess(modeler);
  const variant = target && findExtension(target.process, "alur:Variant");
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
export function proposedLegalBasis(modeler: Modeler): {
  legalBasis: Partial<LegalBasis> | null;
  effectiveFrom: string | null;
} {
  const variant = readVariant(modeler);
  if (variant) return { legalBasis: variant.legalBasis, effectiveFrom: variant.effectiveFrom };
  const target = rootAndProcess(modeler);
  const standard = target && findExtension(target.process, "alur:ServiceStandard");
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
  const factory = modeler.get<Factory>("bpmnFactory");
  const commands: Command[] = [];
  const attrs = Object.fromEntries(Object.entries(basis).filter(([, v]) => v !== undefined));
  const legal = factory.create("alur:LegalBasis", attrs);
  const update = (moddleElement: Bo, properties: Record<string, unknown>) =>
    commands.push({
      cmd: "element.updateModdleProperties",
      context: { element: target.root, moddleElement, properties },
    });
  const variant = findExtension(target.process, "alur:Variant");
  if (variant) {
    legal.$parent = variant;
    update(variant, { legalBasis: legal, effectiveFrom });
  } else {
    const standard = ensureExtensionCommands(factory, target.root, target.process, "alur:ServiceStandard", commands);
    legal.$parent = standard;
    const existing = (standard.get("legalBases") as Bo[] | undefined) ?? [];
    const same = existing.some(
      (b) => b.get("kind") === basis.kind && b.get("number") === basis.number && b.get("year") === basis.year,
    );
    if (!same) update(standard, { legalBases: [...existing, legal] });
  }
  if (commands.length > 0) {
    modeler
      .get<{ execute(c: string, ctx: unknown): void }>("commandStack")
      .execute("properties-panel.multi-command-executor", commands);
  }
}

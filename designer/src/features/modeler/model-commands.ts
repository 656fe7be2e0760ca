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

/** Marks the model as a variant of `template` for `district` (alur:variant). */
export function markVariant(modeler: Modeler, template: string, district: string): void {
  const target = rootAndProcess(modeler);
  if (!target) return;
  const factory = modeler.get<Factory>("bpmnFactory");
  const commands: Command[] = [];
  const variant = ensureExtensionCommands(factory, target.root, target.process, "alur:Variant", commands);
  commands.push({
    cmd: "element.updateModdleProperties",
    context: { element: target.root, moddleElement: variant, properties: { template, district } },
  });
  modeler
    .get<{ execute(c: string, ctx: unknown): void }>("commandStack")
    .execute("properties-panel.multi-command-executor", commands);
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

/**
 * Edits of a model held as XML (the step view has no bpmn-js modeler): the publication's legal
 * basis and the service standard, the same changes `recordLegalBasis` and `writeStandard` make
 * through commands, applied straight to a moddle tree.
 */
import { completionShortfall, createModdle, flowElementsOf, type ModdleElement } from "@alur/shared/compiler";
import type { LegalBasis, ServiceStandard } from "@alur/shared/schemas";
import { applyChanges } from "../forms/embedded-form";
import type { Bo, ModdleLike } from "./model-access";
import { legalBasisChanges, proposedLegalBasisOf } from "./model-commands";
import { readStandardForm, type StandardForm, standardChanges } from "./standard-form";

async function load(xml: string): Promise<{ moddle: ReturnType<typeof createModdle>; definitions: Bo; process?: Bo }> {
  const moddle = createModdle();
  const { rootElement } = await moddle.fromXML(xml);
  const definitions = rootElement as unknown as Bo;
  const process = ((definitions.get("rootElements") as Bo[]) ?? []).find((e) => e.$type === "bpmn:Process");
  return { moddle, definitions, ...(process ? { process } : {}) };
}

/** proposedLegalBasis of the model's first process. */
export async function proposedLegalBasisOfXml(xml: string): Promise<ReturnType<typeof proposedLegalBasisOf>> {
  const { process } = await load(xml);
  return process ? proposedLegalBasisOf(process) : { legalBasis: null, effectiveFrom: null };
}

/** The model with the publication's legal basis recorded (on its variant marker or its standard). */
export async function recordLegalBasisInXml(xml: string, basis: LegalBasis, effectiveFrom: string): Promise<string> {
  const { moddle, definitions, process } = await load(xml);
  if (!process) return xml;
  const changes = legalBasisChanges(moddle as unknown as ModdleLike, process, basis, effectiveFrom);
  if (changes.length === 0) return xml;
  applyChanges(changes);
  const { xml: out } = await moddle.toXML(definitions as never, { format: true });
  return out;
}

/** The model's service standard as the editor's form, and its longest path against a completion time. */
export async function standardOfXml(xml: string): Promise<{
  form: StandardForm;
  checkCompletion: (
    completion: NonNullable<ServiceStandard["completionTime"]>,
  ) => ReturnType<typeof completionShortfall>;
}> {
  const { process } = await load(xml);
  const elements = process ? flowElementsOf(process as unknown as ModdleElement) : [];
  return {
    form: readStandardForm(process),
    checkCompletion: (completion) => (process ? completionShortfall(elements, { completionTime: completion }) : null),
  };
}

/** The model with the editor's form written into its service standard. */
export async function writeStandardInXml(xml: string, form: StandardForm): Promise<string> {
  const { moddle, definitions, process } = await load(xml);
  if (!process) return xml;
  applyChanges(standardChanges(moddle as unknown as ModdleLike, process, form));
  const { xml: out } = await moddle.toXML(definitions as never, { format: true });
  return out;
}

/// <reference path="./vendor.d.ts" />
/** One BpmnModdle set up with the descriptors Alur reads: BPMN 2.0, Zeebe and the alur extension. */
import { BpmnModdle } from "bpmn-moddle";
import zeebe from "zeebe-bpmn-moddle/resources/zeebe.json";
import alur from "./moddle/alur.json";
import { shareElementShapes } from "./moddle-element-types";

/** Namespace of the alur extension, as written in BPMN files. */
export const ALUR_NAMESPACE = "https://alur.id/schema/bpmn/1.0";

/** A fresh moddle instance, for callers that create or mutate elements (the designer). */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ zeebe, alur });
}

let shared: BpmnModdle | undefined;

/**
 * The instance parseBpmn and toBpmnXml use. Reading keeps no state on the instance beyond its type
 * cache (fromXML runs synchronously with a fresh reader per call), and one instance means one set
 * of element constructors: a fresh instance per parse rebuilt every type and gave every model's
 * elements new hidden classes, which kept the compiler's and bpmnlint's property reads megamorphic.
 */
export function sharedModdle(): BpmnModdle {
  shared ??= shareElementShapes(createModdle());
  return shared;
}

/// <reference path="./vendor.d.ts" />
/** One BpmnModdle set up with the descriptors Alur reads: BPMN 2.0, Zeebe and the alur extension. */
import { BpmnModdle } from "bpmn-moddle";
import zeebe from "zeebe-bpmn-moddle/resources/zeebe.json";
import alur from "./moddle/alur.json";

/** Namespace of the alur extension, as written in BPMN files. */
export const ALUR_NAMESPACE = "https://alur.id/schema/bpmn/1.0";

/** A fresh moddle instance; cheap to create, but not shared so parses never interfere. */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ zeebe, alur });
}

/**
 * Alur's task extension (`<alur:task slaValue slaUnit documents escalateTo pausesClock>`), read in
 * one place: the compiler, the derived standard, the rules and the designer's panels all see the
 * same defaults (SLA in working days) and the same tolerance of hand-edited attributes.
 */
import { WorkingTimeUnit } from "../plan";
import { bool, commaList, extension, type ModdleElement, num, str } from "./moddle-element";

export interface AlurTask {
  /** Requirement ids the step checks. */
  documents: string[];
  /** Role ids told when the step runs late. */
  escalateTo: string[];
  /** Waiting here stops the service-standard clock. */
  pausesClock: boolean;
  /** The SLA amount as written (negative or absent: none). */
  slaValue?: number;
  /** The SLA unit as written, `workingDays` when absent (it may be invalid: see `slaOf`). */
  slaUnit: string;
}

/** Reads the element's `alur:task`; an element without one reads as empty. */
export function alurTaskOf(element: ModdleElement | undefined): AlurTask {
  const task = extension(element, "alur:Task");
  const slaValue = num(task, "slaValue");
  return {
    documents: commaList(str(task, "documents")),
    escalateTo: commaList(str(task, "escalateTo")),
    pausesClock: bool(task, "pausesClock") ?? false,
    ...(slaValue !== undefined ? { slaValue } : {}),
    slaUnit: str(task, "slaUnit") ?? "workingDays",
  };
}

/** The step's SLA when it is a valid one (a non-negative amount of a working-time unit). */
export function slaOf(element: ModdleElement | undefined): { value: number; unit: WorkingTimeUnit } | undefined {
  const { slaValue, slaUnit } = alurTaskOf(element);
  const unit = WorkingTimeUnit.safeParse(slaUnit);
  return slaValue !== undefined && slaValue >= 0 && unit.success ? { value: slaValue, unit: unit.data } : undefined;
}

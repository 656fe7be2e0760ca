/**
 * Which diagram elements a case has done, is at, and is late on — from its timeline and state.
 * Timeline types are the engine's record types (runtime/src/engine/types.ts RecordType) plus the
 * API's own entries ("case.created", "task.comment", ...).
 */
import type { StepMarks } from "./diagram-viewer";

type TimelineItem = { type: string; elementId: string | null; data?: Record<string, unknown> };

/** Records that mean the element's work is behind the case: a completed task or a left element. */
const DONE_TYPES = new Set(["elementLeft", "taskCompleted"]);

/** Derives the viewer's markers; an active step is overdue when the case is past its due date. */
export function stepMarks(
  timeline: TimelineItem[],
  activeElementIds: string[],
  caseDueAt: string | null,
  now: Date,
): StepMarks {
  const active = [...new Set(activeElementIds)];
  const done = [
    ...new Set(
      timeline
        // a called process's elements are not this diagram's, even where their ids coincide
        .filter((e) => e.elementId && DONE_TYPES.has(e.type) && e.data?.calledProcess === undefined)
        .map((e) => e.elementId as string),
    ),
  ].filter((id) => !active.includes(id));
  const late = caseDueAt !== null && new Date(caseDueAt).getTime() < now.getTime();
  return { done, active: late ? [] : active, overdue: late ? active : [] };
}

/** The dictionary key of a timeline entry's type: "task.comment" → "taskComment". */
export function timelineEventKey(type: string): string {
  return type.replace(/[.-]+(\w)/g, (_m, c: string) => c.toUpperCase());
}

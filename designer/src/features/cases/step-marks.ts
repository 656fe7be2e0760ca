/** Which diagram elements a case has done, is at, and is late on — from its timeline and state. */
import type { StepMarks } from "./diagram-viewer";

type TimelineItem = { type: string; elementId: string | null };

const DONE_TYPES = /completed|finished|ended|passed/i;

/** Derives the viewer's markers; an active step is overdue when the case is past its due date. */
export function stepMarks(
  timeline: TimelineItem[],
  activeElementIds: string[],
  caseDueAt: string | null,
  now: Date,
): StepMarks {
  const active = [...new Set(activeElementIds)];
  const done = [
    ...new Set(timeline.filter((e) => e.elementId && DONE_TYPES.test(e.type)).map((e) => e.elementId as string)),
  ].filter((id) => !active.includes(id));
  const late = caseDueAt !== null && new Date(caseDueAt).getTime() < now.getTime();
  return { done, active: late ? [] : active, overdue: late ? active : [] };
}

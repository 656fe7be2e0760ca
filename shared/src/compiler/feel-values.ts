/** Zeebe writes FEEL as "=expr"; anything else is a literal. These helpers keep that distinction. */
import type { ValueOrFeel } from "../plan";

/** True when the text is a Zeebe FEEL expression ("=..."). */
export function isFeel(text: string): boolean {
  return text.trimStart().startsWith("=");
}

/** The FEEL source without the "=" marker. */
export function stripFeel(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith("=") ? trimmed.slice(1).trim() : trimmed;
}

/** A literal or FEEL value as the plan carries it. */
export function valueOrFeel(text: string): ValueOrFeel {
  return isFeel(text) ? { kind: "feel", source: stripFeel(text) } : { kind: "literal", value: text.trim() };
}

/** FEEL source for a mapping source: "=x" → "x"; a static value becomes a FEEL string literal. */
export function feelOrStringLiteral(text: string | undefined): string {
  if (text === undefined || text.trim() === "") return "null";
  return isFeel(text) ? stripFeel(text) || "null" : JSON.stringify(text);
}

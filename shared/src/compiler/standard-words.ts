/** Indonesian wording of durations for the derived service standard ("5 hari kerja", "1,5 tahun"). */
import type { DurationUnit } from "../schemas";

const UNIT_WORDS: Record<DurationUnit, [string, string]> = {
  minutes: ["menit", "minutes"],
  hours: ["jam", "hours"],
  workingHours: ["jam kerja", "working hours"],
  workingDays: ["hari kerja", "working days"],
  calendarDays: ["hari", "calendar days"],
  months: ["bulan", "months"],
  years: ["tahun", "years"],
};

/** A number as Indonesian writes it: decimal comma, at most two decimals. */
export function numberWords(value: number, lang: "id" | "en" = "id"): string {
  const rounded = Math.round(value * 100) / 100;
  return lang === "id" ? String(rounded).replace(".", ",") : String(rounded);
}

/** "5 hari kerja" / "5 working days". */
export function durationWords(duration: { value: number; unit: DurationUnit }, lang: "id" | "en" = "id"): string {
  return `${numberWords(duration.value, lang)} ${UNIT_WORDS[duration.unit][lang === "id" ? 0 : 1]}`;
}

/** The unit alone, for sums expressed in a declared unit. */
export function unitWords(unit: DurationUnit, lang: "id" | "en" = "id"): string {
  return UNIT_WORDS[unit][lang === "id" ? 0 : 1];
}

/** A flow name inside a sentence ("Belum lengkap" → "belum lengkap"), keeping acronyms ("KTP ada"). */
export function inSentence(label: string): string {
  const [first = "", second = ""] = label;
  return second && second === second.toLowerCase() ? first.toLowerCase() + label.slice(1) : label;
}

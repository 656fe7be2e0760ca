/**
 * The legal basis an admin enters for a district variant or a publication (kind, number, year,
 * title, optional link, effective date), checked field by field as it is typed. Messages are i18n
 * keys, so they read in the user's language; a valid input becomes the shared LegalBasis schema.
 */
import { type LEGAL_BASIS_KINDS as KINDS, LegalBasis } from "@alur/shared/schemas";

/**
 * Kinds a district publishes under, offered first (spelled as the shared list spells them); any
 * other non-empty kind the model already names is kept.
 */
export const LEGAL_BASIS_KINDS: string[] = [
  "Perbup",
  "Perwal",
  "Keputusan Kepala Dinas",
  "Perda",
  "Pergub",
  "Permensos",
] satisfies (typeof KINDS)[number][];

export interface LegalBasisInput {
  kind: string;
  number: string;
  year: string;
  title: string;
  link: string;
  effectiveFrom: string;
}

export type LegalBasisField = keyof LegalBasisInput;

/** Problems by field, as i18n keys (with their values). */
export type LegalBasisErrors = Partial<Record<LegalBasisField, { key: string; values?: Record<string, string> }>>;

const MIN_YEAR = 1945;
const MAX_YEAR = 2100;

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Every problem of the input; empty when it can be recorded. */
export function checkLegalBasis(input: LegalBasisInput): LegalBasisErrors {
  const errors: LegalBasisErrors = {};
  if (!input.kind.trim()) errors.kind = { key: "legalBasis.error.kindRequired" };
  if (!input.number.trim()) errors.number = { key: "legalBasis.error.numberRequired" };
  const year = input.year.trim();
  if (!year) errors.year = { key: "legalBasis.error.yearRequired" };
  else if (!/^\d{4}$/.test(year) || Number(year) < MIN_YEAR || Number(year) > MAX_YEAR)
    errors.year = { key: "legalBasis.error.yearRange", values: { min: String(MIN_YEAR), max: String(MAX_YEAR) } };
  if (!input.title.trim()) errors.title = { key: "legalBasis.error.titleRequired" };
  const link = input.link.trim();
  if (link && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(link)) errors.link = { key: "legalBasis.error.link" };
  if (!input.effectiveFrom) errors.effectiveFrom = { key: "legalBasis.error.dateRequired" };
  else if (!isIsoDate(input.effectiveFrom)) errors.effectiveFrom = { key: "legalBasis.error.dateInvalid" };
  else if (!errors.year && Number(year) > Number(input.effectiveFrom.slice(0, 4)))
    errors.effectiveFrom = { key: "legalBasis.error.dateBeforeYear", values: { year } };
  return errors;
}

/** The shared LegalBasis of a valid input (null while it has problems). */
export function toLegalBasis(input: LegalBasisInput): LegalBasis | null {
  if (Object.keys(checkLegalBasis(input)).length > 0) return null;
  const parsed = LegalBasis.safeParse({
    kind: input.kind.trim(),
    number: input.number.trim(),
    year: Number(input.year.trim()),
    title: input.title.trim(),
    ...(input.link.trim() ? { link: input.link.trim() } : {}),
  });
  return parsed.success ? parsed.data : null;
}

/** The form's starting values: a recorded basis and date, else a Perbup of this year from today. */
export function legalBasisInput(
  basis: Partial<LegalBasis> | null,
  effectiveFrom: string | null,
  today: string,
): LegalBasisInput {
  return {
    kind: basis?.kind ?? "Perbup",
    number: basis?.number ?? "",
    year: basis?.year !== undefined ? String(basis.year) : today.slice(0, 4),
    title: basis?.title ?? "",
    link: basis?.link ?? "",
    effectiveFrom: effectiveFrom ?? today,
  };
}

/**
 * The Indonesian service standard (Standar Pelayanan, Permenpan RB 15/2014): its 14 components as
 * data. Text fields quote the source decree; a component the decree is silent on stays absent.
 */

import { z } from "zod";
import { DEFAULT_FILE_TYPES } from "../standard";

/**
 * What a step's SLA and a working-time timer count in; the calendar turns each into a due date.
 * Listed as the designer offers them, the common units first.
 */
export const WorkingTimeUnit = z.enum(["workingDays", "workingHours", "hours", "calendarDays", "minutes", "months"]);
export type WorkingTimeUnit = z.infer<typeof WorkingTimeUnit>;

/** What a standard's completion time may be declared in: also years (an adoption takes 1–1.5). */
export const DurationUnit = z.enum([...WorkingTimeUnit.options, "years"]);
export type DurationUnit = z.infer<typeof DurationUnit>;

/**
 * Kinds of regulation a legal basis names, national first, as the designer offers them; a decree
 * may name others ("Perbup Bekasi"), which stay valid.
 */
export const LEGAL_BASIS_KINDS = [
  "UU",
  "PP",
  "Perpres",
  "Permensos",
  "Permendagri",
  "Permenpan RB",
  "Perda",
  "Pergub",
  "Perbup",
  "Perwal",
  "Keputusan Kepala Dinas",
] as const;

/** 1. Dasar Hukum: one law or regulation. */
export const LegalBasis = z.object({
  /** "UU", "PP", "Permensos", "Perda", "Perbup", "Keputusan Kepala Dinas", ... */
  kind: z.string().min(1),
  number: z.string().optional(),
  year: z.number().int().min(1945).max(2100).optional(),
  title: z.string().min(1),
  link: z.string().url().optional(),
  /** The day it was enacted (ditetapkan), ISO. */
  date: z.string().date().optional(),
});
export type LegalBasis = z.infer<typeof LegalBasis>;

/** 2. Persyaratan: one document the applicant (or someone else) provides. */
export const Requirement = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  mandatory: z.boolean().default(true),
  /** Who provides it: "applicant", "village", "hospital", ... */
  providedBy: z.string().optional(),
  /** Accepted file extensions, lower case without dot. */
  fileTypes: z.array(z.string()).default(() => [...DEFAULT_FILE_TYPES]),
  /** Largest accepted upload, in megabytes; the server takes at most MAX_DOCUMENT_MB whatever this says. */
  maxSizeMb: z.number().positive().max(100).optional(),
  note: z.string().optional(),
});
export type Requirement = z.infer<typeof Requirement>;

/** 3. Sistem, mekanisme dan prosedur: a numbered step as the decree words it. */
export const ProcedureStep = z.object({
  order: z.number().int().positive(),
  text: z.string().min(1),
  role: z.string().optional(),
});
export type ProcedureStep = z.infer<typeof ProcedureStep>;

export const OfficeHours = z.object({
  /** "08:00" */
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
});
export type OfficeHours = z.infer<typeof OfficeHours>;

/** 4. Jangka waktu penyelesaian: "maksimum 14 hari kerja", "1 - 1,5 tahun", "10 menit". */
export const CompletionTime = z.object({
  value: z.number().nonnegative(),
  /** Upper bound when the decree gives a range ("1 - 1,5 tahun": value 1, maxValue 1.5). */
  maxValue: z.number().nonnegative().optional(),
  unit: DurationUnit,
  officeHours: OfficeHours.optional(),
  text: z.string().optional(),
});
export type CompletionTime = z.infer<typeof CompletionTime>;

/** 5. Biaya/tarif. */
export const Fee = z.object({
  amount: z.number().nonnegative(),
  currency: z.literal("IDR").default("IDR"),
  /** The regulation that sets the tariff (a Perda on retribution), when there is a fee. */
  basis: z.string().optional(),
  text: z.string().optional(),
});
export type Fee = z.infer<typeof Fee>;

/** 6. Produk pelayanan. */
export const Product = z.object({ name: z.string().min(1), text: z.string().optional() });
export type Product = z.infer<typeof Product>;

export const ComplaintChannel = z.object({
  /** "in-person", "phone", "whatsapp", "email", "website", "sp4n-lapor", "box", ... */
  kind: z.string().min(1),
  value: z.string().optional(),
});

/** 7. Penanganan pengaduan, saran dan masukan. */
export const ComplaintHandling = z.object({
  channels: z.array(ComplaintChannel).default([]),
  responseTime: z.object({ value: z.number().nonnegative(), unit: DurationUnit }).optional(),
  text: z.string().optional(),
});
export type ComplaintHandling = z.infer<typeof ComplaintHandling>;

/** Components 8 to 14 are prose in every decree we have seen; kept as quoted text. */
export const TextComponent = z.string().min(1);

export const ServiceStandard = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  /** Who issues the standard, e.g. "Dinas Sosial Kabupaten Bekasi". */
  office: z.string().optional(),
  legalBasis: z.array(LegalBasis).default([]),
  requirements: z.array(Requirement).default([]),
  procedure: z.array(ProcedureStep).default([]),
  completionTime: CompletionTime.optional(),
  fee: Fee.optional(),
  products: z.array(Product).default([]),
  complaints: ComplaintHandling.optional(),
  facilities: TextComponent.optional(),
  competence: TextComponent.optional(),
  supervision: TextComponent.optional(),
  staffCount: TextComponent.optional(),
  serviceGuarantee: TextComponent.optional(),
  safetyGuarantee: TextComponent.optional(),
  evaluation: TextComponent.optional(),
  /** Validity of the decree that set the standard (ISO dates). */
  validFrom: z.string().date().optional(),
  validUntil: z.string().date().optional(),
  /** Maklumat Pelayanan, quoted. */
  pledge: z.string().optional(),
});
export type ServiceStandard = z.infer<typeof ServiceStandard>;

/** The keys of the 14 components, in the order of Permenpan RB 15/2014. */
export const STANDARD_COMPONENTS = [
  "legalBasis",
  "requirements",
  "procedure",
  "completionTime",
  "fee",
  "products",
  "complaints",
  "facilities",
  "competence",
  "supervision",
  "staffCount",
  "serviceGuarantee",
  "safetyGuarantee",
  "evaluation",
] as const satisfies readonly (keyof ServiceStandard)[];

/** The components written as prose (8 to 14) and the pledge: the keys of `<alur:component key>`. */
export const PROSE_COMPONENTS = [
  "facilities",
  "competence",
  "supervision",
  "staffCount",
  "serviceGuarantee",
  "safetyGuarantee",
  "evaluation",
  "pledge",
] as const satisfies readonly (keyof ServiceStandard)[];
export type ProseComponent = (typeof PROSE_COMPONENTS)[number];

/** A district variant: which template it derives from and the regulation behind the difference. */
export const VariantInfo = z.object({
  /** Process id of the template. */
  template: z.string().min(1),
  /** District code (see the districts data). */
  district: z.string().min(1),
  legalBasis: LegalBasis,
  effectiveFrom: z.string().date().optional(),
});
export type VariantInfo = z.infer<typeof VariantInfo>;

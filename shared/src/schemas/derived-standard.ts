/**
 * The published Standar Pelayanan as derived from the model: the declared components, with the
 * procedure (component 3) computed from the process itself, so the page, the PDF and a future
 * public page cannot drift from what runs.
 */
import { z } from "zod";
import { DurationUnit, ServiceStandard } from "./service-standard";

/** A role of a step, named from the directory; `known: false` when the directory lacks the code. */
export const StepRole = z.object({ id: z.string(), name: z.string(), known: z.boolean() });
export type StepRole = z.infer<typeof StepRole>;

export const StepDuration = z.object({ value: z.number().nonnegative(), unit: DurationUnit });
export type StepDuration = z.infer<typeof StepDuration>;

/** One way out of a decision: its condition in words and where it leads. */
export const StepBranch = z.object({
  /** The flow's name (or "selain itu" for the default flow). */
  label: z.string(),
  /** forward: to a later step; return: back to an earlier step; end: the case ends. */
  kind: z.enum(["forward", "return", "end"]),
  /** Order of the step it leads to (forward, return). */
  toStep: z.number().int().positive().optional(),
  /** Steps taken on the way back (return branches). */
  viaSteps: z.array(z.number().int().positive()).default([]),
  /** A step on this branch stops the service clock. */
  pausesClock: z.boolean().default(false),
  /** The sentence as printed. */
  text: z.string(),
});
export type StepBranch = z.infer<typeof StepBranch>;

export const DerivedStep = z.object({
  order: z.number().int().positive(),
  /** The flow node this step is. */
  elementId: z.string(),
  name: z.string(),
  /** human: a person in a role does it; system: Alur does it; wait: the case waits for someone outside. */
  kind: z.enum(["human", "system", "wait"]),
  roles: z.array(StepRole),
  sla: StepDuration.optional(),
  /** Waiting here stops the service-standard clock (alur:task pausesClock). */
  pausesClock: z.boolean(),
  /** Set for steps that run when a boundary event of another step fires ("setiap 30 hari"). */
  trigger: z.object({ step: z.number().int().positive(), label: z.string() }).optional(),
  /** Steps that run at the same time as this one (after a parallel split). */
  parallelWith: z.array(z.number().int().positive()).default([]),
  branches: z.array(StepBranch).default([]),
  /** The step as printed, in plain Indonesian. */
  text: z.string(),
});
export type DerivedStep = z.infer<typeof DerivedStep>;

/** The longest path through the model (loops counted once), clock-stopping steps left out. */
export const SlaPath = z.object({
  /** Element ids along the path. */
  elementIds: z.array(z.string()),
  /** The sum in working minutes (office day from the completion time's hours, else 08:00–15:30). */
  workingMinutes: z.number().nonnegative(),
  /** The same in working days of that office day. */
  workingDays: z.number().nonnegative(),
  /** The sum expressed in the declared completion time's unit (absent without one). */
  inCompletionUnit: z.number().nonnegative().optional(),
  /** True when the SLAs on the path all have the completion time's unit (the sum is exact). */
  exact: z.boolean(),
  /** The sum as printed: in the completion time's unit when exact, else in working days ("23 hari kerja"). */
  text: z.string(),
});
export type SlaPath = z.infer<typeof SlaPath>;

/** A flowchart of the procedure from the model's diagram (BPMN DI), for printing. */
export const DiagramShape = z.object({
  elementId: z.string(),
  kind: z.enum(["task", "event", "gateway", "subprocess", "other"]),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  label: z.string().optional(),
  /** The step number the shape stands for. */
  step: z.number().int().positive().optional(),
  pausesClock: z.boolean().default(false),
});
export const DiagramEdge = z.object({
  elementId: z.string(),
  points: z.array(z.object({ x: z.number(), y: z.number() })),
  label: z.string().optional(),
});
export const StandardDiagram = z.object({
  width: z.number(),
  height: z.number(),
  shapes: z.array(DiagramShape),
  edges: z.array(DiagramEdge),
});
export type StandardDiagram = z.infer<typeof StandardDiagram>;

/** The kop surat: who issues the document. */
export const StandardIssuer = z.object({
  /** "PEMERINTAH KABUPATEN BEKASI"; absent for a national template. */
  government: z.string().optional(),
  office: z.string(),
  district: z.string().nullable(),
  /** The head who signs: "Kepala Dinas Sosial Kabupaten Bekasi". */
  signatory: z.string(),
});
export type StandardIssuer = z.infer<typeof StandardIssuer>;

export const DerivedStandard = z.object({
  processId: z.string(),
  /** The declared components; `procedure` is kept as the decree's wording, not the source of truth. */
  standard: ServiceStandard,
  issuer: StandardIssuer,
  /** Component 3 as derived from the model. */
  procedure: z.array(DerivedStep),
  slaPath: SlaPath,
  /** Effective dates of the published version: the version's date wins over the model's. */
  validFrom: z.string().date().optional(),
  validUntil: z.string().date().optional(),
  diagram: StandardDiagram.optional(),
  /** Where the model disagrees with itself or its version: bilingual notes for the reader. */
  notes: z.array(z.object({ code: z.string(), message: z.object({ id: z.string(), en: z.string() }) })).default([]),
});
export type DerivedStandard = z.infer<typeof DerivedStandard>;

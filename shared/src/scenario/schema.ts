/**
 * The scenario format: a scripted run of one model (or several cases of it), used by
 * `alur simulate`, the catalogue's scenario files (workflows/<slug>/scenarios/*.json) and their
 * tests. One definition, so a file the tests accept is one the command accepts. Format:
 * docs/simulate.md.
 */
import { z } from "zod";
import { WorkingTimeUnit } from "../plan";

/** A due date as working time from an instant: `{ "workingDays": 3 }`; exactly one unit. */
export const DueFact = z
  .partialRecord(WorkingTimeUnit, z.number().nonnegative())
  .refine((fact) => Object.keys(fact).length === 1, { message: 'name exactly one unit, e.g. {"workingDays": 3}' });
export type DueFact = z.infer<typeof DueFact>;

/** Which case of a several-case scenario a step acts on (the `cases[].id`); default: the first. */
const OnCase = { case: z.string().min(1).optional() };
const Variables = z.record(z.string(), z.unknown());
/** An instant with its offset, e.g. "2024-10-02T09:00:00+07:00". */
const Instant = z.string().refine((s) => Number.isFinite(Date.parse(s)), { message: "an ISO 8601 instant" });

export const CompleteStep = z.object({
  complete: z.string().min(1),
  role: z.string().min(1),
  data: Variables.default({}),
  /** The due date the task must have (ISO instant, counted by hand from `startAt`). */
  expectDueAt: Instant.optional(),
  /** The due date as working time from when the task opened; null: the task has no due date. */
  due: DueFact.nullable().optional(),
  ...OnCase,
});
export const MessageStep = z.object({
  message: z.string().min(1),
  correlationKey: z.string().optional(),
  payload: Variables.default({}),
  ...OnCase,
});
/** A signal broadcast to every case of the run (as the API broadcasts one to a district). */
export const SignalStep = z.object({ signal: z.string().min(1), payload: Variables.default({}) });
/** Skip time until this timer element has fired. */
export const TimerStep = z.object({ timer: z.string().min(1), ...OnCase });
/** Skip a fixed amount of time (ISO 8601 duration with days/hours/minutes/seconds: "P3D", "PT4H"). */
export const WaitStep = z.object({ wait: z.string().min(1) });
/** The next run of this service/send task's connector returns this BPMN error. */
export const ErrorStep = z.object({
  error: z.string().min(1),
  code: z.string().min(1),
  message: z.string().optional(),
});
/**
 * The variables a job worker answers the next run of this external job with (a job type no
 * built-in connector runs). Without one, the simulation answers such a job with no variables.
 */
export const JobStep = z.object({ job: z.string().min(1), variables: Variables.default({}) });

export const ScenarioStep = z.union([CompleteStep, MessageStep, SignalStep, TimerStep, WaitStep, ErrorStep, JobStep]);
export type ScenarioStep = z.infer<typeof ScenarioStep>;

/** A further case of the run: started with the first, correlated with it through messages and signals. */
export const ScenarioCase = z.object({
  id: z.string().min(1),
  /** The process to start (a process of the model or of a `--with` model); default: the scenario's. */
  process: z.string().optional(),
  variables: Variables.default({}),
});

export const ScenarioExpect = z.object({
  end: z.string().optional(),
  status: z.string().optional(),
  /** Products (document connector file names without .pdf), in order. */
  documents: z.array(z.string()).optional(),
  /** notify-connector runs (their element ids), in order. */
  notifications: z.array(z.string()).optional(),
  /** The case's due date as working time from its start, moved by clock pauses; null: none. */
  caseDue: DueFact.nullable().optional(),
  /** The case's due date (ISO) at the end of the run. */
  caseDueAt: Instant.optional(),
});

export const Scenario = z.object({
  $schema: z.string().optional(),
  name: z.string().default("scenario"),
  description: z.string().optional(),
  process: z.string().optional(),
  /** The model file, relative to the catalogue folder (workflows/); catalogue files name it. */
  model: z.string().optional(),
  district: z.string().nullable().default(null),
  /** When the first case starts; every stated date is scenario time counted from it. */
  startAt: Instant.optional(),
  variables: Variables.default({}),
  /** Further cases, started together with the first (whose id is `main`). */
  cases: z.array(ScenarioCase).optional(),
  steps: z.array(ScenarioStep),
  expect: ScenarioExpect.default({}),
});
export type Scenario = z.infer<typeof Scenario>;

/** The steps the catalogue's scenario tests drive (workflows/test): people, messages and time. */
export const CatalogueStep = z.union([CompleteStep, MessageStep, TimerStep, WaitStep]);
export type CatalogueStep = z.infer<typeof CatalogueStep>;

/** A catalogue scenario file: names its model, process and district, starts at a stated instant. */
export const CatalogueScenario = Scenario.extend({
  steps: z.array(CatalogueStep),
  description: z.string(),
  process: z.string(),
  model: z.string(),
  district: z.string().nullable(),
  startAt: Instant,
  expect: ScenarioExpect.extend({
    end: z.string(),
    documents: z.array(z.string()),
    notifications: z.array(z.string()),
  }),
});
export type CatalogueScenario = z.infer<typeof CatalogueScenario>;

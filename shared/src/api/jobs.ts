/**
 * The job-worker API (Zeebe's REST job API in spirit): a worker activates jobs of a type under a
 * lock, then completes them with variables, fails them with retries and a back-off, or throws a
 * BPMN error. Workers authenticate with a worker credential scoped to job types and a district.
 */
import { z } from "zod";
import { Variables } from "../schemas";

const JobType = z.string().trim().min(1).max(200);

export const JobActivationRequest = z.object({
  type: JobType,
  /** The worker's name, recorded on the jobs it holds (e.g. host and process). */
  worker: z.string().trim().min(1).max(200),
  maxJobsToActivate: z.number().int().min(1).max(100).default(10),
  /** How long the jobs stay locked to this worker, in milliseconds. */
  timeout: z
    .number()
    .int()
    .min(1_000)
    .max(24 * 60 * 60 * 1000),
  /** Long polling: wait up to this long for a job when none is available (0: answer at once). */
  requestTimeout: z.number().int().min(0).max(60_000).default(0),
});
export type JobActivationRequest = z.infer<typeof JobActivationRequest>;

export const ActivatedJob = z.object({
  /** Names this job and this lock: a completion after the lock expired is refused. */
  jobKey: z.string(),
  type: z.string(),
  caseId: z.string(),
  elementId: z.string(),
  /** The task's zeebe:taskHeaders. */
  customHeaders: z.record(z.string(), z.string()),
  variables: Variables,
  retries: z.number().int(),
  worker: z.string(),
  deadline: z.string(),
});
export type ActivatedJob = z.infer<typeof ActivatedJob>;

export const JobActivationResponse = z.object({ jobs: z.array(ActivatedJob) });
export type JobActivationResponse = z.infer<typeof JobActivationResponse>;

/** 32 hex of the job, 32 hex of the lock. */
export const JobKeyParam = z.object({ jobKey: z.string().regex(/^[0-9a-f]{64}$/) });

export const JobCompletionRequest = z.object({ variables: Variables.default({}) });
export type JobCompletionRequest = z.infer<typeof JobCompletionRequest>;

export const JobFailureRequest = z.object({
  /** Retries left; 0 stops the case with an incident an admin can retry. */
  retries: z.number().int().min(0).max(100),
  errorMessage: z.string().max(2000).optional(),
  /** Wait before the job is offered again (retries > 0), milliseconds. */
  retryBackOff: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60 * 60 * 1000)
    .default(0),
});
export type JobFailureRequest = z.infer<typeof JobFailureRequest>;

export const JobErrorRequest = z.object({
  /** Caught by an error boundary/event subprocess with this code (BPMN error). */
  errorCode: z.string().trim().min(1).max(200),
  errorMessage: z.string().max(2000).optional(),
});
export type JobErrorRequest = z.infer<typeof JobErrorRequest>;

export const WorkerCredentialCreate = z.object({
  name: z.string().trim().min(1).max(200),
  /** The district whose jobs it serves; null (super admin only): every district. */
  district: z.string().trim().min(1).max(20).nullable(),
  jobTypes: z.array(JobType).min(1).max(50),
});
export type WorkerCredentialCreate = z.infer<typeof WorkerCredentialCreate>;

export const WorkerCredential = z.object({
  id: z.string(),
  name: z.string(),
  district: z.string().nullable(),
  jobTypes: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type WorkerCredential = z.infer<typeof WorkerCredential>;

/** The token is shown once: only its hash is stored. */
export const WorkerCredentialCreated = WorkerCredential.extend({ token: z.string() });
export type WorkerCredentialCreated = z.infer<typeof WorkerCredentialCreated>;

export const WorkerCredentialList = z.object({ items: z.array(WorkerCredential) });

export const WorkerCredentialParam = z.object({ credentialId: z.string().regex(/^[0-9a-f]{16}$/) });

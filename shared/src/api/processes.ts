/** Deployed process models: versions per process and district. */
import { z } from "zod";

export const ProcessStatus = z.enum(["draft", "published", "retired"]);

export const DeployRequest = z.object({
  bpmnXml: z.string().min(1).max(5_000_000),
  /** District code of a variant; absent for a national/provincial template (super admin only). */
  district: z.string().min(1).optional(),
  publish: z.boolean().default(false),
  /** ISO date from which the version applies to new cases. */
  effectiveFrom: z.string().date().optional(),
  /**
   * Which process of the file to deploy. Without it every executable process of the file deploys,
   * each as its own version keyed by its BPMN process id (as Zeebe deploys a resource).
   */
  processId: z.string().min(1).optional(),
  /** form-js schemas by form id, embedded in the plan so completions are validated on the server. */
  forms: z.record(z.string(), z.unknown()).optional(),
  /**
   * The version this model was opened from (the designer sends it). When the model's process id
   * differs from that version's, the deploy renames a never-published service (its drafts go)
   * and is refused with 409 `process-id-locked` for one that was ever published.
   */
  replaces: z.string().min(1).max(100).optional(),
});
export type DeployRequest = z.infer<typeof DeployRequest>;

export const ProcessVersionView = z.object({
  id: z.string(),
  processId: z.string(),
  district: z.string().nullable(),
  version: z.number().int(),
  name: z.string(),
  status: ProcessStatus,
  planHash: z.string(),
  effectiveFrom: z.string().nullable(),
  legalBasis: z.unknown().nullable(),
  createdBy: z.string().nullable(),
  /** The author's display name from the directory (null when unknown or the account is gone). */
  createdByName: z.string().nullable(),
  /** The template's process id when this is a district variant of it (alur:variant), else null. */
  template: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  /** Shared by the versions deployed together from one file (they publish together); null before deployments were recorded. */
  deploymentId: z.string().nullable(),
});
export type ProcessVersionView = z.infer<typeof ProcessVersionView>;

export const DeployResponse = z.object({
  /** The first deployed process's version (the one a single-process file has). */
  version: ProcessVersionView,
  /** Every version this deployment created, one per executable process of the file, in file order. */
  versions: z.array(ProcessVersionView),
  /** Processes of the file not deployed because they are not executable (a note is among the problems). */
  skipped: z.array(z.string()),
  /** Compiler warnings (errors reject the deployment with 422). */
  problems: z.array(z.unknown()),
});
export type DeployResponse = z.infer<typeof DeployResponse>;

export const ProcessVersionList = z.object({ items: z.array(ProcessVersionView) });

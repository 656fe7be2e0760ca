/** The audit log as admins read it. */
import { z } from "zod";

export const AuditQuery = z.object({
  district: z.string().optional(),
  outcome: z.enum(["ok", "denied"]).optional(),
  actorId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Entries older than this id. */
  before: z.coerce.number().int().positive().optional(),
});

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(["ok", "denied"]),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  district: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  details: z.record(z.string(), z.unknown()),
  /**
   * For an entry about a case of a sensitive service: the restricted field names left out of
   * `before`, `after` and `details` for this reader (the same rules as the case itself).
   */
  withheld: z.object({ fields: z.array(z.string()) }).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = z.object({ items: z.array(AuditEntry), nextBefore: z.number().nullable() });

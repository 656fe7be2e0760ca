import type { ProcessVersionView } from "@alur/shared/api";
import type { ProcessVersionRow } from "../../store/process-versions";

/** The API's view of a process_versions row (without the XML and plan). */
export function toProcessVersionView(row: ProcessVersionRow): ProcessVersionView {
  return {
    id: row.id,
    processId: row.process_id,
    district: row.district,
    version: row.version,
    name: row.name,
    status: row.status,
    planHash: row.plan_hash,
    effectiveFrom: row.effective_from,
    legalBasis: row.legal_basis,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    deploymentId: row.deployment_id,
  };
}

import type { ProcessVersionView } from "@alur/shared/api";
import type { Db } from "../../store/db";
import type { ProcessVersionRow } from "../../store/process-versions";
import { displayNames } from "../../store/users";

/** A row as listed (no XML, no plan, the variant's template read by SQL) or whole. */
type ListedRow = Omit<ProcessVersionRow, "bpmn_xml" | "plan"> & { plan?: unknown; variant_template?: string | null };

/** The API's views of rows, each with its author's display name (one directory read for all). */
export async function toProcessVersionViews(db: Db, rows: readonly ListedRow[]): Promise<ProcessVersionView[]> {
  const names = await displayNames(
    db,
    rows.flatMap((r) => (r.created_by ? [r.created_by] : [])),
  );
  return rows.map((r) => toProcessVersionView(r, names));
}

/** The API's view of a process_versions row (without the XML and plan). */
function toProcessVersionView(row: ListedRow, names: ReadonlyMap<string, string>): ProcessVersionView {
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
    createdByName: (row.created_by && names.get(row.created_by)) || null,
    template: row.variant_template ?? templateOf(row.plan),
    createdAt: new Date(row.created_at).toISOString(),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    deploymentId: row.deployment_id,
  };
}

function templateOf(plan: unknown): string | null {
  const template = (plan as { variant?: { template?: unknown } } | undefined)?.variant?.template;
  return typeof template === "string" ? template : null;
}

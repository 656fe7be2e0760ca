/**
 * Deployments: the versions one POST /processes created from one file (every executable process
 * of it). They publish together, and a case pins the versions of its own deployment for the calls
 * between them.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("process_versions").addColumn("deployment_id", "uuid").execute();
  await db.schema
    .createIndex("process_versions_deployment")
    .on("process_versions")
    .column("deployment_id")
    .where("deployment_id", "is not", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("process_versions_deployment").execute();
  await db.schema.alterTable("process_versions").dropColumn("deployment_id").execute();
}

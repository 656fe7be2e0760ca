/** /api/health: is the database answering, is Temporal reachable. Used by load balancers and e2e. */
import type { Client } from "@temporalio/client";
import { sql } from "kysely";
import type { Db } from "../store/db";

export interface Health {
  ok: boolean;
  database: "ok" | "down";
  temporal: "ok" | "down";
}

export async function healthChecks(db: Db, client: Client): Promise<Health> {
  const [database, temporal] = await Promise.all([
    sql`select 1`
      .execute(db)
      .then(() => "ok" as const)
      .catch(() => "down" as const),
    client.connection.workflowService
      .getSystemInfo({})
      .then(() => "ok" as const)
      .catch(() => "down" as const),
  ]);
  return { ok: database === "ok" && temporal === "ok", database, temporal };
}

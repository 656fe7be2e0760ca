import { MigrationReport, MigrationRequest } from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

const params = z.object({ processId: z.string() });

export const dryRun = createRoute({
  method: "post",
  path: "/processes/{processId}/migrations/dry-run",
  tags: ["processes"],
  summary: "Which running cases can move to another published version, and why the others cannot",
  description:
    "Checks each running case on `fromVersion` (or those of `caseIds`) against `toVersion` with the element " +
    "mapping (same ids unless mapped) and changes nothing. A case cannot move when a step it is at is gone " +
    "from the target version (map it), changes type or sub-process, a multi-instance step is in flight, a " +
    "called case's call activity is gone, a joining gateway waits for flows that are gone, or an event it " +
    "waits for is gone. Versions are those of the caller's district (`district` for the super admin; none: " +
    "the national template). Super admin, the district's admin or head.",
  security: SECURITY,
  request: { params, body: jsonBody(MigrationRequest) },
  responses: { 200: jsonResponse(MigrationReport, "Report"), ...errors(400, 401, 403, 422, 503) },
});

export const migrate = createRoute({
  method: "post",
  path: "/processes/{processId}/migrations",
  tags: ["processes"],
  summary: "Move the running cases that can move to another published version",
  description:
    "As the dry run, then moves every case that can: its workflow swaps the plan (the `migrate` update) and " +
    "goes on under the new version, keeping its history, open tasks (same ids), timers and documents. Each " +
    "move is audited (`case.migrate`) and on the case's timeline (`caseMigrated`, from and to version). " +
    "Cases that cannot move are reported and left as they are.",
  security: SECURITY,
  request: { params, body: jsonBody(MigrationRequest) },
  responses: { 200: jsonResponse(MigrationReport, "Report"), ...errors(400, 401, 403, 422, 503) },
});

/** Worker credentials: admins create them for their district's job types, list and revoke them. */
import type { RouteHandler } from "@hono/zod-openapi";
import { canAdminister } from "../../auth/policy";
import { newWorkerToken } from "../../auth/worker-tokens";
import {
  getWorkerCredential,
  insertWorkerCredential,
  listWorkerCredentials,
  revokeWorkerCredential,
  type WorkerCredentialRow,
} from "../../store/external-jobs";
import { audit } from "../audit-trail";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./jobs.routes";

function view(row: WorkerCredentialRow) {
  return {
    id: row.id,
    name: row.name,
    district: row.district,
    jobTypes: row.jobTypes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export const listWorkers: RouteHandler<typeof routes.listWorkers, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { district } = c.req.valid("query");
  // a district admin sees their own district's; a super admin any one, or all without a filter
  const scope = p.isSuperAdmin ? district : (district ?? p.district);
  await authorize(c, p.isSuperAdmin || canAdminister(p, scope ?? null), "worker.list", {
    type: "worker-credential",
    district: scope ?? null,
  });
  const rows = await listWorkerCredentials(c.get("deps").db, scope);
  return c.json({ items: rows.map(view) }, 200);
};

export const createWorker: RouteHandler<typeof routes.createWorker, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  await authorize(c, canAdminister(p, body.district), "worker.create", {
    type: "worker-credential",
    district: body.district,
  });
  const { db } = c.get("deps");
  const { id, token, secretHash } = newWorkerToken();
  const jobTypes = [...new Set(body.jobTypes)];
  const row = await db.transaction().execute(async (tx) => {
    const inserted = await insertWorkerCredential(tx, {
      id,
      name: body.name,
      district: body.district,
      jobTypes,
      secretHash,
      createdBy: p.userId,
    });
    await audit(c, tx, {
      action: "worker.create",
      outcome: "ok",
      resourceType: "worker-credential",
      resourceId: id,
      district: body.district,
      after: { name: body.name, district: body.district, jobTypes },
    });
    return inserted;
  });
  return c.json({ ...view(row), token }, 201);
};

export const revokeWorker: RouteHandler<typeof routes.revokeWorker, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { credentialId } = c.req.valid("param");
  const { db } = c.get("deps");
  const found = await getWorkerCredential(db, credentialId);
  // another district's credential: 403, audited (ids are random, so the answer reveals nothing useful)
  await authorize(c, found === undefined || canAdminister(p, found.district), "worker.revoke", {
    type: "worker-credential",
    id: credentialId,
    district: found?.district ?? null,
  });
  if (!found) throw new ApiException(404, "not-found");
  const revoked = await db.transaction().execute(async (tx) => {
    const ok = await revokeWorkerCredential(tx, credentialId);
    if (ok) {
      await audit(c, tx, {
        action: "worker.revoke",
        outcome: "ok",
        resourceType: "worker-credential",
        resourceId: credentialId,
        district: found.district,
      });
    }
    return ok;
  });
  if (!revoked) throw new ApiException(409, "worker-credential-revoked");
  const row = await getWorkerCredential(db, credentialId);
  return c.json(view(row ?? found), 200);
};

import { compileAndValidateXml, type Problem } from "@alur/shared/compiler";
import { ExecutionPlan } from "@alur/shared/plan";
import type { RouteHandler } from "@hono/zod-openapi";
import { canAdminister } from "../../auth/policy";
import { appendAudit } from "../../store/audit";
import { getProcessVersion, insertProcessVersion } from "../../store/process-versions";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import { toProcessVersionView } from "./process-versions-view";
import type * as routes from "./processes.routes";

export const deploy: RouteHandler<typeof routes.deploy, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  // A district admin deploys for their district unless they say otherwise; templates are national.
  const district = body.district ?? (p.isSuperAdmin ? null : p.district);
  await authorize(c, canAdminister(p, district), "process.deploy", { type: "process", district });

  const compiled = await compileAndValidateXml(body.bpmnXml, {
    processId: body.processId,
    forPublish: body.publish,
    ...(body.forms ? { forms: body.forms } : {}),
  });
  if (!compiled.plan) throw new ApiException(422, "model-invalid", { problems: compiled.problems });
  const plan = compiled.plan;
  if (plan.variant && plan.variant.district !== district) {
    throw new ApiException(422, "model-invalid", {
      problems: [
        {
          elementId: plan.processId,
          severity: "error",
          code: "variant-district-mismatch",
          message: {
            id: `Model ini varian untuk ${plan.variant.district}, bukan ${district ?? "nasional"}.`,
            en: `This model is a variant for ${plan.variant.district}, not ${district ?? "national"}.`,
          },
        } satisfies Problem,
      ],
    });
  }
  const { db } = c.get("deps");
  const row = await db.transaction().execute(async (tx) => {
    const inserted = await insertProcessVersion(tx, {
      plan,
      bpmnXml: body.bpmnXml,
      district,
      publish: body.publish,
      effectiveFrom: body.effectiveFrom ?? plan.variant?.effectiveFrom ?? null,
      createdBy: p.userId,
    });
    await appendAudit(tx, {
      actorId: p.userId,
      ip: c.get("ip"),
      action: body.publish ? "process.deploy-published" : "process.deploy",
      outcome: "ok",
      resourceType: "process-version",
      resourceId: inserted.id,
      district,
      after: {
        processId: inserted.process_id,
        version: inserted.version,
        status: inserted.status,
        planHash: inserted.plan_hash,
      },
    });
    return inserted;
  });
  return c.json({ version: toProcessVersionView(row), problems: compiled.problems }, 201);
};

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const query = c.req.valid("query");
  if (query.district && !p.isSuperAdmin && query.district !== p.district) {
    await authorize(c, false, "process.list", { type: "process", district: query.district });
  }
  let q = c
    .get("deps")
    .db.selectFrom("process_versions")
    .select([
      "id",
      "process_id",
      "district",
      "version",
      "name",
      "status",
      "plan_hash",
      "effective_from",
      "legal_basis",
      "created_by",
      "created_at",
      "published_at",
    ])
    .orderBy("process_id")
    .orderBy("district")
    .orderBy("version", "desc");
  if (query.district) q = q.where((eb) => eb.or([eb("district", "=", query.district!), eb("district", "is", null)]));
  else if (!p.isSuperAdmin) {
    const own = p.district;
    q = q.where((eb) =>
      own ? eb.or([eb("district", "=", own), eb("district", "is", null)]) : eb("district", "is", null),
    );
  }
  if (query.processId) q = q.where("process_id", "=", query.processId);
  if (query.status === "draft" || query.status === "published" || query.status === "retired")
    q = q.where("status", "=", query.status);
  const rows = await q.execute();
  return c.json({ items: rows.map((r) => toProcessVersionView({ ...r, bpmn_xml: "", plan: {} })) }, 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { versionId } = c.req.valid("param");
  const row = await getProcessVersion(c.get("deps").db, versionId);
  if (!row) throw new ApiException(404, "not-found");
  const visible = row.district === null || p.isSuperAdmin || p.district === row.district;
  await authorize(c, visible, "process.read", { type: "process-version", id: versionId, district: row.district });
  return c.json({ ...toProcessVersionView(row), bpmnXml: row.bpmn_xml, plan: row.plan }, 200);
};

export const publish: RouteHandler<typeof routes.publish, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { versionId } = c.req.valid("param");
  const { db } = c.get("deps");
  const row = await getProcessVersion(db, versionId);
  if (!row) throw new ApiException(404, "not-found");
  await authorize(c, canAdminister(p, row.district), "process.publish", {
    type: "process-version",
    id: versionId,
    district: row.district,
  });
  if (row.status === "published") return c.json(toProcessVersionView(row), 200);
  // A draft may hold what only publishing refuses; the stored model is checked again, with its forms.
  const forms = ExecutionPlan.shape.forms.parse((row.plan as { forms?: unknown }).forms);
  const gate = await compileAndValidateXml(row.bpmn_xml, {
    processId: row.process_id,
    forPublish: true,
    ...(Object.keys(forms).length > 0 ? { forms } : {}),
  });
  if (!gate.plan) throw new ApiException(422, "model-invalid", { problems: gate.problems });
  const updated = await db.transaction().execute(async (tx) => {
    const u = await tx
      .updateTable("process_versions")
      .set({ status: "published", published_at: new Date() })
      .where("id", "=", versionId)
      .where("status", "=", "draft")
      .returningAll()
      .executeTakeFirst();
    if (u) {
      await appendAudit(tx, {
        actorId: p.userId,
        ip: c.get("ip"),
        action: "process.publish",
        outcome: "ok",
        resourceType: "process-version",
        resourceId: versionId,
        district: row.district,
        before: { status: row.status },
        after: { status: "published" },
      });
    }
    return u;
  });
  if (!updated) throw new ApiException(409, "version-retired");
  return c.json(toProcessVersionView(updated), 200);
};

import { randomUUID } from "node:crypto";
import { compileAndValidateAllXml, compileAndValidateXml, type Problem } from "@alur/shared/compiler";
import { ExecutionPlan } from "@alur/shared/plan";
import type { RouteHandler } from "@hono/zod-openapi";
import { canAdminister } from "../../auth/policy";
import type { Db } from "../../store/db";
import {
  deleteDrafts,
  draftsDeployedWith,
  getProcessVersion,
  insertProcessVersion,
  listProcessVersions,
  type NewVersion,
  newestVersion,
  type ProcessVersionRow,
  publishDraft,
  replaceDraft,
  versionStatuses,
} from "../../store/process-versions";
import { audit } from "../audit-trail";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import { toProcessVersionViews } from "./process-versions-view";
import type * as routes from "./processes.routes";

export const deploy: RouteHandler<typeof routes.deploy, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  // A district admin deploys for their district unless they say otherwise; templates are national.
  const district = body.district ?? (p.isSuperAdmin ? null : p.district);
  await authorize(c, canAdminister(p, district), "process.deploy", { type: "process", district });

  const options = { forPublish: body.publish, ...(body.forms ? { forms: body.forms } : {}) };
  // A named process deploys alone; otherwise every executable process of the file, as Zeebe does.
  const compiled = body.processId
    ? await compileAndValidateXml(body.bpmnXml, { ...options, processId: body.processId }).then((r) => ({
        plans: r.plan ? [r.plan] : [],
        skipped: [],
        problems: r.problems,
      }))
    : await compileAndValidateAllXml(body.bpmnXml, options);
  if (compiled.plans.length === 0) throw new ApiException(422, "model-invalid", { problems: compiled.problems });
  const mismatched = compiled.plans.flatMap((plan) =>
    plan.variant && plan.variant.district !== district ? [variantMismatch(plan, district)] : [],
  );
  if (mismatched.length > 0) throw new ApiException(422, "model-invalid", { problems: mismatched });

  const { db } = c.get("deps");
  const renamed = body.replaces ? await renameOf(db, body.replaces, district, compiled.plans) : undefined;
  // One deployment: all of the file's versions or none, so a call between them finds its partner.
  const deploymentId = randomUUID();
  const rows = await db.transaction().execute(async (tx) => {
    if (renamed) {
      const removed = await deleteDrafts(tx, renamed.from, district);
      await audit(c, tx, {
        action: "process.rename",
        outcome: "ok",
        resourceType: "process",
        resourceId: renamed.from,
        district,
        before: { processId: renamed.from, drafts: removed },
        after: { processId: renamed.to },
      });
    }
    const inserted: ProcessVersionRow[] = [];
    for (const plan of compiled.plans) {
      const input: NewVersion = {
        plan,
        bpmnXml: body.bpmnXml,
        district,
        publish: body.publish,
        effectiveFrom: body.effectiveFrom ?? plan.variant?.effectiveFrom ?? null,
        createdBy: p.userId,
        deploymentId,
      };
      // the newest draft is the working copy of the next version: saved again, not numbered again
      const newest = await newestVersion(tx, plan.processId, district);
      const draft = newest?.status === "draft" ? newest : undefined;
      const row = (draft && (await replaceDraft(tx, draft.id, input))) || (await insertProcessVersion(tx, input));
      await audit(c, tx, {
        action: body.publish ? "process.deploy-published" : "process.deploy",
        outcome: "ok",
        resourceType: "process-version",
        resourceId: row.id,
        district,
        ...(draft && draft.id === row.id ? { before: { status: "draft", planHash: draft.plan_hash } } : {}),
        after: {
          processId: row.process_id,
          version: row.version,
          status: row.status,
          planHash: row.plan_hash,
          deploymentId,
          ...(compiled.plans.length > 1 ? { deployedWith: compiled.plans.map((other) => other.processId) } : {}),
        },
      });
      inserted.push(row);
    }
    return inserted;
  });
  const versions = await toProcessVersionViews(db, rows);
  return c.json({ version: versions[0]!, versions, skipped: compiled.skipped, problems: compiled.problems }, 201);
};

/**
 * Whether this deploy renames the service the model was opened from: its process id changed and
 * only one process deploys. A service that was ever published keeps its id (cases and call
 * activities name it), so changing it is refused; a draft-only one is renamed, leaving no orphan.
 */
async function renameOf(
  db: Db,
  openedId: string,
  district: string | null,
  plans: readonly ExecutionPlan[],
): Promise<{ from: string; to: string } | undefined> {
  const opened = await getProcessVersion(db, openedId);
  if (!opened || opened.district !== district || plans.length !== 1) return undefined;
  const to = plans[0]!.processId;
  if (opened.process_id === to) return undefined;
  const statuses = await versionStatuses(db, opened.process_id, district);
  if (statuses.some((s) => s !== "draft"))
    throw new ApiException(409, "process-id-locked", { processId: opened.process_id, newProcessId: to });
  return { from: opened.process_id, to };
}

function variantMismatch(plan: ExecutionPlan, district: string | null): Problem {
  const variantDistrict = plan.variant?.district;
  return {
    elementId: plan.processId,
    processId: plan.processId,
    severity: "error",
    code: "variant-district-mismatch",
    message: {
      id: `Model ini varian untuk ${variantDistrict}, bukan ${district ?? "nasional"}.`,
      en: `This model is a variant for ${variantDistrict}, not ${district ?? "national"}.`,
    },
  };
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const query = c.req.valid("query");
  if (query.district && !p.isSuperAdmin && query.district !== p.district) {
    await authorize(c, false, "process.list", { type: "process", district: query.district });
  }
  // a district's own versions and the templates; a super admin without a filter sees every district's
  const district = query.district ?? (p.isSuperAdmin ? undefined : p.district);
  const status =
    query.status === "draft" || query.status === "published" || query.status === "retired" ? query.status : undefined;
  const rows = await listProcessVersions(c.get("deps").db, {
    district,
    ...(query.processId ? { processId: query.processId } : {}),
    ...(status ? { status } : {}),
  });
  return c.json({ items: await toProcessVersionViews(c.get("deps").db, rows) }, 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { versionId } = c.req.valid("param");
  const row = await getProcessVersion(c.get("deps").db, versionId);
  if (!row) throw new ApiException(404, "not-found");
  const visible = row.district === null || p.isSuperAdmin || p.district === row.district;
  await authorize(c, visible, "process.read", { type: "process-version", id: versionId, district: row.district });
  const [view] = await toProcessVersionViews(c.get("deps").db, [row]);
  return c.json({ ...view!, bpmnXml: row.bpmn_xml, plan: row.plan }, 200);
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
  if (row.status === "published") return c.json((await toProcessVersionViews(db, [row]))[0]!, 200);
  // A deployment publishes as a whole: the drafts deployed with this one from the same file too.
  const together = [row, ...(await draftsDeployedWith(db, row))];
  await publishGate(row, together);
  const updated = await db.transaction().execute(async (tx) => {
    const published: ProcessVersionRow[] = [];
    for (const draft of together) {
      const u = await publishDraft(tx, draft.id);
      if (!u) continue;
      await audit(c, tx, {
        action: "process.publish",
        outcome: "ok",
        resourceType: "process-version",
        resourceId: draft.id,
        district: draft.district,
        before: { status: draft.status },
        after: { status: "published", ...(draft.id !== row.id ? { publishedWith: row.id } : {}) },
      });
      published.push(u);
    }
    return published.find((u) => u.id === versionId);
  });
  if (!updated) throw new ApiException(409, "version-retired");
  return c.json((await toProcessVersionViews(db, [updated]))[0]!, 200);
};

/**
 * A draft may hold what only publishing refuses: the stored model is checked again, with its
 * forms, as its deploy compiled it (every executable process of a deployment of several).
 */
async function publishGate(row: ProcessVersionRow, together: ProcessVersionRow[]): Promise<void> {
  const forms: Record<string, unknown> = {};
  for (const version of together)
    Object.assign(forms, ExecutionPlan.shape.forms.parse((version.plan as { forms?: unknown }).forms));
  const options = { forPublish: true, ...(Object.keys(forms).length > 0 ? { forms } : {}) };
  if (together.length > 1) {
    const gate = await compileAndValidateAllXml(row.bpmn_xml, options);
    if (gate.plans.length === 0) throw new ApiException(422, "model-invalid", { problems: gate.problems });
    return;
  }
  const gate = await compileAndValidateXml(row.bpmn_xml, { ...options, processId: row.process_id });
  if (!gate.plan) throw new ApiException(422, "model-invalid", { problems: gate.problems });
}

import type { RouteHandler } from "@hono/zod-openapi";
import { getProcessVersion } from "../../store/process-versions";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import { toProcessVersionViews } from "../processes/process-versions-view";
import { derivedStandardOf } from "./derived-standard";
import { renderStandardPdf } from "./standard-pdf";
import type * as routes from "./standards.routes";

/** The version if the caller may read it (national templates and their own district). */
async function readableVersion(c: AppContext, versionId: string) {
  const p = requirePrincipal(c);
  const row = await getProcessVersion(c.get("deps").db, versionId);
  if (!row) throw new ApiException(404, "not-found");
  const visible = row.district === null || p.isSuperAdmin || p.district === row.district;
  await authorize(c, visible, "process.read", { type: "process-version", id: versionId, district: row.district });
  return row;
}

export const getStandard: RouteHandler<typeof routes.getStandard, AppEnv> = async (c) => {
  const row = await readableVersion(c, c.req.valid("param").versionId);
  const standard = await derivedStandardOf(c.get("deps").db, row);
  const [version] = await toProcessVersionViews(c.get("deps").db, [row]);
  return c.json({ version: version!, standard }, 200);
};

export const getStandardPdf: RouteHandler<typeof routes.getStandardPdf, AppEnv> = async (c) => {
  const row = await readableVersion(c, c.req.valid("param").versionId);
  const standard = await derivedStandardOf(c.get("deps").db, row);
  // The version's publication (or creation) time: the same version always gives the same bytes.
  const at = new Date(row.published_at ?? row.created_at);
  const bytes = await renderStandardPdf(standard, { at, draft: row.status !== "published" });
  c.header("content-type", "application/pdf");
  c.header("content-disposition", `inline; filename="standar-pelayanan-${row.process_id}-v${row.version}.pdf"`);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200) as never;
};

import { StandardView } from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonResponse, SECURITY } from "../openapi";

const params = z.object({ versionId: z.string() });

export const getStandard = createRoute({
  method: "get",
  path: "/processes/versions/{versionId}/standard",
  tags: ["processes"],
  summary: "The Standar Pelayanan of a version, derived from its model",
  description:
    "The 14 components as declared, with the procedure derived from the model (steps in order, role names from the directory, SLAs, decisions and returns, clock stops), the longest path's SLA sum, the kop surat and the flowchart. The version's effective date wins over the model's.",
  security: SECURITY,
  request: { params },
  responses: { 200: jsonResponse(StandardView, "Derived standard"), ...errors(401, 403, 404, 422) },
});

export const getStandardPdf = createRoute({
  method: "get",
  path: "/processes/versions/{versionId}/standard.pdf",
  tags: ["processes"],
  summary: "The derived Standar Pelayanan as an official A4 PDF",
  description:
    "Kop surat, the 14 components, Maklumat Pelayanan, signature block and the flowchart. A draft is marked DRAF.",
  security: SECURITY,
  request: { params },
  responses: {
    200: { description: "The PDF", content: { "application/pdf": { schema: z.any() } } },
    ...errors(401, 403, 404, 422),
  },
});

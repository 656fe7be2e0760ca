import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./reports.handlers";
import * as routes from "./reports.routes";

/** Performance reports for heads and district admins, from the rollups (migration 0019). */
export const reportsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.performanceReport, handlers.performanceReport)
  .openapi(routes.performanceCsv, handlers.performanceCsv);

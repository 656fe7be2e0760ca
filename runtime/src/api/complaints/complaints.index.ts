import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./complaints.handlers";
import * as routes from "./complaints.routes";

/** Complaints: filed by the public and at the counter, answered by the complaint team, reported. */
export const complaintsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.fileOnline, handlers.fileOnline)
  .openapi(routes.trackOnline, handlers.trackOnline)
  .openapi(routes.takeAtCounter, handlers.takeAtCounter)
  .openapi(routes.list, handlers.list)
  .openapi(routes.answer, handlers.answer)
  .openapi(routes.report, handlers.report)
  .openapi(routes.laporExport, handlers.laporExport);

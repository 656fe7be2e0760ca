import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./standards.handlers";
import * as routes from "./standards.routes";

export const standardsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.getStandard, handlers.getStandard)
  .openapi(routes.getStandardPdf, handlers.getStandardPdf);

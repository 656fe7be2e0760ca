import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./case-list.handlers";
import * as routes from "./case-list.routes";

/** Mounted before the cases router: `/cases/export` is not a case id. */
export const caseListRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.list, handlers.list)
  .openapi(routes.exportCases, handlers.exportCases)
  .openapi(routes.listFilters, handlers.listFilters)
  .openapi(routes.createFilter, handlers.createFilter)
  .openapi(routes.updateFilter, handlers.updateFilter)
  .openapi(routes.deleteFilter, handlers.deleteFilter);

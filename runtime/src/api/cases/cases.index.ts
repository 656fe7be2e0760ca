import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as operations from "./case-operations.handlers";
import * as operationRoutes from "./case-operations.routes";
import * as handlers from "./cases.handlers";
import * as routes from "./cases.routes";
import * as reassignment from "./reassign.handlers";

export const casesRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.start, handlers.start)
  .openapi(routes.get, handlers.get)
  .openapi(routes.timeline, handlers.timeline)
  .openapi(routes.document, handlers.document)
  .openapi(routes.message, handlers.message)
  .openapi(routes.retryIncident, handlers.retryIncident)
  .openapi(routes.signal, handlers.signal)
  .openapi(operationRoutes.cancel, operations.cancel)
  .openapi(operationRoutes.suspend, operations.suspend)
  .openapi(operationRoutes.resume, operations.resume)
  .openapi(operationRoutes.variables, operations.variables)
  .openapi(operationRoutes.correct, operations.correct)
  .openapi(operationRoutes.eligibleUsers, reassignment.eligibleUsers)
  .openapi(operationRoutes.reassign, reassignment.reassign);

import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./tasks.handlers";
import * as routes from "./tasks.routes";

export const tasksRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.inbox, handlers.inbox)
  .openapi(routes.get, handlers.get)
  .openapi(routes.claim, handlers.claim)
  .openapi(routes.unclaim, handlers.unclaim)
  .openapi(routes.delegate, handlers.delegate)
  .openapi(routes.delegates, handlers.delegates)
  .openapi(routes.comment, handlers.comment)
  .openapi(routes.draft, handlers.draft)
  .openapi(routes.complete, handlers.complete);

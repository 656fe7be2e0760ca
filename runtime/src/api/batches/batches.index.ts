import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./batches.handlers";
import * as routes from "./batches.routes";

export const batchesRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.items, handlers.items)
  .openapi(routes.pause, handlers.pause)
  .openapi(routes.resume, handlers.resume)
  .openapi(routes.cancel, handlers.cancel);

import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./public.handlers";
import * as routes from "./public.routes";
import * as applyHandlers from "./public-apply.handlers";
import * as verification from "./verification";

/** No sign-in on any of these: the public face of each district office. */
export const publicRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.catalogue, handlers.catalogue)
  .openapi(routes.service, handlers.service)
  .openapi(routes.track, handlers.track)
  .openapi(routes.apply, applyHandlers.apply)
  .openapi(routes.receipt, handlers.receipt)
  .openapi(routes.trackUpload, applyHandlers.trackUpload)
  .openapi(routes.trackDocument, handlers.trackDocument)
  .openapi(routes.verificationCode, verification.requestCode);

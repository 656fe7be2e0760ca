import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./auth.handlers";
import * as routes from "./auth.routes";
import * as oidcHandlers from "./oidc.handlers";
import * as oidc from "./oidc.routes";

export const authRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.login, handlers.login)
  .openapi(routes.logout, handlers.logout)
  .openapi(routes.me, handlers.me)
  .openapi(routes.changePassword, handlers.changePassword)
  .openapi(oidc.oidcConfig, oidcHandlers.oidcConfig)
  .openapi(oidc.oidcStart, oidcHandlers.oidcStart)
  .openapi(oidc.oidcCallback, oidcHandlers.oidcCallback);

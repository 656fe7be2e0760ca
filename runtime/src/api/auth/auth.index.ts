import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./auth.handlers";
import * as routes from "./auth.routes";

export const authRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.login, handlers.login)
  .openapi(routes.logout, handlers.logout)
  .openapi(routes.me, handlers.me);

import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./directory.handlers";
import * as routes from "./directory.routes";

export const directoryRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.listOrgUnits, handlers.listOrgUnits)
  .openapi(routes.listRoles, handlers.listRoles)
  .openapi(routes.createRole, handlers.createRole)
  .openapi(routes.listUsers, handlers.listUsers)
  .openapi(routes.createUser, handlers.createUser)
  .openapi(routes.disableUser, handlers.disableUser)
  .openapi(routes.disableDemoUsers, handlers.disableDemoUsers);

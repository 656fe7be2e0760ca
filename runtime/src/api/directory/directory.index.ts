import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./directory.handlers";
import * as routes from "./directory.routes";
import * as peopleHandlers from "./people.handlers";
import * as people from "./people.routes";

export const directoryRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.listOrgUnits, handlers.listOrgUnits)
  .openapi(routes.listRoles, handlers.listRoles)
  .openapi(routes.createRole, handlers.createRole)
  .openapi(routes.listUsers, handlers.listUsers)
  .openapi(people.createUser, peopleHandlers.createUser)
  .openapi(people.updateUser, peopleHandlers.updateUser)
  .openapi(people.disableUser, peopleHandlers.disableUser)
  .openapi(people.enableUser, peopleHandlers.enableUser)
  .openapi(people.resetPassword, peopleHandlers.resetPassword)
  .openapi(people.importUsers, peopleHandlers.importUsers)
  .openapi(people.listActing, peopleHandlers.listActing)
  .openapi(people.createActing, peopleHandlers.createActing)
  .openapi(people.revokeActing, peopleHandlers.revokeActing)
  .openapi(routes.disableDemoUsers, handlers.disableDemoUsers);

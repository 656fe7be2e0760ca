import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as migrations from "./migrations.handlers";
import * as migrationRoutes from "./migrations.routes";
import * as handlers from "./processes.handlers";
import * as routes from "./processes.routes";

export const processesRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.deploy, handlers.deploy)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.publish, handlers.publish)
  .openapi(migrationRoutes.dryRun, migrations.dryRun)
  .openapi(migrationRoutes.migrate, migrations.migrate);

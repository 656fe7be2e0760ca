import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as jobs from "./jobs.handlers";
import * as routes from "./jobs.routes";
import * as workers from "./workers.handlers";

export const jobsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.activate, jobs.activate)
  .openapi(routes.complete, jobs.complete)
  .openapi(routes.fail, jobs.fail)
  .openapi(routes.throwError, jobs.throwError)
  .openapi(routes.listWorkers, workers.listWorkers)
  .openapi(routes.createWorker, workers.createWorker)
  .openapi(routes.revokeWorker, workers.revokeWorker);

import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import * as handlers from "./survey.handlers";
import * as routes from "./survey.routes";

/** The satisfaction survey: answered by applicants (public) and at the counter, read as the IKM report. */
export const surveyRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(routes.answerOnline, handlers.answerOnline)
  .openapi(routes.answerAtCounter, handlers.answerAtCounter)
  .openapi(routes.ikmReport, handlers.ikmReport);

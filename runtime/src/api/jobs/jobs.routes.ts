import {
  JobActivationRequest,
  JobActivationResponse,
  JobCompletionRequest,
  JobErrorRequest,
  JobFailureRequest,
  JobKeyParam,
  WorkerCredential,
  WorkerCredentialCreate,
  WorkerCredentialCreated,
  WorkerCredentialList,
  WorkerCredentialParam,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

/** Job workers send `Authorization: Bearer alurw_…` (a worker credential), never a session. */
const WORKER_SECURITY = [{ worker: [] }];

export const activate = createRoute({
  method: "post",
  path: "/jobs/activation",
  tags: ["jobs"],
  summary: "Activate jobs of a type for a worker (long polling up to requestTimeout)",
  description:
    "Locks up to maxJobsToActivate open jobs of the type for `timeout` ms. A job whose lock expires is offered " +
    "again; its old jobKey is refused from then on.",
  security: WORKER_SECURITY,
  request: { body: jsonBody(JobActivationRequest) },
  responses: { 200: jsonResponse(JobActivationResponse, "Activated jobs (maybe none)"), ...errors(400, 401, 403) },
});

const answer = <T extends z.ZodType>(path: string, summary: string, body: T) =>
  createRoute({
    method: "post",
    path,
    tags: ["jobs"],
    summary,
    security: WORKER_SECURITY,
    request: { params: JobKeyParam, body: jsonBody(body) },
    responses: { 204: { description: "Done" }, ...errors(400, 401, 404, 409, 503) },
  });

export const complete = answer(
  "/jobs/{jobKey}/completion",
  "Complete a job; its variables become the task's output",
  JobCompletionRequest,
);
export const fail = answer(
  "/jobs/{jobKey}/failure",
  "Fail a job: offered again after retryBackOff while retries > 0, an incident at 0",
  JobFailureRequest,
);
export const throwError = answer(
  "/jobs/{jobKey}/error",
  "Throw a BPMN error from a job (caught by an error event with its code)",
  JobErrorRequest,
);

export const listWorkers = createRoute({
  method: "get",
  path: "/workers",
  tags: ["jobs"],
  summary: "Worker credentials (district admin: own district; super admin: any)",
  security: SECURITY,
  request: { query: z.object({ district: z.string().max(20).optional() }) },
  responses: { 200: jsonResponse(WorkerCredentialList, "Credentials"), ...errors(401, 403) },
});

export const createWorker = createRoute({
  method: "post",
  path: "/workers",
  tags: ["jobs"],
  summary: "Create a worker credential scoped to job types and a district (its token is shown once)",
  security: SECURITY,
  request: { body: jsonBody(WorkerCredentialCreate) },
  responses: { 201: jsonResponse(WorkerCredentialCreated, "Created"), ...errors(400, 401, 403) },
});

export const revokeWorker = createRoute({
  method: "delete",
  path: "/workers/{credentialId}",
  tags: ["jobs"],
  summary: "Revoke a worker credential",
  security: SECURITY,
  request: { params: WorkerCredentialParam },
  responses: { 200: jsonResponse(WorkerCredential, "Revoked"), ...errors(401, 403, 404, 409) },
});

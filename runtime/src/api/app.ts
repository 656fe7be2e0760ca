/**
 * The runtime's HTTP API (mounted under /api by the server): accounts, directory, process
 * versions, cases, the task inbox, notifications and the audit log, with the OpenAPI 3.1 document at
 * /openapi.json and its reference page at /docs. Keeps no state in memory that another API
 * process would need.
 */

import { OpenAPIHono } from "@hono/zod-openapi";
import { compress } from "hono/compress";
import { auditRouter } from "./audit/audit.index";
import { authRouter } from "./auth/auth.index";
import { batchesRouter } from "./batches/batches.index";
import { limitedBodies, MB, noNulInUrl, signedInBeforeBody } from "./bodies";
import { caseListRouter } from "./case-list/case-list.index";
import { casesRouter } from "./cases/cases.index";
import { streamedUploads } from "./cases/multipart";
import { complaintLimit } from "./complaints/complaints.handlers";
import { complaintsRouter } from "./complaints/complaints.index";
import type { AppDeps, AppEnv } from "./context";
import { directoryRouter } from "./directory/directory.index";
import { mountDocs } from "./docs";
import { errorBody, renderError, validationHook } from "./errors";
import { jobsRouter } from "./jobs/jobs.index";
import { authenticate, passwordChangeGate } from "./middleware";
import { notificationsRouter } from "./notifications/notifications.index";
import { processesRouter } from "./processes/processes.index";
import { publicRouter } from "./public/public.index";
import { APPLY_MAX_TOTAL_BYTES, applicationLimit } from "./public/public-apply.handlers";
import { reportsRouter } from "./reports/reports.index";
import { standardsRouter } from "./standards/standards.index";
import { surveyRouter } from "./survey/survey.index";
import { tasksRouter } from "./tasks/tasks.index";

export type { AppDeps } from "./context";

/** Builds the API app; `basePath` is where the server mounts it (for the docs page's links). */
export function createApp(deps: AppDeps, options: { basePath?: string } = {}): OpenAPIHono<AppEnv> {
  const basePath = options.basePath ?? "/api";
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(renderError(deps.logger));
  app.notFound((c) => c.json(errorBody("not-found"), 404));
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "alur_session",
    description: "Session cookie from POST /auth/login; writes also need the X-CSRF-Token header.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: 'Token from POST /auth/login with mode "token" (scripts, the alur CLI).',
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "worker", {
    type: "http",
    scheme: "bearer",
    description: "A job worker's credential `alurw_…` from POST /workers; it may use /jobs only.",
  });

  app.use("*", authenticate(deps));
  app.use("*", noNulInUrl());
  app.use("*", passwordChangeGate(["me", "password", "logout"].map((p) => `${basePath}/auth/${p}`)));
  // Who is calling is known before any body is read: an anonymous flood costs no memory.
  app.use(
    "*",
    signedInBeforeBody(
      [
        `${basePath}/auth/login`,
        `${basePath}/public/track`,
        `${basePath}/public/survey`,
        `${basePath}/public/complaints`,
        `${basePath}/public/complaints/track`,
        `${basePath}/public/receipt`,
        `${basePath}/public/track/uploads`,
        `${basePath}/public/track/document`,
        new RegExp(`^${basePath}/public/districts/[^/]+/services/[^/]+/applications$`),
        new RegExp(`^${basePath}/public/districts/[^/]+/verification-codes$`),
      ],
      `${basePath}/jobs/`,
    ),
  );
  // The upload routes stream files to disk; every other body is held in memory, so it is small.
  app.on("POST", ["/cases", "/cases/:caseId/messages"], streamedUploads());
  // anyone may apply online: the client's count is checked before the body, which is capped lower
  app.on(
    "POST",
    "/public/districts/:district/services/:processId/applications",
    applicationLimit(),
    streamedUploads({ maxTotalBytes: APPLY_MAX_TOTAL_BYTES }),
  );
  app.on("POST", "/public/track/uploads", streamedUploads({ maxTotalBytes: APPLY_MAX_TOTAL_BYTES }));
  app.use("/processes", limitedBodies({ maxBytes: 5 * MB }));
  // a complaint's text (2,000 characters, up to 4 bytes each) needs more than the other public bodies
  app.on("POST", "/public/complaints", complaintLimit(), limitedBodies({ maxBytes: 16 * 1024 }));
  // anyone may send these: a case number and a code fit in far less
  app.use("/public/*", limitedBodies({ maxBytes: 4 * 1024 }));
  app.use("*", limitedBodies({ maxBytes: MB }));
  // The public catalogue and standards are read on phones over slow networks (issue 16's page
  // budget): compressed. Only these reads, which hold no secret, so no answer that mixes a secret
  // with what the caller sent is compressed (BREACH).
  app.get("/public/districts/*", compress());
  app.route("/", authRouter);
  app.route("/", directoryRouter);
  app.route("/", processesRouter);
  app.route("/", standardsRouter);
  app.route("/", caseListRouter);
  app.route("/", casesRouter);
  app.route("/", batchesRouter);
  app.route("/", tasksRouter);
  app.route("/", auditRouter);
  app.route("/", jobsRouter);
  app.route("/", notificationsRouter);
  app.route("/", publicRouter);
  app.route("/", surveyRouter);
  app.route("/", complaintsRouter);
  app.route("/", reportsRouter);

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Alur runtime API",
      version: "0.1.0",
      description:
        "Cases (permohonan), task inbox, accounts and audit log of a Dinas Sosial office. " +
        "Errors always have the shape {code, message: {id, en}, details}.",
    },
    servers: [{ url: basePath }],
  });
  mountDocs(app, basePath);
  return app;
}

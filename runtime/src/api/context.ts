/** What every handler gets: the app's dependencies and the authenticated principal. */
import type { Client } from "@temporalio/client";
import type { Context } from "hono";
import type { Principal } from "../auth/principal";
import type { Env } from "../env";
import type { Logger } from "../logger";
import type { Db } from "../store/db";
import type { WorkerCredentialRow } from "../store/external-jobs";
import type { ReceivedFile } from "./cases/uploads";

export interface AppDeps {
  db: Db;
  temporal: { client: Client; taskQueue: string };
  env: Env;
  logger: Logger;
  /** Where uploaded documents are stored by sha256. */
  filesDir: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    principal: Principal | null;
    sessionId: string | null;
    /** When the caller's session ends (read with the session itself). */
    sessionExpiresAt: Date | null;
    /** How the caller authenticated; CSRF is checked only for cookies. */
    authKind: "cookie" | "bearer" | "worker" | null;
    /** A job worker's credential (bearer `alurw_…`): it may use the job API only. */
    worker: WorkerCredentialRow | null;
    csrfToken: string | null;
    ip: string;
    /** Files of a multipart body on an upload route, already streamed to temp files. */
    uploads: ReceivedFile[] | undefined;
  };
}

export type AppContext = Context<AppEnv>;

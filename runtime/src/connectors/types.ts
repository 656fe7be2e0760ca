/** What every connector receives and returns. */
import type { Variables } from "@alur/shared/schemas";
import type { Logger } from "../logger";
import type { Db } from "../store/db";
import type { ConnectorResult } from "../temporal/activities/contract";

export type { ConnectorResult };

export interface ConnectorInput {
  caseId: string;
  district: string;
  elementId: string;
  /** Null for fire-and-forget jobs such as SLA escalation notices. */
  elementInstanceId: string | null;
  /** Unique per job within the case; makes side effects idempotent across retries. */
  jobKey: string;
  type: string;
  headers: Record<string, string>;
  variables: Variables;
  /** Workflow time when the job was started; documents carry it, so a retry renders the same bytes. */
  at: string;
}

export interface ConnectorDeps {
  db: Db;
  logger: Logger;
  /** Host names the http connector may call; "*.example.go.id" allows subdomains. */
  httpAllow: string[];
  /** Where generated files go (data/files), addressed by sha256. */
  filesDir: string;
  fetch?: typeof fetch;
}

export type Connector = (deps: ConnectorDeps, input: ConnectorInput, signal?: AbortSignal) => Promise<ConnectorResult>;

/** A connector's answer that is a BPMN error. */
export type BpmnErrorResult = Extract<ConnectorResult, { ok: false }>;

/** A business error the model can catch with an error boundary event. */
export function bpmnError(code: string, message: string): BpmnErrorResult {
  return { ok: false, bpmnError: { code, message } };
}

/**
 * The Temporal worker that runs the bpmnProcess interpreter and its activities. Workflow code is
 * bundled from temporal/workflows unless a prebuilt bundle is given (tests bundle once per run).
 */
import path from "node:path";
import { type NativeConnection, Worker } from "@temporalio/worker";
import type { CaseActivities } from "./activities/contract";

export const WORKFLOWS_PATH = path.join(import.meta.dirname, "workflows", "index.ts");

/** Sticky cache size: bounds worker memory however many cases wait on people. */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;

export interface CreateWorkerOptions {
  connection: NativeConnection;
  taskQueue: string;
  activities: CaseActivities;
  namespace?: string;
  /** A bundle from bundleWorkflowCode; without it the worker bundles WORKFLOWS_PATH itself. */
  workflowBundle?: { code: string } | { codePath: string };
  /** Concurrency limits (defaults suit a 2-core machine). */
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentActivityTaskExecutions?: number;
  maxCachedWorkflows?: number;
  identity?: string;
}

export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? "default",
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions ?? 40,
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 50,
    // Each cached case costs about 1.5 MB of worker memory; cases evicted from the cache are
    // replayed from history on their next event, so a bounded cache bounds memory.
    maxCachedWorkflows: options.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    ...(options.identity ? { identity: options.identity } : {}),
  });
}

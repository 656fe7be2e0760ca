/**
 * The Temporal worker that runs the bpmnProcess interpreter and its activities. Workflow code is
 * bundled from temporal/workflows unless a prebuilt bundle is given (tests bundle once per run).
 */
import path from "node:path";
import { type NativeConnection, Worker } from "@temporalio/worker";
import type { CaseActivities } from "./activities/contract";

export const WORKFLOWS_PATH = path.join(import.meta.dirname, "workflows", "index.ts");

/**
 * How workflow code is bundled, here and wherever a bundle is prebuilt (tests, benchmarks).
 * Modules without per-case state are loaded once per worker and shared by every cached case
 * (reusable V8 context; the SDK freezes them). Anything else is instantiated per case: each cached
 * case then carried its own copy of zod, our schemas and the FEEL parser, about 3 MB (1,000 waiting
 * cases: worker peak RSS 2,166 MB without preloading, 506 MB with it; bench/worker-memory.bench.ts).
 * Frozen zod schemas cannot parse, so workflow code builds the few schemas it parses with itself.
 */
export const WORKFLOW_BUNDLE_OPTIONS: { preloadModules: string[] } = {
  preloadModules: [
    "zod",
    "feelin",
    "@alur/shared/schemas",
    "@alur/shared/forms",
    "@alur/shared/calendar",
    "@alur/shared/feel",
  ],
};

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
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: WORKFLOW_BUNDLE_OPTIONS }),
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions ?? 40,
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 50,
    // Cases evicted from the cache are replayed from history on their next event, so a bounded
    // cache bounds memory.
    maxCachedWorkflows: options.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    ...(options.identity ? { identity: options.identity } : {}),
  });
}

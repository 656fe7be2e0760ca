/**
 * How the job API answers an external job's activity on Temporal (async completion by task
 * token). A job whose activity is gone (the case moved on, was cancelled, or the answer already
 * arrived) reports "gone" instead of throwing, so callers can end its row.
 */
import { ActivityCancelledError, ActivityNotFoundError, type Client } from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import type { ConnectorResult } from "./activities/contract";

export type JobAnswer = "done" | "gone";

const tokenBytes = (taskToken: string) => Buffer.from(taskToken, "base64");

async function orGone(call: () => Promise<void>): Promise<JobAnswer> {
  try {
    await call();
    return "done";
  } catch (error) {
    if (error instanceof ActivityNotFoundError) return "gone";
    throw error;
  }
}

/** The task's result (its output variables or a BPMN error), as the workflow reads a connector's. */
export function completeJobActivity(client: Client, taskToken: string, result: ConnectorResult): Promise<JobAnswer> {
  return orGone(() => client.activity.complete(tokenBytes(taskToken), result));
}

/** Fails the activity for good: the workflow raises an incident with `message`. */
export function failJobActivity(client: Client, taskToken: string, message: string): Promise<JobAnswer> {
  return orGone(() =>
    client.activity.fail(tokenBytes(taskToken), ApplicationFailure.nonRetryable(message, "JobFailed")),
  );
}

/**
 * Whether the activity still waits for an answer: a heartbeat learns that the workflow cancelled
 * it (then the cancellation is acknowledged) or that it no longer exists.
 */
export async function checkJobActivity(client: Client, taskToken: string): Promise<"open" | "gone"> {
  try {
    await client.activity.heartbeat(tokenBytes(taskToken));
    return "open";
  } catch (error) {
    if (error instanceof ActivityNotFoundError) return "gone";
    if (error instanceof ActivityCancelledError) {
      await orGone(() => client.activity.reportCancellation(tokenBytes(taskToken)));
      return "gone";
    }
    throw error;
  }
}

/**
 * What crosses between a case and its parent or called cases, as Temporal signals: reports to the
 * parent (escalations, errors, open incidents, message subscriptions) and messages handed down.
 * What to report and where a message goes is decided by the engine's `CalledCases`; this module
 * only sends. Signals to a workflow that has ended are dropped (its parent learns the end anyway).
 */
import { getExternalWorkflowHandle, patched } from "@temporalio/workflow";
import { incidentsKey } from "../../engine/called-cases";
import type { EngineCommand, EngineEvent } from "../../engine/types";
import {
  childEventSignal,
  childIncidentsSignal,
  childMessageSubscriptionsSignal,
  type ForwardedMessage,
  messageSignal,
} from "../definitions";
import type { Applied, CaseRun } from "./case-run";
import { store } from "./store-activities";

/** Tells the parent case about an escalation or error this called case did not catch. */
export async function toParent(run: CaseRun, kind: "escalated" | "errored", code: string, message: string) {
  const child = run.input.child;
  if (!child?.childId) return; // a top-level case: the record is in the history
  await getExternalWorkflowHandle(child.parentWorkflowId)
    .signal(childEventSignal, { childId: child.childId, kind, code, message })
    .catch(() => undefined);
}

/** Brings the case row (a top case) or the parent case (a called case) up to date after a change. */
export async function report(run: CaseRun) {
  const { state } = run;
  if (!state) return;
  if (run.isChild) {
    await reportIncidents(run);
    await reportMessageSubscriptions(run);
    return;
  }
  const status = run.view().status;
  if (status !== run.lastStatus || state.caseDueAt !== run.dueAt) {
    run.lastStatus = status;
    run.dueAt = state.caseDueAt;
    await store.setCaseStatus({ caseId: run.caseId, status, dueAt: run.dueAt });
  }
}

/** Tells the parent case this called case's open incidents, when they changed since last time. */
async function reportIncidents(run: CaseRun) {
  const child = run.input.child;
  if (!child?.childId) return;
  const incidents = run.view().incidents;
  const key = incidentsKey(incidents);
  if (key === run.reportedIncidents) return;
  // Called cases recorded before they reported incidents must replay without the signal.
  if (!patched("child-incidents")) return;
  run.reportedIncidents = key;
  await getExternalWorkflowHandle(child.parentWorkflowId)
    .signal(childIncidentsSignal, { childId: child.childId, incidents })
    .catch(() => undefined);
}

/**
 * Tells the parent case the message subscriptions this called case and its called cases hold
 * open, and the message names they can buffer, when they changed.
 */
async function reportMessageSubscriptions(run: CaseRun) {
  const child = run.input.child;
  if (!child?.childId || !run.state) return;
  // Called cases recorded before they reported names must replay without them: a name alone
  // would send a report (a signal) where they sent none.
  const withNames = patched("child-message-names");
  const { subscriptions, messageNames, key } = run.calledCases.messageReport(run.state, run.ownMessageNames, withNames);
  if (key === run.reportedMessageSubscriptions) return;
  // Called cases recorded before they reported subscriptions must replay without the signal.
  if (!patched("child-message-subscriptions")) return;
  run.reportedMessageSubscriptions = key;
  await getExternalWorkflowHandle(child.parentWorkflowId)
    .signal(childMessageSubscriptionsSignal, {
      childId: child.childId,
      subscriptions,
      ...(messageNames.length > 0 ? { messageNames } : {}),
    })
    .catch(() => undefined);
}

/**
 * Hands a received message that no subscription of this case takes to the called case the
 * engine's `CalledCases.route` picks. Null when there is none, or its workflow ended meanwhile
 * (the engine then buffers or rejects it, so the update's answer stays true). No patch is needed:
 * only a report leads here, and histories recorded before reports (or their names) existed hold
 * none. If the called case's subscription closed just before the message arrives there, that case
 * buffers it under its own rules (or rejects it): the answer "correlated" was true for what the
 * case knew, like a message that finds its catch event cancelled in the same instant.
 */
export async function forwardToChild(
  run: CaseRun,
  event: Extract<EngineEvent, { type: "messageReceived" }>,
): Promise<Omit<Applied, "accepted"> | null> {
  if (!run.state) return null;
  const delivery = run.calledCases.route(run.state, event, run.ownMessageNames.includes(event.name));
  if (!delivery) return null;
  try {
    await getExternalWorkflowHandle(run.childWorkflowOf(delivery.childId)).signal(messageSignal, {
      name: event.name,
      correlationKey: event.correlationKey,
      payload: event.payload,
      ...(delivery.expiresAt ? { expiresAt: delivery.expiresAt } : {}),
    });
    return delivery.answer;
  } catch {
    // The called case's workflow is gone (ended between its report and now): nothing to hand to.
    return null;
  }
}

/**
 * Hands a message this case buffered to the called case whose newly opened subscription takes
 * it, so it correlates there at once. If the called case's workflow ended meanwhile, this case
 * takes the message back (buffered again until the same expiry, or routed anew).
 */
export async function passMessage(run: CaseRun, c: Extract<EngineCommand, { type: "passMessage" }>) {
  const message: ForwardedMessage = {
    name: c.name,
    ...(c.correlationKey !== null ? { correlationKey: c.correlationKey } : {}),
    payload: c.payload,
    expiresAt: c.expiresAt,
  };
  await getExternalWorkflowHandle(run.childWorkflowOf(c.childId))
    .signal(messageSignal, message)
    .catch(() => {
      run.enqueue(run.messageReceived(message));
    });
}

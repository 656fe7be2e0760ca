/**
 * The pure BPMN interpreter: `step(plan, state, event) → { state, commands }`. No I/O, no clock,
 * no randomness, no Temporal import; the Temporal adapter (temporal/workflows) wraps it.
 */
export { caseView, waitingJoins } from "./case-view";
export { DEFAULT_MAX_STEPS_PER_EVENT, initialState } from "./initial-state";
export {
  bufferExpiry,
  DEFAULT_MESSAGE_TTL,
  openMessageSubscriptions,
  planCatchesMessage,
  planMessageNames,
  subscriptionTakes,
} from "./messages";
export { type ElementMapping, type MigrationBlocker, type MigrationResult, migrateState } from "./migration";
export { MI_STEPS_PER_ITEM } from "./multi-instance";
export { step } from "./step";
export type * from "./types";

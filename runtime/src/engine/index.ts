/**
 * The pure BPMN interpreter: `step(plan, state, event) → { state, commands }`. No I/O, no clock,
 * no randomness, no Temporal import; the Temporal adapter (temporal/workflows) wraps it.
 */
export type * from "./types";

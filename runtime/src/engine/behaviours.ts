/**
 * The registry of element behaviours (Zeebe: one processor per element kind in one table): the
 * only module that knows every family. `step` hands it to the core through the context.
 */
import type { Behaviours } from "./context";
import { eventBehaviours } from "./events";
import { fireInclusiveJoins, gatewayBehaviours } from "./gateways";
import { correlateBuffered, discardMessages } from "./messages";
import { multiInstanceBehaviour } from "./multi-instance";
import { subProcessBehaviours } from "./sub-processes";
import { taskBehaviours } from "./tasks";

export const behaviours: Behaviours = {
  elements: { ...taskBehaviours, ...gatewayBehaviours, ...eventBehaviours, ...subProcessBehaviours },
  multiInstance: multiInstanceBehaviour,
  messages: { correlateBuffered, discard: discardMessages },
  whenIdle: fireInclusiveJoins,
};

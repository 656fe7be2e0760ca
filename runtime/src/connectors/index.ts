/**
 * Connectors of service and send tasks, by `zeebe:taskDefinition` type (the built-in ones,
 * @alur/shared/connectors). Other types are external jobs, which the runConnector activity offers
 * to job workers before it gets here; an unknown type reaching this is a BPMN error, never a crash.
 */
import { type BuiltInConnector, isBuiltInConnector } from "@alur/shared/connectors";
import { CAMUNDA_REST_TYPE, camundaRestConnector } from "./camunda-rest";
import { documentConnector } from "./document";
import { httpConnector } from "./http";
import { notifyConnector } from "./notify";
import { bpmnError, type Connector, type ConnectorDeps, type ConnectorInput, type ConnectorResult } from "./types";

export { listNotifications, type NotificationRow } from "../store/notifications";
export { hostAllowed } from "./http";
export type { Connector, ConnectorDeps, ConnectorInput, ConnectorResult } from "./types";

/** One entry per built-in type: the compiler checks the shared list against this map. */
const CONNECTORS: Record<BuiltInConnector, Connector> = {
  http: httpConnector,
  notify: notifyConnector,
  document: documentConnector,
  [CAMUNDA_REST_TYPE]: camundaRestConnector,
};

/** Runs the connector for `input.type`. Technical failures throw (the caller retries). */
export function runConnector(
  deps: ConnectorDeps,
  input: ConnectorInput,
  signal?: AbortSignal,
): Promise<ConnectorResult> {
  const connector = isBuiltInConnector(input.type) ? CONNECTORS[input.type] : undefined;
  if (!connector) {
    return Promise.resolve(bpmnError("unknown-connector", `Unknown connector type "${input.type}"`));
  }
  return connector(deps, input, signal);
}

/**
 * Connectors of service and send tasks, by `zeebe:taskDefinition` type. The compiler rejects
 * other types at publish time (KNOWN_CONNECTOR_TYPES); at run time an unknown type is a BPMN
 * error, never a crash.
 */
import { CAMUNDA_REST_TYPE, camundaRestConnector } from "./camunda-rest";
import { documentConnector } from "./document";
import { httpConnector } from "./http";
import { notifyConnector } from "./notify";
import { bpmnError, type Connector, type ConnectorDeps, type ConnectorInput, type ConnectorResult } from "./types";

export { hostAllowed } from "./http";
export { listNotifications, type NotificationRow } from "./notifications";
export type { Connector, ConnectorDeps, ConnectorInput, ConnectorResult, NotificationChannel } from "./types";

export const CONNECTORS: Record<string, Connector> = {
  http: httpConnector,
  notify: notifyConnector,
  document: documentConnector,
  [CAMUNDA_REST_TYPE]: camundaRestConnector,
};

export const KNOWN_CONNECTOR_TYPES = Object.keys(CONNECTORS);

/** Runs the connector for `input.type`. Technical failures throw (the caller retries). */
export function runConnector(
  deps: ConnectorDeps,
  input: ConnectorInput,
  signal?: AbortSignal,
): Promise<ConnectorResult> {
  const connector = CONNECTORS[input.type];
  if (!connector) {
    return Promise.resolve(bpmnError("unknown-connector", `Unknown connector type "${input.type}"`));
  }
  return connector(deps, input, signal);
}

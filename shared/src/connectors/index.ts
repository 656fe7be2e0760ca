/**
 * Job types the runtime runs itself (its connectors). Any other `zeebe:taskDefinition` type is an
 * external job, served by a worker through the job API (Zeebe's job workers). Pure, so the
 * workflow bundle, the compiler and the designer can all import it.
 */

/** Camunda's REST connector, run as Alur's http connector from its ioMapping inputs. */
export const CAMUNDA_REST_TYPE = "io.camunda:http-json:1";

export const BUILT_IN_CONNECTORS = ["http", "notify", "document", CAMUNDA_REST_TYPE] as const;
export type BuiltInConnector = (typeof BUILT_IN_CONNECTORS)[number];

export function isBuiltInConnector(type: string): type is BuiltInConnector {
  return (BUILT_IN_CONNECTORS as readonly string[]).includes(type);
}

/**
 * Camunda's own connectors (`io.camunda:…`) need Camunda's connector runtime; a worker of our
 * job API would have to reimplement them, so one Alur lacks is refused at publish time rather
 * than left waiting for a worker nobody will write.
 */
export function isCamundaConnector(type: string): boolean {
  return type.startsWith("io.camunda:");
}

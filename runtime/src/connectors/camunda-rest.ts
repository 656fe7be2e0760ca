/**
 * Camunda's REST connector (`io.camunda:http-json:1`) as Camunda Modeler's element template writes
 * it, run through Alur's JSON request (allow-list, idempotency key, retries, incidents):
 * - inputs (zeebe:ioMapping targets): `url`, `method` (GET), `headers`, `queryParameters`, `body`,
 *   `authentication` ({type: noAuth | basic {username, password} | bearer {token} |
 *   apiKey {location: headers | query, name, value}}), `connectionTimeoutInSeconds`,
 *   `readTimeoutInSeconds`;
 * - task headers: `resultVariable` (the whole response {status, headers, body} under that name)
 *   and `resultExpression` (FEEL over the response; its context's entries become variables).
 * The result expression sees the response's fields both at the top (`body.id`) and as `response`
 * (`response.body.id`), the two spellings Camunda's examples use.
 * OAuth client credentials are not supported: such a task fails and, once its retries run out,
 * holds an incident that says so.
 */
import { evaluateFeel } from "@alur/shared/feel";
import { sendJsonRequest } from "./http";
import { bpmnError, type Connector } from "./types";

export { CAMUNDA_REST_TYPE } from "@alur/shared/connectors";

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Header and query values as strings, as an HTTP request carries them; null and undefined dropped. */
function stringValues(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(asRecord(value))) {
    if (v === null || v === undefined) continue;
    out[key] = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  return out;
}

export const camundaRestConnector: Connector = async (deps, input, signal) => {
  const { variables, headers: taskHeaders } = input;
  const headers = stringValues(variables.headers);
  const query = stringValues(variables.queryParameters);
  const auth = asRecord(variables.authentication);
  switch (auth.type ?? "noAuth") {
    case "noAuth":
      break;
    case "basic":
      headers.authorization = `Basic ${Buffer.from(`${auth.username ?? ""}:${auth.password ?? ""}`).toString("base64")}`;
      break;
    case "bearer":
      headers.authorization = `Bearer ${String(auth.token ?? "")}`;
      break;
    case "apiKey": {
      const name = String(auth.name ?? "");
      if (!name) return bpmnError("http-bad-authentication", "apiKey authentication without a name");
      if (auth.location === "query") query[name] = String(auth.value ?? "");
      else headers[name] = String(auth.value ?? "");
      break;
    }
    default:
      // Thrown, not a BPMN error: a setting Alur cannot honour is for an admin (incident), not the model.
      throw new Error(`Authentication type "${String(auth.type)}" of the REST connector is not supported by Alur`);
  }
  const seconds = Number(variables.readTimeoutInSeconds ?? variables.connectionTimeoutInSeconds);
  const result = await sendJsonRequest(
    deps,
    {
      url: typeof variables.url === "string" ? variables.url : "",
      method: typeof variables.method === "string" ? variables.method : "GET",
      headers,
      query,
      body: variables.body ?? undefined,
      timeoutMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
      jobKey: input.jobKey,
    },
    signal,
  );
  if (!result.ok) return result;
  const response = result.response;
  const output: Record<string, unknown> = {};
  const resultVariable = taskHeaders.resultVariable?.trim();
  if (resultVariable) output[resultVariable] = response;
  const resultExpression = taskHeaders.resultExpression?.trim();
  if (resultExpression) {
    const mapped = evaluateFeel(resultExpression, { ...response, response });
    if (!mapped.ok) throw new Error(`resultExpression ${resultExpression}: ${mapped.error}`);
    if (mapped.value !== null && (typeof mapped.value !== "object" || Array.isArray(mapped.value))) {
      throw new Error(`resultExpression ${resultExpression} gave ${JSON.stringify(mapped.value)}, not a context`);
    }
    Object.assign(output, mapped.value ?? {});
  }
  return { ok: true, output };
};

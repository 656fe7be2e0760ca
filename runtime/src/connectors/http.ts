/**
 * The `http` connector: a JSON request to a host in the allow-list (HTTP_CONNECTOR_ALLOW).
 * Headers (zeebe:taskHeaders): url, method (POST), timeoutMs (10000), resultVariable (response).
 * The body is the `body` variable if the input mapping set one, else all job variables.
 * 2xx → output; 4xx → BPMN error `http-<status>` (the model decides); network errors, timeouts
 * and 5xx throw, so Temporal retries them with the task's retry policy.
 */
import { bpmnError, type Connector } from "./types";

const DEFAULT_TIMEOUT_MS = 10_000;

/** Whether a URL's host is allowed: exact host[:port] or hostname, or a "*." suffix rule. */
export function hostAllowed(url: URL, allow: string[]): boolean {
  return allow.some((rule) => {
    const r = rule.trim().toLowerCase();
    if (!r) return false;
    if (r.startsWith("*.")) return url.hostname.endsWith(r.slice(1));
    return r === url.host.toLowerCase() || r === url.hostname.toLowerCase();
  });
}

export const httpConnector: Connector = async (deps, input, signal) => {
  const { headers, variables } = input;
  let url: URL;
  try {
    url = new URL(headers.url ?? "");
  } catch {
    return bpmnError("http-bad-url", `Invalid or missing url header: "${headers.url ?? ""}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return bpmnError("http-bad-url", `Only http(s) URLs are allowed, got ${url.protocol}`);
  }
  if (!hostAllowed(url, deps.httpAllow)) {
    return bpmnError("http-host-not-allowed", `Host ${url.host} is not in HTTP_CONNECTOR_ALLOW`);
  }
  const method = (headers.method ?? "POST").toUpperCase();
  const timeoutMs = Number(headers.timeoutMs ?? DEFAULT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const body = method === "GET" || method === "HEAD" ? undefined : JSON.stringify(variables.body ?? variables);
  const response = await (deps.fetch ?? fetch)(url, {
    method,
    headers: { "content-type": "application/json", accept: "application/json", "idempotency-key": input.jobKey },
    body,
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  const text = await response.text();
  const parsed = parseJson(text);
  if (response.status >= 500) {
    throw new Error(`HTTP ${response.status} from ${url.host}`);
  }
  if (!response.ok) {
    return bpmnError(`http-${response.status}`, `HTTP ${response.status} from ${url.host}: ${text.slice(0, 200)}`);
  }
  const resultVariable = headers.resultVariable ?? "response";
  return { ok: true, output: { [resultVariable]: { status: response.status, body: parsed } } };
};

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The `http` connector: a JSON request to a host in the allow-list (HTTP_CONNECTOR_ALLOW).
 * Headers (zeebe:taskHeaders): url, method (POST), timeoutMs (10000), resultVariable (response).
 * The body is the `body` variable if the input mapping set one, else all job variables.
 * 2xx → output; 4xx → BPMN error `http-<status>` (the model decides); network errors, timeouts
 * and 5xx throw, so Temporal retries them with the task's retry policy.
 * `sendJsonRequest` is the request itself, shared with Camunda's REST connector (camunda-rest.ts).
 */
import { type BpmnErrorResult, bpmnError, type Connector, type ConnectorDeps } from "./types";

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

export interface JsonRequest {
  url: string;
  method: string;
  /** Extra request headers; content-type, accept and idempotency-key are set unless given. */
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Sent as JSON unless undefined, or a GET/HEAD. */
  body?: unknown;
  timeoutMs?: number;
  jobKey: string;
}

export interface JsonResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Sends one JSON request under the allow-list. A bad URL, a host not allowed or a 4xx is a BPMN
 * error (`http-bad-url`, `http-host-not-allowed`, `http-<status>`); a network error, a timeout or a
 * 5xx throws, so the job is retried and, once retries run out, becomes an incident.
 */
export async function sendJsonRequest(
  deps: ConnectorDeps,
  request: JsonRequest,
  signal?: AbortSignal,
): Promise<{ ok: true; response: JsonResponse } | BpmnErrorResult> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return bpmnError("http-bad-url", `Invalid or missing url: "${request.url}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return bpmnError("http-bad-url", `Only http(s) URLs are allowed, got ${url.protocol}`);
  }
  if (!hostAllowed(url, deps.httpAllow)) {
    return bpmnError("http-host-not-allowed", `Host ${url.host} is not in HTTP_CONNECTOR_ALLOW`);
  }
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.append(name, value);
  const method = request.method.toUpperCase();
  const timeoutMs = request.timeoutMs && request.timeoutMs > 0 ? request.timeoutMs : DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const body =
    method === "GET" || method === "HEAD" || request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    "idempotency-key": request.jobKey,
  };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const response = await (deps.fetch ?? fetch)(url, {
    method,
    headers,
    body,
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  const text = await response.text();
  if (response.status >= 500) {
    throw new Error(`HTTP ${response.status} from ${url.host}`);
  }
  if (!response.ok) {
    return bpmnError(`http-${response.status}`, `HTTP ${response.status} from ${url.host}: ${text.slice(0, 200)}`);
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  return { ok: true, response: { status: response.status, headers: responseHeaders, body: parseJson(text) } };
}

export const httpConnector: Connector = async (deps, input, signal) => {
  const { headers, variables } = input;
  const result = await sendJsonRequest(
    deps,
    {
      url: headers.url ?? "",
      method: headers.method ?? "POST",
      body: variables.body ?? variables,
      timeoutMs: Number(headers.timeoutMs ?? DEFAULT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS,
      jobKey: input.jobKey,
    },
    signal,
  );
  if (!result.ok) return result;
  const resultVariable = headers.resultVariable ?? "response";
  return { ok: true, output: { [resultVariable]: { status: result.response.status, body: result.response.body } } };
};

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A small HTTP client of the API for the `alur` CLI: signs in with a bearer token and speaks the
 * one error shape. Options: --url (default http://localhost:8080/api, or ALUR_URL), --user and
 * --password (or ALUR_USER / ALUR_PASSWORD).
 */
import { type ApiError, LoginResponse } from "@alur/shared/api";
import type { z } from "zod";

export interface ClientOptions {
  url?: string;
  user?: string;
  password?: string;
}

export const CLIENT_OPTIONS = {
  url: { type: "string" },
  user: { type: "string" },
  password: { type: "string" },
} as const;

export const CLIENT_USAGE =
  "Connection: --url <base> (default $ALUR_URL or http://localhost:8080/api), --user/--password (or $ALUR_USER/$ALUR_PASSWORD)";

export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Signs in and returns a client carrying the bearer token. */
  static async connect(options: ClientOptions): Promise<ApiClient> {
    const baseUrl = (options.url ?? process.env.ALUR_URL ?? "http://localhost:8080/api").replace(/\/$/, "");
    const username = options.user ?? process.env.ALUR_USER;
    const password = options.password ?? process.env.ALUR_PASSWORD;
    if (!username || !password)
      throw new Error("sign-in needed: pass --user and --password (or ALUR_USER/ALUR_PASSWORD)");
    const res = await reach(baseUrl, `${baseUrl}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password, mode: "token" }),
    });
    const { token } = answer(LoginResponse, await readJson(res), "/auth/login");
    if (!token) throw new Error(`the Alur server at ${baseUrl} gave no token for the CLI`);
    return new ApiClient(baseUrl, token);
  }

  /**
   * Sends a request and parses the answer with the API's own response schema (shared with the
   * server), so a server of another version fails here with a clear message rather than later as
   * an undefined field. JSON bodies are serialised, FormData passed as is. Throws the API's message.
   */
  async request<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<z.output<S>> {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${this.token}`, ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
    return answer(schema, await readJson(await reach(this.baseUrl, `${this.baseUrl}${path}`, init)), path);
  }
}

function answer<S extends z.ZodType>(schema: S, body: unknown, path: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `unexpected answer from ${path} (${issue?.path.join(".") || "body"}: ${issue?.message}); are the CLI and the server the same version?`,
  );
}

/** fetch, with "cannot reach <server>" instead of a bare "fetch failed". */
async function reach(baseUrl: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `cannot reach the Alur server at ${baseUrl} (${cause?.code ?? cause?.message ?? String(error)}); is \`alur serve\` running? Set --url or ALUR_URL.`,
    );
  }
}

/** A refusal of the API, with its code and details for commands that explain it. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly details: unknown,
  ) {
    super(message);
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  if (!res.ok) {
    const err = body as Partial<ApiError>;
    const detail = err.details ? ` ${JSON.stringify(err.details)}` : "";
    throw new ApiRequestError(
      `HTTP ${res.status} ${err.code ?? ""}: ${err.message?.en ?? text}${detail}`,
      res.status,
      err.code,
      err.details,
    );
  }
  return body;
}

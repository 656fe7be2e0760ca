/**
 * fetch wrapper: JSON in and out, the API's one error shape, the CSRF header on writes. It loads
 * no schema itself: the contract's schemas (and zod) come with the pages that parse with them and,
 * for an error answer, when one arrives, so a public page on a phone downloads neither.
 */
import type { Bilingual } from "@alur/shared/api";
import type { z } from "zod";

let csrfToken: string | null = null;

/** Remembers the CSRF token the session handed out (login or /me). */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** An API failure with a bilingual message the UI can show as is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly bilingual: Bilingual,
    readonly details?: unknown,
  ) {
    super(bilingual.en);
  }
}

const NETWORK: Bilingual = {
  id: "Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.",
  en: "The server cannot be reached. Check the connection and try again.",
};
const BAD_RESPONSE: Bilingual = {
  id: "Jawaban server tidak sesuai format yang diharapkan.",
  en: "The server's answer does not have the expected shape.",
};

type Init = {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** "omit" for the public pages: they act on no session, so send no cookie (and need no CSRF token). */
  credentials?: RequestCredentials;
};

async function send(path: string, init: Init): Promise<Response> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json", ...init.headers };
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.body);
  }
  const credentials = init.credentials ?? "same-origin";
  if (method !== "GET" && csrfToken && credentials !== "omit") headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials, signal: init.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new HttpError(0, "network", NETWORK);
  }
  if (!res.ok) {
    const payload: unknown = await res.json().catch(() => null);
    const { ApiError } = await import("@alur/shared/api");
    const parsed = ApiError.safeParse(payload);
    if (parsed.success) throw new HttpError(res.status, parsed.data.code, parsed.data.message, parsed.data.details);
    throw new HttpError(res.status, `http-${res.status}`, {
      id: `Permintaan gagal (HTTP ${res.status}).`,
      en: `The request failed (HTTP ${res.status}).`,
    });
  }
  return res;
}

/** Calls the API and parses the JSON answer with the contract's schema. */
export async function request<S extends z.ZodType>(schema: S, path: string, init: Init = {}): Promise<z.infer<S>> {
  const res = await send(path, init);
  const payload: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new HttpError(res.status, "bad-response", BAD_RESPONSE, parsed.error.issues);
  return parsed.data;
}

/**
 * Calls the API and returns the JSON answer as the contract's type without parsing it: only for
 * the public pages (read-only views of this same origin's public API), which must stay within
 * the phone budget without zod. Staff pages parse with `request`.
 */
export async function requestUnchecked<T>(path: string, init: Init = {}): Promise<T> {
  const res = await send(path, init);
  const payload: unknown = await res.json().catch(() => undefined);
  if (payload === undefined || payload === null || typeof payload !== "object")
    throw new HttpError(res.status, "bad-response", BAD_RESPONSE);
  return payload as T;
}

/** Calls the API for a file (a PDF): the bytes as a Blob, failures as HttpError. */
export async function requestBlob(path: string, init: Init = {}): Promise<Blob> {
  const res = await send(path, { ...init, headers: { ...init.headers, Accept: "application/pdf, application/json" } });
  return res.blob();
}

/** Builds a query string from defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

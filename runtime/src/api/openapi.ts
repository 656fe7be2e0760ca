/** Small helpers to declare routes: JSON bodies and the shared error responses. */
import { ApiError } from "@alur/shared/api";
import type { z } from "zod";

export function jsonBody<T extends z.ZodType>(schema: T, description = "") {
  return { content: { "application/json": { schema } }, description, required: true } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description } as const;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input",
  401: "Not signed in",
  403: "Not allowed (audited)",
  404: "Not found",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported type",
  422: "Rejected",
  423: "Locked",
  429: "Too many requests",
  503: "Process engine unavailable",
};

/** Error responses of a route, all with the one error shape. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { content: { "application/json": { schema: ApiError } }, description: ERROR_DESCRIPTIONS[s] ?? "Error" },
    ]),
  );
}

/** Bearer token or session cookie (+ X-CSRF-Token on writes). */
export const SECURITY: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

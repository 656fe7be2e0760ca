/** The signed-in user. */

import type { MeResponse as Me } from "@alur/shared/api";
import { MeResponse } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { HttpError, request, setCsrfToken } from "../http";
import { paths } from "../paths";

const HINT_KEY = "alur.session";

/** Remembers whether this browser holds a session, so a signed-out visit does not ask (and log a 401). */
export function rememberSession(signedIn: boolean): void {
  if (signedIn) localStorage.setItem(HINT_KEY, "1");
  else localStorage.removeItem(HINT_KEY);
}

export const sessionQuery = () =>
  queryOptions({
    queryKey: ["session"] as const,
    queryFn: async ({ signal }): Promise<Me | null> => {
      if (localStorage.getItem(HINT_KEY) !== "1") return null;
      try {
        const me = await request(MeResponse, paths.me, { signal });
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        // not signed in is a state, not an error
        if (error instanceof HttpError && error.status === 401) {
          rememberSession(false);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });

/** The signed-in user. */

import type { MeResponse as Me } from "@alur/shared/api";
import { MeResponse } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { HttpError, request, setCsrfToken } from "../http";
import { paths } from "../paths";

export const sessionQuery = () =>
  queryOptions({
    queryKey: ["session"] as const,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        const me = await request(MeResponse, paths.me, { signal });
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        // not signed in is a state, not an error
        if (error instanceof HttpError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });

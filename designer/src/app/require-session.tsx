/** Sends visitors without a session to the sign-in page, remembering where they were going. */
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { sessionQuery } from "../api/queries/session";
import { QueryState } from "../components/query-state";

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useQuery(sessionQuery());
  const location = useLocation();
  if (session.isSuccess && session.data === null) {
    return <Navigate to="/masuk" replace state={{ from: location.pathname + location.search }} />;
  }
  // a temporary password: the API refuses everything else until it is changed
  if (session.data?.user.mustChangePassword && location.pathname !== "/ganti-sandi") {
    return <Navigate to="/ganti-sandi" replace />;
  }
  return (
    <QueryState query={session} fullPage>
      {() => children}
    </QueryState>
  );
}

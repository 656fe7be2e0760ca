/** The signed-in user; only used below RequireSession, where the session is known. */
import type { UserView } from "@alur/shared/api";
import { useQuery } from "@tanstack/react-query";
import { sessionQuery } from "../api/queries/session";

const ADMIN_ROLES = new Set(["super-admin", "district-admin"]);

export function useSession(): { user: UserView | null; isAdmin: boolean } {
  const { data } = useQuery(sessionQuery());
  const user = data?.user ?? null;
  return { user, isAdmin: Boolean(user?.roles.some((r) => ADMIN_ROLES.has(r))) };
}

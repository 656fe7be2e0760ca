/** The signed-in frame as one lazy chunk: the public pages never load the staff navigation. */
import { Layout } from "./layout";
import { RequireSession } from "./require-session";

export function StaffShell() {
  return (
    <RequireSession>
      <Layout />
    </RequireSession>
  );
}

/** `alur users`: list, create and disable accounts through the API (admins). */
import { parseArgs } from "node:util";
import { DisableDemoResponse, UserView } from "@alur/shared/api";
import { z } from "zod";
import { ApiClient, CLIENT_OPTIONS, CLIENT_USAGE } from "../../api/cli-client";
import { disableDemoAccounts } from "../../auth/seed-demo";
import { loadEnv } from "../../env";
import { dbTarget, openDb } from "../../store/db";
import type { Command } from "../command";

const users: Command = {
  summary: "list, create or disable user accounts (admins)",
  usage:
    "Usage: alur users [list] [--district <code>]\n" +
    "       alur users create --username <u> --name <display name> --new-password <p> --org-unit <id> --role <r> [--role <r> ...]\n" +
    "       alur users disable <userId>\n" +
    "       alur users disable-demo [--direct]   (every demo account at once, before production)\n" +
    "         --direct: straight on the database of DATABASE_URL / ALUR_DATA_DIR, no server needed\n\n" +
    CLIENT_USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...CLIENT_OPTIONS,
        district: { type: "string" },
        username: { type: "string" },
        name: { type: "string" },
        "new-password": { type: "string" },
        "org-unit": { type: "string" },
        role: { type: "string", multiple: true },
        direct: { type: "boolean" },
      },
    });
    const [action = "list", id] = positionals;
    if (action === "disable-demo" && values.direct) {
      // Production refuses to start while demo accounts exist, so this path needs no server.
      const env = loadEnv();
      const db = await openDb(
        dbTarget({
          databaseUrl: env.DATABASE_URL,
          databaseOwnerUrl: env.DATABASE_OWNER_URL,
          dataDir: env.ALUR_DATA_DIR,
        }),
      );
      try {
        const disabled = await disableDemoAccounts(db, { actorId: null, ip: null });
        console.log(`disabled ${disabled.length} demo account(s)${disabled.length ? `: ${names(disabled)}` : ""}`);
      } finally {
        await db.destroy();
      }
      return 0;
    }
    const client = await ApiClient.connect(values);
    if (action === "list") {
      const q = values.district ? `?district=${encodeURIComponent(values.district)}` : "";
      const { items } = await client.request(z.object({ items: z.array(UserView) }), "GET", `/users${q}`);
      for (const u of items)
        console.log(
          `${u.id}  ${u.username}  ${u.district ?? "-"}  ${u.roles.join(",")}${u.disabled ? "  (disabled)" : ""}`,
        );
    } else if (action === "create") {
      const u = await client.request(UserView, "POST", "/users", {
        username: values.username,
        displayName: values.name,
        password: values["new-password"],
        orgUnitId: values["org-unit"],
        roles: values.role ?? [],
      });
      console.log(`created ${u.username} (${u.id})`);
    } else if (action === "disable") {
      if (!id) throw new Error("alur users disable needs a user id");
      const u = await client.request(UserView, "POST", `/users/${id}/disable`);
      console.log(`disabled ${u.username}`);
    } else if (action === "disable-demo") {
      const { disabled } = await client.request(DisableDemoResponse, "POST", "/users/disable-demo");
      console.log(`disabled ${disabled.length} demo account(s)${disabled.length ? `: ${names(disabled)}` : ""}`);
    } else {
      throw new Error(`unknown action "${action}"; see alur users --help`);
    }
    return 0;
  },
};
function names(accounts: { username: string }[]): string {
  return accounts.map((a) => a.username).join(", ");
}

export default users;

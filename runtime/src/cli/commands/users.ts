/** `alur users`: list, create and disable accounts through the API (admins). */
import { parseArgs } from "node:util";
import type { UserView } from "@alur/shared/api";
import { ApiClient, CLIENT_OPTIONS, CLIENT_USAGE } from "../../api/cli-client";
import type { Command } from "../command";

const users: Command = {
  summary: "list, create or disable user accounts (admins)",
  usage:
    "Usage: alur users [list] [--district <code>]\n" +
    "       alur users create --username <u> --name <display name> --new-password <p> --org-unit <id> --role <r> [--role <r> ...]\n" +
    "       alur users disable <userId>   (disable every demo account before production)\n\n" +
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
      },
    });
    const [action = "list", id] = positionals;
    const client = await ApiClient.connect(values);
    if (action === "list") {
      const q = values.district ? `?district=${encodeURIComponent(values.district)}` : "";
      const { items } = await client.request<{ items: UserView[] }>("GET", `/users${q}`);
      for (const u of items)
        console.log(
          `${u.id}  ${u.username}  ${u.district ?? "-"}  ${u.roles.join(",")}${u.disabled ? "  (disabled)" : ""}`,
        );
    } else if (action === "create") {
      const u = await client.request<UserView>("POST", "/users", {
        username: values.username,
        displayName: values.name,
        password: values["new-password"],
        orgUnitId: values["org-unit"],
        roles: values.role ?? [],
      });
      console.log(`created ${u.username} (${u.id})`);
    } else if (action === "disable") {
      if (!id) throw new Error("alur users disable needs a user id");
      const u = await client.request<UserView>("POST", `/users/${id}/disable`);
      console.log(`disabled ${u.username}`);
    } else {
      throw new Error(`unknown action "${action}"; see alur users --help`);
    }
    return 0;
  },
};
export default users;

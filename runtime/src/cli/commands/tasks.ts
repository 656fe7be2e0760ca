/** `alur tasks`: list the inbox, claim and complete tasks through the API. */
import { parseArgs } from "node:util";
import type { InboxPage, TaskDetail } from "@alur/shared/api";
import { ApiClient, CLIENT_OPTIONS, CLIENT_USAGE } from "../../api/cli-client";
import type { Command } from "../command";

const tasks: Command = {
  summary: "list my inbox; claim, complete or comment on a task",
  usage:
    "Usage: alur tasks [list] [--scope mine|unassigned|district] [--case <caseNumber or name>] [--json]\n" +
    "       alur tasks claim <taskId>\n" +
    "       alur tasks complete <taskId> [--data '<json>']\n" +
    "       alur tasks comment <taskId> --text <text>\n\n" +
    CLIENT_USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...CLIENT_OPTIONS,
        scope: { type: "string" },
        case: { type: "string" },
        data: { type: "string" },
        text: { type: "string" },
        json: { type: "boolean" },
      },
    });
    const [action = "list", taskId] = positionals;
    const client = await ApiClient.connect(values);
    if (action === "list") {
      const query = new URLSearchParams({ scope: values.scope ?? "unassigned", limit: "200" });
      if (values.case) query.set("q", values.case);
      const page = await client.request<InboxPage>("GET", `/tasks?${query}`);
      if (values.json) console.log(JSON.stringify(page.items, null, 2));
      else
        for (const t of page.items) {
          console.log(
            `${t.id}  ${t.caseNumber}  ${t.name ?? t.elementId}  due ${t.dueAt ?? "-"}  ${t.assignee ? "claimed" : "open"}`,
          );
        }
      return 0;
    }
    if (!taskId) throw new Error(`alur tasks ${action} needs a task id`);
    const current = await client.request<TaskDetail>("GET", `/tasks/${taskId}`);
    if (action === "claim") {
      const t = await client.request<TaskDetail>("POST", `/tasks/${taskId}/claim`, { revision: current.revision });
      console.log(`claimed ${t.id} (revision ${t.revision})`);
    } else if (action === "complete") {
      const data = values.data ? (JSON.parse(values.data) as Record<string, unknown>) : {};
      const t = await client.request<TaskDetail>("POST", `/tasks/${taskId}/complete`, {
        revision: current.revision,
        data,
      });
      console.log(`completed ${t.id}`);
    } else if (action === "comment") {
      if (!values.text) throw new Error("--text is required");
      await client.request("POST", `/tasks/${taskId}/comments`, { text: values.text });
      console.log("commented");
    } else {
      throw new Error(`unknown action "${action}"; see alur tasks --help`);
    }
    return 0;
  },
};
export default tasks;

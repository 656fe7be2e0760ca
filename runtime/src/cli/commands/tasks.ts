/** `alur tasks`: list the inbox, claim and complete tasks through the API. */
import { parseArgs } from "node:util";
import { InboxPage, TaskDetail } from "@alur/shared/api";
import { z } from "zod";
import { ApiClient, CLIENT_OPTIONS, CLIENT_USAGE } from "../../api/cli-client";
import type { Command } from "../command";

const tasks: Command = {
  summary: "list my inbox; show, claim, unclaim, delegate, complete or comment on a task",
  usage:
    "Usage: alur tasks [list] [--scope mine|unassigned|district] [--case <caseNumber or name>] [--json]\n" +
    "       alur tasks show <taskId> [--json]\n" +
    "       alur tasks claim <taskId>\n" +
    "       alur tasks unclaim <taskId>\n" +
    "       alur tasks delegate <taskId> --to <userId>\n" +
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
        to: { type: "string" },
        json: { type: "boolean" },
      },
    });
    const [action = "list", taskId] = positionals;
    // arguments are checked before anything goes over the network
    const data = values.data ? parseData(values.data) : {};
    const client = await ApiClient.connect(values);
    if (action === "list") {
      const query = new URLSearchParams({ scope: values.scope ?? "unassigned", limit: "200" });
      if (values.case) query.set("q", values.case);
      const page = await client.request(InboxPage, "GET", `/tasks?${query}`);
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
    const current = await client.request(TaskDetail, "GET", `/tasks/${taskId}`);
    if (action === "show") {
      if (values.json) console.log(JSON.stringify(current, null, 2));
      else {
        const fields = formFields(current.form);
        console.log(
          [
            `${current.id}  ${current.caseNumber}  ${current.name ?? current.elementId}`,
            `status ${current.status}  assignee ${current.assignee ?? "-"}  revision ${current.revision}  due ${current.dueAt ?? "-"}`,
            `roles ${current.roles.join(",")}${fields.length ? `  form fields ${fields.join(",")}` : ""}`,
            current.draft ? `draft ${JSON.stringify(current.draft)}` : null,
          ]
            .filter((l) => l !== null)
            .join("\n"),
        );
      }
    } else if (action === "claim") {
      const t = await client.request(TaskDetail, "POST", `/tasks/${taskId}/claim`, { revision: current.revision });
      console.log(`claimed ${t.id} (revision ${t.revision})`);
    } else if (action === "unclaim") {
      const t = await client.request(TaskDetail, "POST", `/tasks/${taskId}/unclaim`, { revision: current.revision });
      console.log(`unclaimed ${t.id} (revision ${t.revision})`);
    } else if (action === "delegate") {
      if (!values.to) throw new Error("--to <userId> is required");
      const t = await client.request(TaskDetail, "POST", `/tasks/${taskId}/delegate`, {
        revision: current.revision,
        userId: values.to,
      });
      console.log(`delegated ${t.id} to ${t.assignee} (revision ${t.revision})`);
    } else if (action === "complete") {
      const t = await client.request(TaskDetail, "POST", `/tasks/${taskId}/complete`, {
        revision: current.revision,
        data,
      });
      console.log(`completed ${t.id}`);
    } else if (action === "comment") {
      if (!values.text) throw new Error("--text is required");
      await client.request(z.unknown(), "POST", `/tasks/${taskId}/comments`, { text: values.text });
      console.log("commented");
    } else {
      throw new Error(`unknown action "${action}"; see alur tasks --help`);
    }
    return 0;
  },
};
/** --data must be a JSON object: say so instead of a bare SyntaxError. */
function parseData(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`--data is not valid JSON: ${text.slice(0, 100)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error('--data must be a JSON object, e.g. \'{"hasil":"lengkap"}\'');
  return value as Record<string, unknown>;
}

/** Keys of a form-js schema's input components (for `tasks show`). */
function formFields(form: unknown): string[] {
  const components = (form as { components?: unknown } | null)?.components;
  if (!Array.isArray(components)) return [];
  return components.flatMap((c) => {
    const key = (c as { key?: unknown }).key;
    return typeof key === "string" ? [key] : [];
  });
}

export default tasks;

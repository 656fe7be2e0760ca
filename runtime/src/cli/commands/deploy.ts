/** `alur deploy <file.bpmn> --district <code>`: publish a model version through the API. */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ApiClient, CLIENT_OPTIONS, CLIENT_USAGE } from "../../api/cli-client";
import type { Command } from "../command";

const deploy: Command = {
  summary: "deploy a BPMN model through the API (published unless --draft)",
  usage: `Usage: alur deploy <file.bpmn> [--district <code>] [--draft] [--effective-from YYYY-MM-DD] [--process <id>] [--forms <forms.json>]\n\n${CLIENT_USAGE}`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...CLIENT_OPTIONS,
        district: { type: "string" },
        draft: { type: "boolean" },
        "effective-from": { type: "string" },
        process: { type: "string" },
        forms: { type: "string" },
      },
    });
    const file = positionals[0];
    if (!file) throw new Error("give the .bpmn file to deploy");
    const client = await ApiClient.connect(values);
    const result = await client.request<{
      version: { id: string; processId: string; version: number; status: string };
    }>("POST", "/processes", {
      bpmnXml: readFileSync(file, "utf8"),
      district: values.district,
      publish: !values.draft,
      effectiveFrom: values["effective-from"],
      processId: values.process,
      forms: values.forms ? JSON.parse(readFileSync(values.forms, "utf8")) : undefined,
    });
    const v = result.version;
    console.log(`${v.processId} v${v.version} ${v.status} (${v.id})`);
    return 0;
  },
};
export default deploy;

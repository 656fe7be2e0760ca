/** `alur deploy <file.bpmn> --district <code>`: publish a model version through the API. */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DeployResponse } from "@alur/shared/api";
import { Problem } from "@alur/shared/compiler";
import { z } from "zod";
import { ApiClient, ApiRequestError, CLIENT_OPTIONS, CLIENT_USAGE } from "../../api/cli-client";
import type { Command } from "../command";
import { formatResult } from "./validate";

const deploy: Command = {
  summary: "deploy a BPMN model through the API, every executable process of it (published unless --draft)",
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
    let result: DeployResponse;
    try {
      result = await client.request(DeployResponse, "POST", "/processes", {
        bpmnXml: readFileSync(file, "utf8"),
        district: values.district,
        publish: !values.draft,
        effectiveFrom: values["effective-from"],
        processId: values.process,
        forms: values.forms ? JSON.parse(readFileSync(values.forms, "utf8")) : undefined,
      });
    } catch (error) {
      // the publish gate's refusal lists its problems as `alur validate` does
      const problems = error instanceof ApiRequestError && error.code === "model-invalid" ? refusal(error) : null;
      if (!problems) throw error;
      console.error(formatResult({ file, problems }, "id"));
      return 1;
    }
    // one line per process the file deployed (every executable one unless --process names one)
    for (const v of result.versions) console.log(`${v.processId} v${v.version} ${v.status} (${v.id})`);
    for (const id of result.skipped) console.log(`${id} not deployed: not executable (isExecutable="false")`);
    return 0;
  },
};
export default deploy;

function refusal(error: ApiRequestError): Problem[] | null {
  const parsed = z.object({ problems: z.array(Problem) }).safeParse(error.details);
  return parsed.success ? parsed.data.problems : null;
}

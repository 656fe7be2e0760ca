/** `alur start-case`: start a case through the API, with requirement documents. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CaseView } from "@alur/shared/api";
import { ApiClient, CLIENT_OPTIONS, CLIENT_USAGE } from "../../api/cli-client";
import type { Command } from "../command";

const startCase: Command = {
  summary: "start a case of a published service (front office)",
  usage:
    "Usage: alur start-case --process <id> --district <code> --name <applicant> [--nik <16 digits>] [--phone <n>]\n" +
    "         [--document <requirementId>=<file> ...] [--var key=value ...] [--idempotency-key <key>] [--json]\n\n" +
    CLIENT_USAGE,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        ...CLIENT_OPTIONS,
        process: { type: "string" },
        district: { type: "string" },
        name: { type: "string" },
        nik: { type: "string" },
        phone: { type: "string" },
        document: { type: "string", multiple: true },
        var: { type: "string", multiple: true },
        "idempotency-key": { type: "string" },
        json: { type: "boolean" },
      },
    });
    if (!values.process || !values.district || !values.name)
      throw new Error("--process, --district and --name are required");
    const variables = Object.fromEntries(
      (values.var ?? []).map((kv) => {
        const i = kv.indexOf("=");
        if (i < 1) throw new Error(`--var wants key=value, got ${kv}`);
        return [kv.slice(0, i), kv.slice(i + 1)];
      }),
    );
    const form = new FormData();
    form.set(
      "data",
      JSON.stringify({
        processId: values.process,
        district: values.district,
        applicant: { name: values.name, nik: values.nik, phone: values.phone },
        variables,
      }),
    );
    for (const spec of values.document ?? []) {
      const i = spec.indexOf("=");
      if (i < 1) throw new Error(`--document wants <requirementId>=<file>, got ${spec}`);
      const file = spec.slice(i + 1);
      form.append(`document:${spec.slice(0, i)}`, new File([readFileSync(file)], path.basename(file)));
    }
    const client = await ApiClient.connect(values);
    const view = await client.request(CaseView, "POST", "/cases", form, {
      "idempotency-key": values["idempotency-key"] ?? randomUUID(),
    });
    console.log(values.json ? JSON.stringify(view, null, 2) : `${view.caseNumber} ${view.status} (${view.id})`);
    return 0;
  },
};
export default startCase;

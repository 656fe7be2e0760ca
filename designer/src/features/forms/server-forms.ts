/**
 * Forms a model references by id only (the catalogue deploys them beside the BPMN): the published
 * plan of the version open in the designer carries them, so the editor can start from them.
 */
import { z } from "zod";
import { request } from "../../api/http";
import { paths } from "../../api/paths";

const VersionForms = z.object({ plan: z.object({ forms: z.record(z.string(), z.unknown()).default({}) }) });

/** The version id of the designer route `/desainer/:versionId`, if that is where the app is. */
function openVersionId(pathname: string): string | null {
  const match = pathname.match(/^\/desainer\/([^/]+)\/?$/);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** The schema of form `formId` in the plan of the open version; undefined when it has none. */
export async function fetchVersionForm(formId: string, pathname = window.location.pathname): Promise<unknown> {
  const versionId = openVersionId(pathname);
  if (!versionId) return undefined;
  const version = await request(VersionForms, paths.processVersion(versionId));
  return version.plan.forms[formId];
}

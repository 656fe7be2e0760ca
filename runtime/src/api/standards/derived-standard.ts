/** The derived standard of a stored version: its model, the directory's role names, the district data. */

import { findDistrict } from "@alur/shared/calendar/districts";
import { deriveStandard, parseBpmn } from "@alur/shared/compiler";
import type { DerivedStandard } from "@alur/shared/schemas";
import type { Db } from "../../store/db";
import type { ProcessVersionRow } from "../../store/process-versions";
import { roleNames } from "../../store/roles";
import { ApiException } from "../errors";

/** Derives the standard of `row`; a model without a readable standard is a 422 with its problems. */
export async function derivedStandardOf(db: Db, row: ProcessVersionRow): Promise<DerivedStandard> {
  const parsed = await parseBpmn(row.bpmn_xml);
  if (!parsed.definitions) throw new ApiException(422, "standard-unavailable", { problems: parsed.problems });
  const district = row.district ? findDistrict(row.district) : undefined;
  const { derived, problems } = deriveStandard({
    definitions: parsed.definitions,
    processId: row.process_id,
    roleNames: await roleNames(db),
    district: district ?? null,
    effectiveFrom: row.effective_from,
  });
  if (!derived) throw new ApiException(422, "standard-unavailable", { problems });
  return derived;
}

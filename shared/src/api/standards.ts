/** The published Standar Pelayanan of a process version, derived from its model. */
import { z } from "zod";
import { DerivedStandard } from "../schemas";
import { ProcessVersionView } from "./processes";

export const StandardView = z.object({
  version: ProcessVersionView,
  standard: DerivedStandard,
});
export type StandardView = z.infer<typeof StandardView>;

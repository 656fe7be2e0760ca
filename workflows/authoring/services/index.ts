/** Every model of the catalogue, templates before their variants. */
import type { ServiceDef } from "../dsl";
import { ADOPTION_BEKASI, ADOPTION_TEMPLATE } from "./pengangkatan-anak";

export const SERVICES: ServiceDef[] = [ADOPTION_TEMPLATE, ADOPTION_BEKASI];

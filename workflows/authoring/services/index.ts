/** Every model of the catalogue, templates before their variants. */
import type { ServiceDef } from "../dsl";
import { BANSOS_PAKET } from "./bekasi-bansos";
import { BEKASI_FAKIR_MISKIN } from "./bekasi-fakir-miskin";
import { BEKASI_REHABILITASI_SOSIAL } from "./bekasi-rehabilitasi-sosial";
import { MONITORING_PANGAN } from "./monitoring-bantuan-pangan";
import { PENELUSURAN_KELUARGA } from "./penelusuran-keluarga";
import { ADOPTION_BEKASI, ADOPTION_TEMPLATE } from "./pengangkatan-anak";
import { PERMIT_RECOMMENDATIONS } from "./permit-recommendations";
import { SERUYAN_SOCIAL } from "./seruyan-social";
import { SLRT_SUMEDANG } from "./slrt-ppks-sumedang";

export const SERVICES: ServiceDef[] = [
  ADOPTION_TEMPLATE,
  ADOPTION_BEKASI,
  ...BEKASI_FAKIR_MISKIN,
  BANSOS_PAKET,
  ...BEKASI_REHABILITASI_SOSIAL,
  ...PERMIT_RECOMMENDATIONS,
  ...SERUYAN_SOCIAL,
  SLRT_SUMEDANG,
  PENELUSURAN_KELUARGA,
  MONITORING_PANGAN,
];

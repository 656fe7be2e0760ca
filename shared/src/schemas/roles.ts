/** The built-in roles, and how a BPMN candidate group names one. More staff roles are data: admins add them. */
export const SUPER_ADMIN = "super-admin";
export const DISTRICT_ADMIN = "district-admin";

export interface BuiltinRole {
  id: string;
  nameId: string;
  nameEn: string;
  kind: "admin" | "staff";
  isHead: boolean;
}

export const BUILTIN_ROLES: BuiltinRole[] = [
  { id: SUPER_ADMIN, nameId: "Super Admin (Nasional)", nameEn: "Super admin (national)", kind: "admin", isHead: false },
  { id: DISTRICT_ADMIN, nameId: "Admin Kabupaten/Kota", nameEn: "District admin", kind: "admin", isHead: false },
  { id: "front-office", nameId: "Petugas Front Office", nameEn: "Front office", kind: "staff", isHead: false },
  { id: "back-office", nameId: "Petugas Back Office", nameEn: "Back office", kind: "staff", isHead: false },
  { id: "pekerja-sosial", nameId: "Pekerja Sosial", nameEn: "Social worker", kind: "staff", isHead: false },
  { id: "sakti-peksos", nameId: "Sakti Peksos", nameEn: "Sakti Peksos social worker", kind: "staff", isHead: false },
  {
    id: "pengelola-pengaduan",
    nameId: "Pengelola Pengaduan",
    nameEn: "Complaint handler",
    kind: "staff",
    isHead: false,
  },
  { id: "ketua-tim", nameId: "Ketua Tim", nameEn: "Team lead", kind: "staff", isHead: true },
  { id: "kepala-bidang", nameId: "Kepala Bidang", nameEn: "Head of division", kind: "staff", isHead: true },
  { id: "sekretaris", nameId: "Sekretaris", nameEn: "Secretary", kind: "staff", isHead: true },
  { id: "kepala-dinas", nameId: "Kepala Dinas", nameEn: "Head of office", kind: "staff", isHead: true },
];

/**
 * The role ids a candidateGroups value names: items of a comma list (or of a FEEL list), trimmed
 * and lower-cased, without repeats. Camunda group ids are often capitalised ("Finance"); Alur's
 * role ids are lower-case kebab keys, so the mapping is case-insensitive.
 */
export function roleIds(value: string | readonly string[] | undefined): string[] {
  const items = typeof value === "string" ? value.split(",") : (value ?? []);
  return [...new Set(items.map((s) => s.trim().toLowerCase()).filter((s) => s !== ""))];
}

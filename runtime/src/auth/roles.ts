/** The built-in roles. More staff roles are data: admins add them through the API. */
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
  { id: "ketua-tim", nameId: "Ketua Tim", nameEn: "Team lead", kind: "staff", isHead: true },
  { id: "kepala-bidang", nameId: "Kepala Bidang", nameEn: "Head of division", kind: "staff", isHead: true },
  { id: "sekretaris", nameId: "Sekretaris", nameEn: "Secretary", kind: "staff", isHead: true },
  { id: "kepala-dinas", nameId: "Kepala Dinas", nameEn: "Head of office", kind: "staff", isHead: true },
];

/** The public app's routes (wouter patterns); isPublicPath (public-paths.ts) must take each. */
export const PUBLIC_ROUTES = {
  catalogue: "/publik/:district",
  service: "/publik/:district/:processId",
  apply: "/publik/:district/:processId/ajukan",
  tracking: "/lacak",
  survey: "/survei",
  complaint: "/pengaduan",
  complaintTracking: "/pengaduan/lacak",
} as const;

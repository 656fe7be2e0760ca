/**
 * The API routes the app calls, in one place. They follow the runtime API issue (5); the bodies are
 * the zod schemas of @alur/shared/api.
 */
const enc = encodeURIComponent;

export const paths = {
  login: "/api/auth/login",
  logout: "/api/auth/logout",
  me: "/api/auth/me",
  roles: "/api/roles",
  tasks: "/api/tasks",
  task: (id: string) => `/api/tasks/${enc(id)}`,
  taskAction: (
    id: string,
    action: "claim" | "unclaim" | "complete" | "draft" | "comments" | "delegate" | "delegates",
  ) => `/api/tasks/${enc(id)}/${action}`,
  notifications: "/api/notifications",
  notificationRead: (id: string) => `/api/notifications/${enc(id)}/read`,
  notificationsReadAll: "/api/notifications/read-all",
  notificationPreferences: "/api/me/notification-preferences",
  cases: "/api/cases",
  caseExport: "/api/cases/export",
  caseFilters: "/api/case-filters",
  caseFilter: (id: string) => `/api/case-filters/${enc(id)}`,
  case: (id: string) => `/api/cases/${enc(id)}`,
  caseTimeline: (id: string) => `/api/cases/${enc(id)}/timeline`,
  caseCancel: (caseId: string) => `/api/cases/${enc(caseId)}/cancel`,
  caseSuspend: (caseId: string) => `/api/cases/${enc(caseId)}/suspend`,
  caseResume: (caseId: string) => `/api/cases/${enc(caseId)}/resume`,
  caseVariables: (caseId: string) => `/api/cases/${enc(caseId)}/variables`,
  caseTask: (caseId: string, taskId: string, action: "reassign" | "eligible-users") =>
    `/api/cases/${enc(caseId)}/tasks/${enc(taskId)}/${action}`,
  incidentRetry: (caseId: string, incidentId: string) => `/api/cases/${enc(caseId)}/incidents/${enc(incidentId)}/retry`,
  caseDocument: (caseId: string, docId: string) => `/api/cases/${enc(caseId)}/documents/${enc(docId)}`,
  processes: "/api/processes",
  processVersion: (versionId: string) => `/api/processes/versions/${enc(versionId)}`,
  publishVersion: (versionId: string) => `/api/processes/versions/${enc(versionId)}/publish`,
  migrationDryRun: (processId: string) => `/api/processes/${enc(processId)}/migrations/dry-run`,
  migrations: (processId: string) => `/api/processes/${enc(processId)}/migrations`,
  standard: (versionId: string) => `/api/processes/versions/${enc(versionId)}/standard`,
  standardPdf: (versionId: string) => `/api/processes/versions/${enc(versionId)}/standard.pdf`,
  publicServices: (district: string) => `/api/public/districts/${enc(district)}/services`,
  publicService: (district: string, processId: string) =>
    `/api/public/districts/${enc(district)}/services/${enc(processId)}`,
  publicTrack: "/api/public/track",
} as const;

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
  taskAction: (id: string, action: "claim" | "unclaim" | "complete" | "draft" | "comments") =>
    `/api/tasks/${enc(id)}/${action}`,
  cases: "/api/cases",
  case: (id: string) => `/api/cases/${enc(id)}`,
  caseTimeline: (id: string) => `/api/cases/${enc(id)}/timeline`,
  caseDocument: (caseId: string, docId: string) => `/api/cases/${enc(caseId)}/documents/${enc(docId)}`,
  processes: "/api/processes",
  processVersions: (processId: string) => `/api/processes/${enc(processId)}/versions`,
  processVersion: (versionId: string) => `/api/process-versions/${enc(versionId)}`,
  processVersionBpmn: (versionId: string) => `/api/process-versions/${enc(versionId)}/bpmn`,
  publishVersion: (versionId: string) => `/api/process-versions/${enc(versionId)}/publish`,
} as const;

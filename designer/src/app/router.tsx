/**
 * Routes. Staff pages load eagerly and stay small; designer routes (bpmn-js, React Flow) are lazy,
 * with a spinner while a lazy route opened directly (a reload, a link) loads its chunk.
 */
import { createBrowserRouter, Navigate } from "react-router";
import { Spinner } from "../components/query-state";
import { RouteError } from "../components/route-error";
import { CaseListPage } from "../features/cases/case-list-page";
import { CasePage } from "../features/cases/case-page";
import { StartCasePage } from "../features/cases/start-case-page";
import { CataloguePage } from "../features/catalogue/catalogue-page";
import { InboxPage } from "../features/inbox/inbox-page";
import { TaskPage } from "../features/inbox/task-page";
import { NotificationPreferencesPage } from "../features/notifications/preferences-page";
import { Layout } from "./layout";
import { LoginPage } from "./login-page";
import { RequireSession } from "./require-session";

export function createAppRouter() {
  return createBrowserRouter([
    { path: "/masuk", element: <LoginPage />, errorElement: <RouteError /> },
    {
      element: (
        <RequireSession>
          <Layout />
        </RequireSession>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <Navigate to="/tugas" replace /> },
        { path: "tugas", element: <InboxPage /> },
        { path: "tugas/:taskId", element: <TaskPage /> },
        { path: "permohonan", element: <CaseListPage /> },
        { path: "permohonan/baru", element: <StartCasePage /> },
        { path: "permohonan/:caseId", element: <CasePage /> },
        { path: "katalog", element: <CataloguePage /> },
        { path: "pemberitahuan/pengaturan", element: <NotificationPreferencesPage /> },
        {
          path: "layanan/:versionId/standar",
          hydrateFallbackElement: <Spinner />,
          lazy: async () => ({ Component: (await import("../features/standard/standard-page")).StandardPage }),
        },
        {
          path: "desainer/:versionId?",
          hydrateFallbackElement: <Spinner />,
          lazy: async () => ({ Component: (await import("../features/modeler/designer-page")).DesignerPage }),
        },
        {
          path: "desainer/:processId/riwayat",
          hydrateFallbackElement: <Spinner />,
          lazy: async () => ({ Component: (await import("../features/modeler/history-page")).HistoryPage }),
        },
        { path: "*", element: <Navigate to="/tugas" replace /> },
      ],
    },
  ]);
}

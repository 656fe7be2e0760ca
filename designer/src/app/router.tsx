/**
 * The staff app's routes. Every page is a lazy chunk: the staff frame and its pages load with the
 * first signed-in page, the designer (bpmn-js, React Flow) only when opened. A spinner shows while
 * a route opened directly (a reload, a link) loads its chunk. The public pages are not here: they
 * are the public app's (public-app.tsx), so a phone opening one never downloads this router.
 */
import { createBrowserRouter, Navigate } from "react-router";
import { Spinner } from "../components/query-state";
import { RouteError } from "../components/route-error";
import { loadStaffDictionary } from "../i18n";

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: "/masuk",
      errorElement: <RouteError />,
      hydrateFallbackElement: <Spinner />,
      lazy: async () => {
        await loadStaffDictionary();
        return { Component: (await import("./login-page")).LoginPage };
      },
    },
    // The public pages (/publik, /lacak, /survei, /pengaduan) are the public app's (public-app.tsx):
    // opened, they start it instead of this router.
    {
      errorElement: <RouteError />,
      hydrateFallbackElement: <Spinner />,
      lazy: async () => {
        await loadStaffDictionary();
        return { Component: (await import("./staff-shell")).StaffShell };
      },
      children: [
        { index: true, element: <Navigate to="/tugas" replace /> },
        { path: "tugas", lazy: async () => ({ Component: (await import("../features/inbox/inbox-page")).InboxPage }) },
        {
          path: "tugas/:taskId",
          lazy: async () => ({ Component: (await import("../features/inbox/task-page")).TaskPage }),
        },
        {
          path: "permohonan",
          lazy: async () => ({ Component: (await import("../features/cases/case-list-page")).CaseListPage }),
        },
        {
          path: "permohonan/baru",
          lazy: async () => ({ Component: (await import("../features/cases/start-case-page")).StartCasePage }),
        },
        {
          path: "permohonan/massal/:batchId",
          lazy: async () => ({ Component: (await import("../features/cases/batch-page")).BatchPage }),
        },
        {
          path: "permohonan/:caseId",
          lazy: async () => ({ Component: (await import("../features/cases/case-page")).CasePage }),
        },
        {
          path: "katalog",
          lazy: async () => ({ Component: (await import("../features/catalogue/catalogue-page")).CataloguePage }),
        },
        {
          path: "laporan",
          lazy: async () => ({ Component: (await import("../features/reports/reports-page")).ReportsPage }),
        },
        {
          path: "survei-kepuasan",
          lazy: async () => ({ Component: (await import("../features/survey/survey-office-page")).SurveyOfficePage }),
        },
        {
          path: "pengaduan-masuk",
          lazy: async () => ({ Component: (await import("../features/complaints/complaints-page")).ComplaintsPage }),
        },
        {
          path: "pemberitahuan/pengaturan",
          lazy: async () => ({
            Component: (await import("../features/notifications/preferences-page")).NotificationPreferencesPage,
          }),
        },
        {
          path: "pengguna",
          lazy: async () => ({ Component: (await import("../features/people/people-page")).PeoplePage }),
        },
        {
          path: "ganti-sandi",
          lazy: async () => ({
            Component: (await import("../features/people/change-password-page")).ChangePasswordPage,
          }),
        },
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
        {
          path: "desainer/:processId/migrasi",
          hydrateFallbackElement: <Spinner />,
          lazy: async () => ({ Component: (await import("../features/modeler/migration-page")).MigrationPage }),
        },
        { path: "*", element: <Navigate to="/tugas" replace /> },
      ],
    },
  ]);
}

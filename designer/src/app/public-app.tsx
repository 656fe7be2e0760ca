/**
 * The public face's root (no session): the query client and a small router (wouter) over the
 * public pages, each its own lazy chunk. The staff app's router (react-router, with the data
 * router the designer's leave guard needs) is not downloaded by a phone opening a public page.
 */
import { QueryClientProvider } from "@tanstack/react-query";
import { Component, lazy, type ReactNode, Suspense, useState } from "react";
import { Route, Switch } from "wouter";
import { PageFailed } from "../components/page-failed";
import { Spinner } from "../components/query-state";
import { PUBLIC_ROUTES } from "./public-routes";
import { makeQueryClient } from "./query-client";

const pages = {
  catalogue: lazy(async () => ({
    default: (await import("../features/public/public-catalogue-page")).PublicCataloguePage,
  })),
  service: lazy(async () => ({ default: (await import("../features/public/public-service-page")).PublicServicePage })),
  apply: lazy(async () => ({ default: (await import("../features/public/public-apply-page")).PublicApplyPage })),
  tracking: lazy(async () => ({ default: (await import("../features/public/public-track-page")).PublicTrackPage })),
  survey: lazy(async () => ({ default: (await import("../features/survey/public-survey-page")).PublicSurveyPage })),
  complaint: lazy(async () => ({
    default: (await import("../features/complaints/public-complaint-page")).PublicComplaintPage,
  })),
  complaintTracking: lazy(async () => ({
    default: (await import("../features/complaints/public-complaint-track-page")).PublicComplaintTrackPage,
  })),
};

/** A page that fails to load (a chunk gone after a redeploy) or throws shows a plain message. */
class PageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    // for the developer; the user sees a plain message
    console.warn(error);
  }
  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

export function PublicApp() {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <PageBoundary>
        <Suspense fallback={<Spinner />}>
          <Switch>
            {(Object.keys(pages) as (keyof typeof pages)[]).map((name) => (
              <Route key={name} path={PUBLIC_ROUTES[name]} component={pages[name]} />
            ))}
          </Switch>
        </Suspense>
      </PageBoundary>
    </QueryClientProvider>
  );
}

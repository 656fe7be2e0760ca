/** The staff router's error element: a route that failed to load or threw while rendering. */
import { useRouteError } from "react-router";
import { PageFailed } from "./page-failed";

export function RouteError() {
  // the error goes to the console for the developer; the user sees a plain message
  console.warn(useRouteError());
  return <PageFailed />;
}

/** The store activities as the workflow calls them. */
import { proxyActivities } from "@temporalio/workflow";
import type { CaseActivities } from "../activities/contract";

/**
 * Store activities must eventually succeed: retried without limit, with backoff. They are short
 * database writes, so a short timeout lets another worker take over soon after a worker dies.
 */
export const store = proxyActivities<CaseActivities>({
  startToCloseTimeout: "10 seconds",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "1 minute" },
});

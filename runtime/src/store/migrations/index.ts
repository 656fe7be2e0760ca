/** Every migration, in order. Never edit a migration that has shipped: add the next one. */
import type { Migration } from "kysely/migration";
import * as core from "./0001-core";
import * as notifications from "./0002-notifications";
import * as accountsAudit from "./0003-accounts-audit";
import * as workflowStarts from "./0004-workflow-starts";
import * as caseNumberPrefixes from "./0005-case-number-prefixes";
import * as taskAssignment from "./0006-task-assignment";
import * as retentionPurge from "./0007-retention-purge";
import * as inboxCandidates from "./0008-inbox-candidates";
import * as caseList from "./0009-case-list";
import * as processDeployments from "./0010-process-deployments";
import * as externalJobs from "./0011-external-jobs";
import * as notificationDelivery from "./0012-notification-delivery";
import * as publicTracking from "./0013-public-tracking";
import * as people from "./0014-people";
import * as migration from "./0015-migration";
import * as publicApplications from "./0016-public-applications";
import * as survey from "./0017-survey";
import * as complaints from "./0018-complaints";
import * as reportRollups from "./0019-report-rollups";
import * as batchOperations from "./0020-batch-operations";
import * as verificationCodes from "./0023-verification-codes";

export const migrations: Record<string, Migration> = {
  "0001-core": core,
  "0002-notifications": notifications,
  "0003-accounts-audit": accountsAudit,
  "0004-workflow-starts": workflowStarts,
  "0005-case-number-prefixes": caseNumberPrefixes,
  "0006-task-assignment": taskAssignment,
  "0007-retention-purge": retentionPurge,
  "0008-inbox-candidates": inboxCandidates,
  "0009-case-list": caseList,
  "0010-process-deployments": processDeployments,
  "0011-external-jobs": externalJobs,
  "0012-notification-delivery": notificationDelivery,
  "0013-public-tracking": publicTracking,
  "0014-people": people,
  "0015-migration": migration,
  "0016-public-applications": publicApplications,
  "0017-survey": survey,
  "0018-complaints": complaints,
  "0019-report-rollups": reportRollups,
  "0020-batch-operations": batchOperations,
  "0023-verification-codes": verificationCodes,
};

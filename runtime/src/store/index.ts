/** The store's entry for tools outside the runtime package (bench/, scripts). */

export { type CaseListFilter, type CaseListReader, queryCaseList } from "./case-list";
export { setCaseStatus } from "./cases";
export { type Db, type DbTarget, dbTarget, migrate, openDb } from "./db";
export { type InboxFilter, queryInbox } from "./inbox";
export { insertProcessVersion } from "./process-versions";
export { rebuildReportRollups } from "./reports";
export { closeTask } from "./tasks";

/** Deploying a model: save as draft or publish a new version. */
import { type DeployRequest, DeployResponse, MigrationReport, type MigrationRequest } from "@alur/shared/api";
import { request } from "../http";
import { paths } from "../paths";

/** Sends the BPMN to the runtime, which compiles it and stores a new version. */
export const deployProcess = (body: DeployRequest) =>
  request(DeployResponse, paths.processes, { method: "POST", body });

/** Which running cases can move from one published version to another (changes nothing). */
export const migrationDryRun = (processId: string, body: MigrationRequest) =>
  request(MigrationReport, paths.migrationDryRun(processId), { method: "POST", body });

/** Moves the running cases that can move; the others are reported and left as they are. */
export const migrateCases = (processId: string, body: MigrationRequest) =>
  request(MigrationReport, paths.migrations(processId), { method: "POST", body });

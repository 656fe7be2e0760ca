/** Deploying a model: save as draft or publish a new version. */
import { type DeployRequest, DeployResponse } from "@alur/shared/api";
import { request } from "../http";
import { paths } from "../paths";

/** Sends the BPMN to the runtime, which compiles it and stores a new version. */
export const deployProcess = (body: DeployRequest) =>
  request(DeployResponse, paths.processes, { method: "POST", body });

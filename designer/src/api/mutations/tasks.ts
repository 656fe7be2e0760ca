/** Actions on a task; each returns the task as the server now sees it. */
import { DelegateRequest, TaskDetail } from "@alur/shared/api";
import type { Variables } from "@alur/shared/schemas";
import { z } from "zod";
import { request } from "../http";
import { paths } from "../paths";

export const claimTask = (id: string, revision: number) =>
  request(TaskDetail, paths.taskAction(id, "claim"), { method: "POST", body: { revision } });

export const unclaimTask = (id: string, revision: number) =>
  request(TaskDetail, paths.taskAction(id, "unclaim"), { method: "POST", body: { revision } });

export const saveDraft = (id: string, data: Variables) =>
  request(z.unknown(), paths.taskAction(id, "draft"), { method: "PUT", body: { data } });

export const commentOnTask = (id: string, text: string) =>
  request(z.unknown(), paths.taskAction(id, "comments"), { method: "POST", body: { text } });

export const completeTask = (id: string, revision: number, data: Variables) =>
  request(z.unknown(), paths.taskAction(id, "complete"), { method: "POST", body: { revision, data } });

export const delegateTask = (id: string, input: z.input<typeof DelegateRequest>) =>
  request(TaskDetail, paths.taskAction(id, "delegate"), { method: "POST", body: DelegateRequest.parse(input) });

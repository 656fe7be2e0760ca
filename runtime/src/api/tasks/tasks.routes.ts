import {
  CommentRequest,
  CompleteRequest,
  DelegateCandidates,
  DelegateRequest,
  DraftRequest,
  InboxPage,
  InboxQuery,
  RevisionRequest,
  TaskDetail,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

const TaskParams = z.object({ taskId: z.string() });

export const inbox = createRoute({
  method: "get",
  path: "/tasks",
  tags: ["tasks"],
  summary: "The inbox: mine, unassigned for my roles, or my whole district (heads); sorted by due date",
  security: SECURITY,
  request: { query: InboxQuery },
  responses: { 200: jsonResponse(InboxPage, "A page of tasks"), ...errors(400, 401, 403) },
});

export const get = createRoute({
  method: "get",
  path: "/tasks/{taskId}",
  tags: ["tasks"],
  summary: "A task with its form and my draft",
  security: SECURITY,
  request: { params: TaskParams },
  responses: { 200: jsonResponse(TaskDetail, "The task"), ...errors(401, 403, 404) },
});

function action<T extends z.ZodType>(path: string, summary: string, body: T) {
  return createRoute({
    method: "post",
    path: `/tasks/{taskId}/${path}`,
    tags: ["tasks"],
    summary,
    security: SECURITY,
    request: { params: TaskParams, body: jsonBody(body) },
    responses: { 200: jsonResponse(TaskDetail, "The task after the change"), ...errors(400, 401, 403, 404, 409) },
  });
}

export const claim = action("claim", "Claim a task of one of my roles", RevisionRequest);
export const unclaim = action("unclaim", "Give a claimed task back (assignee or head)", RevisionRequest);
export const delegate = action(
  "delegate",
  "Assign to another user with a candidate role (assignee or head)",
  DelegateRequest,
);
export const delegates = createRoute({
  method: "get",
  path: "/tasks/{taskId}/delegates",
  tags: ["tasks"],
  summary:
    "Colleagues a task can be delegated to: active users of its district with a candidate role, except me and the assignee",
  security: SECURITY,
  request: { params: TaskParams },
  responses: { 200: jsonResponse(DelegateCandidates, "Possible delegates"), ...errors(401, 403, 404) },
});
export const comment = createRoute({
  method: "post",
  path: "/tasks/{taskId}/comments",
  tags: ["tasks"],
  summary: "Comment on a task (goes to the case timeline)",
  security: SECURITY,
  request: { params: TaskParams, body: jsonBody(CommentRequest) },
  responses: { 201: jsonResponse(z.object({ ok: z.literal(true) }), "Commented"), ...errors(400, 401, 403, 404) },
});
export const draft = createRoute({
  method: "put",
  path: "/tasks/{taskId}/draft",
  tags: ["tasks"],
  summary: "Save my draft of the task form",
  security: SECURITY,
  request: { params: TaskParams, body: jsonBody(DraftRequest) },
  responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Saved"), ...errors(400, 401, 403, 404) },
});
export const complete = createRoute({
  method: "post",
  path: "/tasks/{taskId}/complete",
  tags: ["tasks"],
  summary: "Complete a task with form data (validated by the workflow); 409 if someone else was first",
  security: SECURITY,
  request: { params: TaskParams, body: jsonBody(CompleteRequest) },
  responses: {
    200: jsonResponse(TaskDetail, "Completed"),
    ...errors(400, 401, 403, 404, 409, 422, 503),
  },
});

/** Creating and changing accounts, passwords, CSV import and acting officials. */
import {
  ActingView,
  ChangePasswordRequest,
  CreateActingRequest,
  CreatedUserResponse,
  CreateUserRequest,
  ImportUsersResponse,
  MeResponse,
  ResetPasswordRequest,
  ResetPasswordResponse,
  UpdateUserRequest,
  UserView,
} from "@alur/shared/api";
import { request } from "../http";
import { paths } from "../paths";

export const createUser = (body: CreateUserRequest) =>
  request(CreatedUserResponse, paths.users, { method: "POST", body: CreateUserRequest.parse(body) });

export const updateUser = (id: string, body: UpdateUserRequest) =>
  request(UserView, paths.user(id), { method: "PATCH", body: UpdateUserRequest.parse(body) });

export const setUserEnabled = (id: string, enabled: boolean) =>
  request(UserView, paths.userAction(id, enabled ? "enable" : "disable"), { method: "POST" });

export const resetPassword = (id: string, body: ResetPasswordRequest) =>
  request(ResetPasswordResponse, paths.userAction(id, "reset-password"), {
    method: "POST",
    body: ResetPasswordRequest.parse(body),
  });

export const importUsers = (csv: string) =>
  request(ImportUsersResponse, paths.usersImport, { method: "POST", body: { csv } });

export const createActing = (body: CreateActingRequest) =>
  request(ActingView, paths.acting, { method: "POST", body: CreateActingRequest.parse(body) });

export const revokeActing = (id: string) => request(ActingView, paths.actingRevoke(id), { method: "POST" });

export const changePassword = (body: ChangePasswordRequest) =>
  request(MeResponse, paths.changePassword, { method: "POST", body: ChangePasswordRequest.parse(body) });

/** Sign in and out. */
import { LoginResponse } from "@alur/shared/api";
import { z } from "zod";
import { request, setCsrfToken } from "../http";
import { paths } from "../paths";
import { rememberSession } from "../queries/session";

/** Signs in with a session cookie; remembers the CSRF token. */
export async function login(username: string, password: string): Promise<LoginResponse> {
  const res = await request(LoginResponse, paths.login, {
    method: "POST",
    body: { username, password, mode: "cookie" },
  });
  setCsrfToken(res.csrfToken);
  rememberSession(true);
  return res;
}

/** Ends the session. */
export async function logout(): Promise<void> {
  rememberSession(false);
  setCsrfToken(null);
  await request(z.unknown(), paths.logout, { method: "POST" });
}

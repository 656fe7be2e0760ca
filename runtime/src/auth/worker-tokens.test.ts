import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sessions";
import { newWorkerToken, parseWorkerToken } from "./worker-tokens";

describe("worker tokens", () => {
  it("parse back to the id and a secret whose hash is the stored one", () => {
    // given
    const { id, token, secretHash } = newWorkerToken();
    // when
    const parsed = parseWorkerToken(token);
    // then
    expect(parsed?.id).toBe(id);
    expect(sha256Hex(parsed?.secret ?? "")).toBe(secretHash);
    expect(token).not.toContain(secretHash);
  });

  it("are told apart from session tokens and malformed input", () => {
    expect(parseWorkerToken("k3Zq9vS5w2m1x0bYc8d7e6f5g4h3i2j1k0l9m8n7o6p")).toBeUndefined();
    expect(parseWorkerToken("alurw_xyz_abc")).toBeUndefined();
    expect(parseWorkerToken(`alurw_${"a".repeat(16)}_${"b".repeat(42)}`)).toBeUndefined();
  });
});

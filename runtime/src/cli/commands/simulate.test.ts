import { afterEach, describe, expect, it, vi } from "vitest";
import { withTimeout } from "./simulate";

afterEach(() => {
  vi.useRealTimers();
});

describe("withTimeout", () => {
  it("leaves no timer behind once the promise settled (a pending one held `alur simulate` open for 60 s)", async () => {
    // given
    vi.useFakeTimers();

    // when
    const value = await withTimeout(Promise.resolve(42), 60_000, "the case to end");

    // then
    expect(value).toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with what it waited for when the time runs out", async () => {
    vi.useFakeTimers();
    const waiting = withTimeout(new Promise(() => {}), 1_000, "the case to end");
    const assertion = expect(waiting).rejects.toThrow("timed out waiting for the case to end");
    await vi.advanceTimersByTimeAsync(1_000);
    await assertion;
  });
});

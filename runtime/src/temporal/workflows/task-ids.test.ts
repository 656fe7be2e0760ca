import { describe, expect, it } from "vitest";
import { TaskIds } from "./task-ids";

describe("store task ids derived from engine task ids", () => {
  it("a top case's store id is the engine id, and back", () => {
    // given a top case
    const ids = new TaskIds("K-1", "", new Map());

    // then the ids are the engine's own, and only this case's task ids map back
    expect(ids.storeId("K-1-t7")).toBe("K-1-t7");
    expect(ids.engineId("K-1-t7")).toBe("K-1-t7");
    expect(ids.engineId("nope")).toBeUndefined();
    expect(ids.engineId("K-1-c3")).toBeUndefined();
    expect(ids.engineId("K-1-c3:K-1-t7")).toBeUndefined();
  });

  it("a called case's tasks carry its path, so they differ from the parent's with the same counter", () => {
    // given a called case two levels down (its engine state counts under the top case id too)
    const ids = new TaskIds("K-1", "K-1-c3/K-1-c9/", new Map());

    // then its store ids are one URL segment, unique in the case tree, and map back
    expect(ids.storeId("K-1-t7")).toBe("K-1-c3:K-1-c9:K-1-t7");
    expect(ids.engineId("K-1-c3:K-1-c9:K-1-t7")).toBe("K-1-t7");
    expect(ids.engineId("K-1-t7")).toBeUndefined();
    expect(ids.engineId("K-1-c3:K-1-t7")).toBeUndefined();
  });

  it("uuids of tasks opened by an older run win; a refused task is neither closed nor completed", () => {
    // given a run resumed with a task opened under a uuid
    const ids = new TaskIds("K-1", "", new Map([["K-1-t2", "5f0c1c9e-uuid"]]));

    // then that task keeps its uuid both ways, the others are derived
    expect(ids.storeId("K-1-t2")).toBe("5f0c1c9e-uuid");
    expect(ids.engineId("5f0c1c9e-uuid")).toBe("K-1-t2");
    expect(ids.storeId("K-1-t5")).toBe("K-1-t5");

    // when the store refuses a task
    ids.refuse("K-1-t5");

    // then it has no row and its id takes no completion
    expect(ids.stored("K-1-t5")).toBe(false);
    expect(ids.engineId("K-1-t5")).toBeUndefined();
    expect(ids.stored("K-1-t2")).toBe(true);
  });
});

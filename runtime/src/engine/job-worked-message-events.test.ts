/// <reference types="vite/client" />
import { compileProcess, parseBpmn } from "@alur/shared/compiler";
import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
// Imported as text by Vite: engine code (tests included) does no file I/O.
import xml from "./fixtures/job-worked-message-events.bpmn?raw";

/**
 * Camunda 8 works a message intermediate throw or end event that has a zeebe:taskDefinition as a
 * job (a worker sends the message), needing no messageRef; the end event ends the path once its
 * job completes.
 */
describe("message throw events with a job type", () => {
  it("run as jobs in order, and the case ends after the end event's job", async () => {
    // given
    const parsed = await parseBpmn(xml);
    const compiled = compileProcess(parsed.definitions!);
    expect(compiled.problems.filter((p) => p.severity === "error")).toEqual([]);
    const driver = new CaseDriver(compiled.plan!);

    // when
    driver.start({ email: "siti@example.go.id" });

    // then the throw event is a job of its type with its retries, then the end event's
    expect(driver.job("kirimSurel")).toMatchObject({ jobType: "email-service" });
    expect(compiled.plan!.nodes.kirimSurel).toMatchObject({
      type: "sendTask",
      connector: { type: "email-service", retries: 2 },
    });
    driver.completeJob("kirimSurel");
    expect(driver.finished).toBeUndefined();
    expect(driver.job("kabari")).toMatchObject({ jobType: "sms-service" });
    driver.completeJob("kabari");
    expect(driver.finished).toMatchObject({ status: "completed" });
    expect(driver.entered()).toEqual(["mulai", "kirimSurel", "kabari"]);
  });
});

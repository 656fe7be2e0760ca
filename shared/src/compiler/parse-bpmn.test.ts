import { describe, expect, it } from "vitest";
import { parseBpmn, screenXml, toBpmnXml } from "./parse-bpmn";

const minimal = `<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="p"><bpmn:startEvent id="s"/></bpmn:process>
</bpmn:definitions>`;

describe("parseBpmn", () => {
  it("reads BPMN into definitions", async () => {
    const { definitions, problems } = await parseBpmn(minimal);
    expect(problems).toEqual([]);
    expect(definitions?.$type).toBe("bpmn:Definitions");
  });

  it("refuses DOCTYPE and ENTITY declarations before parsing (XXE, billion laughs)", async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${minimal.slice(22)}`;
    const { definitions, problems } = await parseBpmn(laughs);
    expect(definitions).toBeUndefined();
    expect(problems).toMatchObject([{ severity: "error", code: "xml-doctype" }]);
    expect(screenXml('<x><!ENTITY xxe SYSTEM "file:///etc/passwd"></x>')?.code).toBe("xml-doctype");
  });

  it("refuses input over the size limit, counting UTF-8 bytes", async () => {
    const { problems } = await parseBpmn(minimal, { maxBytes: 100 });
    expect(problems).toMatchObject([{ code: "xml-too-large" }]);
    // 40 characters of 3 bytes each: 120 bytes
    expect(screenXml("€".repeat(40), 100)?.code).toBe("xml-too-large");
    expect(screenXml("€".repeat(30), 100)).toBeUndefined();
  });

  it("returns problems for non-XML, non-BPMN and non-text input", async () => {
    expect((await parseBpmn("not xml at all <")).problems[0]?.code).toMatch(/xml-unreadable|not-bpmn/);
    expect((await parseBpmn("<a/>")).problems[0]?.severity).toBe("error");
    expect((await parseBpmn("")).problems[0]?.code).toBe("not-bpmn");
    expect((await parseBpmn(42)).problems[0]?.code).toBe("xml-not-text");
  });

  it("writes definitions back to XML", async () => {
    const { definitions } = await parseBpmn(minimal);
    const { xml } = await toBpmnXml(definitions!);
    expect(xml).toContain('<bpmn:startEvent id="s" />');
  });
});

import { describe, expect, it } from "vitest";
import { elementWords, nameProblems } from "./element-words";
import { parseBpmn } from "./parse-bpmn";
import { problem } from "./problem";

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="x">
  <bpmn:process id="p" name="Bansos" isExecutable="true">
    <bpmn:startEvent id="s" name="Permohonan
      masuk"/>
    <bpmn:userTask id="check" name="Periksa berkas"/>
    <bpmn:exclusiveGateway id="g" name="Lengkap?"/>
    <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="check"/>
    <bpmn:subProcess id="sub"><bpmn:serviceTask id="inner"/></bpmn:subProcess>
  </bpmn:process>
</bpmn:definitions>`;

describe("elementWords", () => {
  it("names an element by kind in words and name, the id only when unnamed", async () => {
    // given
    const { definitions } = await parseBpmn(XML);
    const byId = (id: string) =>
      [...(definitions!.rootElements as { flowElements: { id: string }[] }[])[0]!.flowElements].find(
        (e) => e.id === id,
      );
    // then
    expect(elementWords(byId("check") as never)).toEqual({
      id: 'langkah "Periksa berkas"',
      en: 'step "Periksa berkas"',
    });
    expect(elementWords(byId("g") as never)).toEqual({ id: 'percabangan "Lengkap?"', en: 'branch "Lengkap?"' });
    expect(elementWords(byId("s") as never).id).toBe('awal "Permohonan masuk"');
    expect(elementWords(byId("f") as never)).toEqual({ id: "alur tanpa nama (f)", en: "unnamed flow (f)" });
  });
});

describe("nameProblems", () => {
  it("puts the element's name in front of the message, at every level, and leaves model-wide ones alone", async () => {
    // given
    const { definitions } = await parseBpmn(XML);
    const message = { id: "ada masalah", en: "something is wrong" };
    // when
    const named = nameProblems(definitions!, [
      problem("check", "error", "x", message),
      problem("inner", "error", "x", message),
      problem("p", "warning", "x", message),
      problem("gone", "warning", "x", message),
    ]);
    // then
    expect(named.map((p) => p.message.id)).toEqual([
      'Langkah "Periksa berkas": ada masalah',
      "Langkah tanpa nama (inner): ada masalah",
      "ada masalah",
      "ada masalah",
    ]);
    expect(named[0]?.message.en).toBe('Step "Periksa berkas": something is wrong');
    expect(named.map((p) => p.elementId)).toEqual(["check", "inner", "p", "gone"]);
  });
});

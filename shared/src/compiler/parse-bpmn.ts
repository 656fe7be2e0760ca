/// <reference path="./vendor.d.ts" />
/**
 * Reading BPMN XML. Input is screened before the XML parser sees it: DOCTYPE and entity
 * declarations (XXE, billion laughs) and oversized documents are refused outright.
 */
import { sharedModdle } from "./moddle";
import type { ModdleElement } from "./moddle-element";
import { type Problem, problem } from "./problem";

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface ParseOptions {
  /** Largest accepted document in bytes (UTF-8); default 5 MB. */
  maxBytes?: number;
}

export interface ParseResult {
  /** The bpmn:Definitions root; absent when the document could not be read. */
  definitions?: ModdleElement;
  /** Refusals and read errors (severity error), and moddle's warnings (severity warning). */
  problems: Problem[];
}

/** Parses BPMN 2.0 XML with the Zeebe and alur extensions; never throws. */
export async function parseBpmn(xml: unknown, options: ParseOptions = {}): Promise<ParseResult> {
  const refusal = screenXml(xml, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (refusal) return { problems: [refusal] };
  try {
    const result = await sharedModdle().fromXML(xml as string, "bpmn:Definitions");
    const problems = result.warnings.slice(0, 50).map((w) =>
      problem(elementIdOf(w.element), "warning", "xml-warning", {
        id: `Peringatan saat membaca XML: ${w.message}`,
        en: `Warning while reading the XML: ${w.message}`,
      }),
    );
    const root = result.rootElement;
    if (root?.$type !== "bpmn:Definitions") {
      return { problems: [...problems, notBpmn()] };
    }
    return { definitions: root, problems };
  } catch (error) {
    const message = firstLine(error instanceof Error ? error.message : String(error));
    return {
      problems: [
        problem("", "error", "xml-unreadable", {
          id: `Berkas bukan XML BPMN yang dapat dibaca: ${message}`,
          en: `The file is not readable BPMN XML: ${message}`,
        }),
      ],
    };
  }
}

/** The reason to refuse a document before parsing, or undefined when it may be parsed. */
export function screenXml(xml: unknown, maxBytes: number = DEFAULT_MAX_BYTES): Problem | undefined {
  if (typeof xml !== "string") {
    return problem("", "error", "xml-not-text", {
      id: "Model harus berupa teks XML.",
      en: "The model must be XML text.",
    });
  }
  // A UTF-8 character takes at most 3 bytes per UTF-16 code unit; only count exactly near the limit.
  if (xml.length * 3 > maxBytes && new TextEncoder().encode(xml).length > maxBytes) {
    const mb = (maxBytes / 1024 / 1024).toFixed(1);
    return problem("", "error", "xml-too-large", {
      id: `Berkas terlalu besar (batas ${mb} MB).`,
      en: `The file is too large (limit ${mb} MB).`,
    });
  }
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return problem("", "error", "xml-doctype", {
      id: "Deklarasi DOCTYPE/ENTITY tidak diizinkan dalam model BPMN (alasan keamanan).",
      en: "DOCTYPE/ENTITY declarations are not allowed in BPMN models (security).",
    });
  }
  if (xml.trim() === "") return notBpmn();
  return undefined;
}

/** Writes definitions back to XML (for round trips and the designer's export); never throws. */
export async function toBpmnXml(definitions: ModdleElement): Promise<{ xml?: string; problems: Problem[] }> {
  try {
    const { xml } = await sharedModdle().toXML(definitions, { format: true });
    return { xml, problems: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      problems: [
        problem(definitions.id, "error", "xml-unwritable", {
          id: `Model tidak dapat ditulis sebagai XML: ${message}`,
          en: `The model cannot be written as XML: ${message}`,
        }),
      ],
    };
  }
}

function notBpmn(): Problem {
  return problem("", "error", "not-bpmn", {
    id: "Berkas tidak berisi <bpmn:definitions>.",
    en: "The file contains no <bpmn:definitions>.",
  });
}

function elementIdOf(element: unknown): string {
  const id = (element as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : "";
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).slice(0, 300);
}

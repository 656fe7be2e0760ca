/** Compiles BPMN event definitions (and Alur's working-time timers) into plan event definitions. */
import { type EventDefinition, type TimerDefinition, WorkingTimeUnit } from "../plan";
import { stripFeel, valueOrFeel } from "./feel-values";
import { body, child, children, extension, extensions, type ModdleElement, num, str } from "./moddle-element";
import { type Problem, problem } from "./problem";
import { definitionKind } from "./supported-elements";

export interface Compiled<T> {
  value?: T;
  problems: Problem[];
}

/** The single event definition of an event (unsupported combinations are reported elsewhere). */
export function compileEventDefinition(event: ModdleElement): Compiled<EventDefinition> {
  const definition = children(event, "eventDefinitions")[0];
  if (!definition) return { problems: [] };
  const id = event.id;
  switch (definitionKind(definition)) {
    case "timer": {
      const timer = compileTimer(event, definition);
      return timer.value
        ? { value: { kind: "timer", timer: timer.value }, problems: timer.problems }
        : (timer as Compiled<never>);
    }
    case "message": {
      const message = child(definition, "messageRef");
      const messageName = str(message, "name");
      if (!messageName) {
        return fail(
          id,
          "message-without-name",
          "Peristiwa pesan tanpa nama pesan",
          "Message event without a message name",
        );
      }
      return { value: { kind: "message", messageName, ...correlation(message) }, problems: [] };
    }
    case "error":
      return {
        value: optional({ kind: "error" as const, errorCode: str(child(definition, "errorRef"), "errorCode") }),
        problems: [],
      };
    case "escalation":
      return {
        value: optional({
          kind: "escalation" as const,
          escalationCode: str(child(definition, "escalationRef"), "escalationCode"),
        }),
        problems: [],
      };
    case "signal": {
      const signalName = str(child(definition, "signalRef"), "name");
      if (!signalName)
        return fail(
          id,
          "signal-without-name",
          "Peristiwa sinyal tanpa nama sinyal",
          "Signal event without a signal name",
        );
      return { value: { kind: "signal", signalName }, problems: [] };
    }
    case "terminate":
      return { value: { kind: "terminate" }, problems: [] };
    case "link": {
      const linkName = str(definition, "name");
      if (!linkName) return fail(id, "link-without-name", "Peristiwa tautan tanpa nama", "Link event without a name");
      return { value: { kind: "link", linkName }, problems: [] };
    }
    default:
      // Unsupported kinds are reported by the support check with their reason.
      return { problems: [] };
  }
}

/** The correlation key of a message (zeebe:subscription on bpmn:message). */
export function correlation(message: ModdleElement | undefined): { correlationKey?: string } {
  const key = str(extension(message, "zeebe:Subscription"), "correlationKey");
  return key && stripFeel(key) ? { correlationKey: stripFeel(key) } : {};
}

/** A timer: alur:workingTime on the event wins; otherwise timeDuration, timeDate or timeCycle. */
function compileTimer(event: ModdleElement, definition: ModdleElement): Compiled<TimerDefinition> {
  const working = extensions(event, "alur:WorkingTime")[0];
  if (working) {
    const value = num(working, "value");
    const unit = WorkingTimeUnit.safeParse(str(working, "unit") ?? "workingDays");
    if (value === undefined || value < 0 || !unit.success) {
      return fail(
        event.id,
        "timer-invalid",
        `Waktu kerja tidak sah (nilai ${str(working, "value") ?? "-"}, satuan ${str(working, "unit") ?? "-"}); satuan yang dikenal: ${WorkingTimeUnit.options.join(", ")}`,
        `Invalid working time (value ${str(working, "value") ?? "-"}, unit ${str(working, "unit") ?? "-"}); known units: ${WorkingTimeUnit.options.join(", ")}`,
      );
    }
    return { value: { type: "workingTime", duration: { value, unit: unit.data } }, problems: [] };
  }
  for (const [key, type] of [
    ["timeDuration", "duration"],
    ["timeDate", "date"],
    ["timeCycle", "cycle"],
  ] as const) {
    const text = body(child(definition, key));
    if (text) return { value: { type, value: valueOrFeel(text) }, problems: [] };
  }
  return fail(
    event.id,
    "timer-without-expression",
    "Timer tanpa durasi, tanggal atau siklus",
    "Timer without a duration, date or cycle",
  );
}

function optional<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function fail(elementId: string | undefined, code: string, id: string, en: string): Compiled<never> {
  return { problems: [problem(elementId, "error", code, { id: `${id}.`, en: `${en}.` })] };
}

/**
 * Live validation: the shared validator (bpmnlint rules, Alur's rules and the compiler) on the
 * model's XML in a worker, so what blocks publishing here is exactly what the runtime refuses and
 * a large model stays responsive. `forPublish` checks what the runtime's publish gate checks
 * (docs/api.md). `forms` are the forms deployed with the version the model came from; the model is
 * checked with those it references by id, as it will be deployed. The latest request wins; older
 * answers are dropped.
 */
import type { Problem } from "@alur/shared/compiler";

export type ValidationRequest = { id: number; xml: string; forPublish: boolean; forms: Record<string, unknown> };
export type ValidationResponse = { id: number; problems: Problem[]; failed?: string };

/** A validator bound to one worker; `dispose` ends it. */
export function createValidationClient(): {
  validate(xml: string, forPublish: boolean, forms?: Record<string, unknown>): Promise<Problem[] | null>;
  dispose(): void;
} {
  let worker: Worker | null = null;
  let latest = 0;
  const pending = new Map<number, (problems: Problem[] | null) => void>();
  const start = () => {
    worker = new Worker(new URL("./validate.worker.ts", import.meta.url), { type: "module" });
    worker.addEventListener("message", (event: MessageEvent<ValidationResponse>) => {
      const resolve = pending.get(event.data.id);
      pending.delete(event.data.id);
      // an answer overtaken by a newer request is stale: the caller ignores null
      resolve?.(event.data.id === latest && !event.data.failed ? event.data.problems : null);
    });
    return worker;
  };
  return {
    validate(xml, forPublish, forms = {}) {
      const id = ++latest;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        (worker ?? start()).postMessage({ id, xml, forPublish, forms } satisfies ValidationRequest);
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const resolve of pending.values()) resolve(null);
      pending.clear();
    },
  };
}

/** The errors among problems. */
export function errorsOf(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === "error");
}

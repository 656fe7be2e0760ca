/**
 * Where a case's time goes, for the end-to-end bench's `--profile`: each activity's calls and
 * time, the SQL statements each one sends, and (from a sample of histories) the workflow tasks and
 * history events a case costs. Counts do not depend on the machine's load; times do, so they are
 * reported beside the load average.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Client } from "@temporalio/client";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import type { CaseActivities } from "../runtime/src/temporal/activities/contract";

type ActivityFigures = { calls: number; ms: number; statements: number };

/** One profile per workflow type; `current` names the one the next batch counts into. */
export class CaseProfile {
  private readonly figures = new Map<string, Map<string, ActivityFigures>>();
  private readonly statementsByType = new Map<string, number>();
  /** The activity a statement is sent from: its async context, so concurrent calls stay apart. */
  private readonly activityContext = new AsyncLocalStorage<string>();
  current = "";

  /** A Kysely plugin counting every statement (query builder and raw `sql`) sent to the store. */
  readonly sqlCounter: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
      this.statementsByType.set(this.current, (this.statementsByType.get(this.current) ?? 0) + 1);
      const name = this.activityContext.getStore();
      if (name) this.activity(name).statements++;
      return args.node;
    },
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  };

  private activity(name: string): ActivityFigures {
    let byName = this.figures.get(this.current);
    if (!byName) {
      byName = new Map();
      this.figures.set(this.current, byName);
    }
    let figures = byName.get(name);
    if (!figures) {
      figures = { calls: 0, ms: 0, statements: 0 };
      byName.set(name, figures);
    }
    return figures;
  }

  /** The activities, each call counted and timed, and the statements it sends attributed to it. */
  wrap(activities: CaseActivities): CaseActivities {
    const wrapped: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(activities) as [string, (...a: unknown[]) => Promise<unknown>][]) {
      wrapped[name] = async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await this.activityContext.run(name, () => fn(...args));
        } finally {
          const figures = this.activity(name);
          figures.calls++;
          figures.ms += performance.now() - started;
        }
      };
    }
    return wrapped as unknown as CaseActivities;
  }

  /** Per case of one workflow type: calls, mean ms per call and statements of each activity. */
  report(type: string, cases: number, histories: HistoryFigures) {
    const activities = Object.fromEntries(
      [...(this.figures.get(type) ?? new Map<string, ActivityFigures>())].map(([name, f]) => [
        name,
        {
          callsPerCase: round(f.calls / cases),
          meanMs: round(f.ms / Math.max(1, f.calls)),
          statementsPerCase: round(f.statements / cases),
        },
      ]),
    );
    return {
      cases,
      sqlStatementsPerCase: round((this.statementsByType.get(type) ?? 0) / cases),
      activities,
      ...histories,
    };
  }
}

export type HistoryFigures = {
  sampledHistories: number;
  historyEventsPerCase: number;
  workflowTasksPerCase: number;
  activityTasksPerCase: number;
  updatesPerCase: number;
};

/** Counts the events of the sampled cases' histories: what the server and worker did per case. */
export async function historyFigures(client: Client, workflowIds: string[]): Promise<HistoryFigures> {
  let events = 0;
  let workflowTasks = 0;
  let activityTasks = 0;
  let updates = 0;
  for (const id of workflowIds) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      events++;
      if (event.workflowTaskCompletedEventAttributes) workflowTasks++;
      if (event.activityTaskScheduledEventAttributes) activityTasks++;
      if (event.workflowExecutionUpdateAcceptedEventAttributes) updates++;
    }
  }
  const n = Math.max(1, workflowIds.length);
  return {
    sampledHistories: workflowIds.length,
    historyEventsPerCase: round(events / n),
    workflowTasksPerCase: round(workflowTasks / n),
    activityTasksPerCase: round(activityTasks / n),
    updatesPerCase: round(updates / n),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

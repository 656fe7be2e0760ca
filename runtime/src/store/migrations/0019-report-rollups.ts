/**
 * Reports for heads of division and of office (issue 15, item 5): rollups per district, service,
 * version and month (WIB) of closed cases, and per step of completed tasks, kept by triggers in
 * the same transaction as the change they count, so figures never drift and no writer can forget
 * them. Each rollup holds counts, on-time counts, duration sums and a duration histogram (8
 * buckets per doubling: bucket 0 is [0, 1 s), bucket k is [2^((k-1)/8), 2^(k/8)) s) from which
 * the report reads p90 to within 9 %.
 *
 * Pause time: the engine records each end of a pause (clockResumed, with since when); the case
 * row sums it (paused_s) and the step rollup of the element that held the clock adds it.
 *
 * report_rollups_rebuild() recomputes everything from the base tables: this migration uses it for
 * existing data and the store exposes it as a check.
 */
import { type Kysely, sql } from "kysely";

/** Histogram length; bucket 255 is open-ended (beyond 2^31.75 s, about 110 years). */
export const REPORT_BUCKETS = 256;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE FUNCTION report_duration_bucket(seconds double precision) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN seconds < 1 THEN 0
        ELSE least(floor(8 * ln(seconds) / ln(2))::int + 1, ${sql.raw(String(REPORT_BUCKETS - 1))}) END
    $$`.execute(db);
  // Month of an instant in WIB, as the IKM report and the case list read periods.
  await sql`CREATE FUNCTION report_month(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT date_trunc('month', at AT TIME ZONE 'Asia/Jakarta')::date
    $$`.execute(db);
  // Counts per bucket (bucket k at index k + 1) from parallel arrays of buckets and counts.
  await sql`CREATE FUNCTION report_histogram(buckets int[], counts bigint[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
      SELECT array_agg(coalesce(h.n, 0)::int ORDER BY g)
      FROM generate_series(0, ${sql.raw(String(REPORT_BUCKETS - 1))}) g
      LEFT JOIN unnest(buckets, counts) AS h(b, n) ON h.b = g
    $$`.execute(db);

  await sql`ALTER TABLE cases ADD COLUMN paused_s double precision NOT NULL DEFAULT 0`.execute(db);

  await sql`CREATE TABLE report_case_rollups (
      district text NOT NULL,
      process_id text NOT NULL,
      version int NOT NULL,
      month date NOT NULL,
      completed int NOT NULL DEFAULT 0,
      cancelled int NOT NULL DEFAULT 0,
      terminated int NOT NULL DEFAULT 0,
      with_due int NOT NULL DEFAULT 0,
      on_time int NOT NULL DEFAULT 0,
      duration_s double precision NOT NULL DEFAULT 0,
      paused_s double precision NOT NULL DEFAULT 0,
      histogram int[] NOT NULL,
      PRIMARY KEY (district, month, process_id, version)
    )`.execute(db);
  await sql`CREATE TABLE report_step_rollups (
      district text NOT NULL,
      process_id text NOT NULL,
      version int NOT NULL,
      element_id text NOT NULL,
      month date NOT NULL,
      completed int NOT NULL DEFAULT 0,
      with_due int NOT NULL DEFAULT 0,
      on_time int NOT NULL DEFAULT 0,
      duration_s double precision NOT NULL DEFAULT 0,
      paused int NOT NULL DEFAULT 0,
      paused_s double precision NOT NULL DEFAULT 0,
      histogram int[] NOT NULL,
      PRIMARY KEY (district, month, process_id, version, element_id)
    )`.execute(db);
  // Open cases by SLA state are counted from the open cases only (few beside the closed ones),
  // index-only: the state depends on the instant of the question, so it cannot be rolled up.
  await sql`CREATE INDEX cases_open_sla ON cases (district, process_id, due_at, paused_since)
    WHERE status IN ('active', 'incident')`.execute(db);

  const empty = sql.raw(`array_fill(0, ARRAY[${REPORT_BUCKETS}])`);
  await sql`CREATE FUNCTION report_count_task() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      c record;
      seconds double precision;
      b int;
      due int;
      ontime int;
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.status = 'completed' THEN RETURN NULL; END IF;
      SELECT k.district, k.process_id, v.version INTO c
        FROM cases k JOIN process_versions v ON v.id = k.process_version_id WHERE k.id = NEW.case_id;
      IF NOT FOUND THEN RETURN NULL; END IF;
      seconds := greatest(0, extract(epoch FROM coalesce(NEW.closed_at, now()) - NEW.created_at));
      b := report_duration_bucket(seconds) + 1;
      due := (NEW.due_at IS NOT NULL)::int;
      ontime := (NEW.due_at IS NOT NULL AND coalesce(NEW.closed_at, now()) <= NEW.due_at)::int;
      INSERT INTO report_step_rollups AS r
          (district, process_id, version, element_id, month, completed, with_due, on_time, duration_s, histogram)
        VALUES (c.district, c.process_id, c.version, NEW.element_id, report_month(coalesce(NEW.closed_at, now())),
          1, due, ontime, seconds, report_histogram(ARRAY[b - 1], ARRAY[1::bigint]))
        ON CONFLICT (district, month, process_id, version, element_id) DO UPDATE SET
          completed = r.completed + 1, with_due = r.with_due + due, on_time = r.on_time + ontime,
          duration_s = r.duration_s + seconds, histogram[b] = r.histogram[b] + 1;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER tasks_report_rollup AFTER INSERT OR UPDATE OF status ON tasks FOR EACH ROW
    WHEN (NEW.status = 'completed') EXECUTE FUNCTION report_count_task()`.execute(db);

  await sql`CREATE FUNCTION report_count_case() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ver int;
      ended timestamptz := coalesce(NEW.ended_at, now());
      seconds double precision;
      b int;
      done int := (NEW.status = 'completed')::int;
      due int;
      ontime int;
      m date := report_month(coalesce(NEW.ended_at, now()));
    BEGIN
      SELECT v.version INTO ver FROM process_versions v WHERE v.id = NEW.process_version_id;
      seconds := greatest(0, extract(epoch FROM ended - NEW.started_at));
      b := report_duration_bucket(seconds) + 1;
      due := (done = 1 AND NEW.due_at IS NOT NULL)::int;
      ontime := (done = 1 AND NEW.due_at IS NOT NULL AND ended <= NEW.due_at)::int;
      INSERT INTO report_case_rollups AS r
          (district, process_id, version, month, histogram)
        VALUES (NEW.district, NEW.process_id, ver, m, ${empty})
        ON CONFLICT (district, month, process_id, version) DO NOTHING;
      IF done = 1 THEN
        UPDATE report_case_rollups r SET completed = r.completed + 1, with_due = r.with_due + due,
            on_time = r.on_time + ontime, duration_s = r.duration_s + seconds, paused_s = r.paused_s + NEW.paused_s,
            histogram[b] = r.histogram[b] + 1
          WHERE r.district = NEW.district AND r.month = m AND r.process_id = NEW.process_id AND r.version = ver;
      ELSE
        UPDATE report_case_rollups r SET
            cancelled = r.cancelled + (NEW.status = 'cancelled')::int,
            terminated = r.terminated + (NEW.status = 'terminated')::int
          WHERE r.district = NEW.district AND r.month = m AND r.process_id = NEW.process_id AND r.version = ver;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER cases_report_rollup AFTER UPDATE OF status ON cases FOR EACH ROW
    WHEN (NEW.status IN ('completed', 'cancelled', 'terminated')
      AND OLD.status NOT IN ('completed', 'cancelled', 'terminated'))
    EXECUTE FUNCTION report_count_case()`.execute(db);

  // The end of a pause: the case sums its pause time; the step that held the clock adds it.
  await sql`CREATE FUNCTION report_count_pause() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      c record;
      seconds double precision;
    BEGIN
      IF NOT (NEW.data ? 'pausedSince') THEN RETURN NULL; END IF;
      seconds := greatest(0, extract(epoch FROM NEW.at - (NEW.data->>'pausedSince')::timestamptz));
      UPDATE cases SET paused_s = paused_s + seconds WHERE id = NEW.case_id;
      IF NEW.element_id IS NULL THEN RETURN NULL; END IF;
      SELECT k.district, k.process_id, v.version INTO c
        FROM cases k JOIN process_versions v ON v.id = k.process_version_id WHERE k.id = NEW.case_id;
      IF NOT FOUND THEN RETURN NULL; END IF;
      INSERT INTO report_step_rollups AS r
          (district, process_id, version, element_id, month, paused, paused_s, histogram)
        VALUES (c.district, c.process_id, c.version, NEW.element_id, report_month(NEW.at), 1, seconds, ${empty})
        ON CONFLICT (district, month, process_id, version, element_id) DO UPDATE SET
          paused = r.paused + 1, paused_s = r.paused_s + seconds;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER case_events_report_pause AFTER INSERT ON case_events FOR EACH ROW
    WHEN (NEW.type = 'clockResumed') EXECUTE FUNCTION report_count_pause()`.execute(db);

  // Everything again from the base tables, set-based.
  await sql`CREATE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE cases k SET paused_s = coalesce(p.s, 0) FROM (
          SELECT c.id, (SELECT sum(greatest(0, extract(epoch FROM e.at - (e.data->>'pausedSince')::timestamptz)))
            FROM case_events e WHERE e.case_id = c.id AND e.type = 'clockResumed' AND e.data ? 'pausedSince') AS s
          FROM cases c) p
        WHERE p.id = k.id AND k.paused_s IS DISTINCT FROM coalesce(p.s, 0);
      DELETE FROM report_case_rollups;
      DELETE FROM report_step_rollups;
      INSERT INTO report_case_rollups (district, process_id, version, month, completed, cancelled, terminated,
          with_due, on_time, duration_s, paused_s, histogram)
        SELECT district, process_id, version, month, sum(completed), sum(cancelled), sum(terminated),
            sum(with_due), sum(on_time), sum(duration_s), sum(paused_s),
            report_histogram(array_agg(bucket) FILTER (WHERE completed > 0),
                             array_agg(completed) FILTER (WHERE completed > 0))
        FROM (
          SELECT c.district, c.process_id, v.version, report_month(coalesce(c.ended_at, now())) AS month,
              report_duration_bucket(greatest(0, extract(epoch FROM coalesce(c.ended_at, now()) - c.started_at))) AS bucket,
              count(*) FILTER (WHERE c.status = 'completed') AS completed,
              count(*) FILTER (WHERE c.status = 'cancelled') AS cancelled,
              count(*) FILTER (WHERE c.status = 'terminated') AS terminated,
              count(*) FILTER (WHERE c.status = 'completed' AND c.due_at IS NOT NULL) AS with_due,
              count(*) FILTER (WHERE c.status = 'completed' AND c.due_at IS NOT NULL
                AND coalesce(c.ended_at, now()) <= c.due_at) AS on_time,
              coalesce(sum(greatest(0, extract(epoch FROM coalesce(c.ended_at, now()) - c.started_at)))
                FILTER (WHERE c.status = 'completed'), 0) AS duration_s,
              coalesce(sum(c.paused_s) FILTER (WHERE c.status = 'completed'), 0) AS paused_s
          FROM cases c JOIN process_versions v ON v.id = c.process_version_id
          WHERE c.status IN ('completed', 'cancelled', 'terminated')
          GROUP BY 1, 2, 3, 4, 5
        ) g
        GROUP BY district, process_id, version, month;
      INSERT INTO report_step_rollups (district, process_id, version, element_id, month, completed, with_due,
          on_time, duration_s, histogram)
        SELECT district, process_id, version, element_id, month, sum(n), sum(with_due), sum(on_time), sum(duration_s),
            report_histogram(array_agg(bucket), array_agg(n))
        FROM (
          SELECT c.district, c.process_id, v.version, t.element_id,
              report_month(coalesce(t.closed_at, now())) AS month,
              report_duration_bucket(greatest(0, extract(epoch FROM coalesce(t.closed_at, now()) - t.created_at))) AS bucket,
              count(*) AS n,
              count(*) FILTER (WHERE t.due_at IS NOT NULL) AS with_due,
              count(*) FILTER (WHERE t.due_at IS NOT NULL AND coalesce(t.closed_at, now()) <= t.due_at) AS on_time,
              sum(greatest(0, extract(epoch FROM coalesce(t.closed_at, now()) - t.created_at))) AS duration_s
          FROM tasks t JOIN cases c ON c.id = t.case_id JOIN process_versions v ON v.id = c.process_version_id
          WHERE t.status = 'completed'
          GROUP BY 1, 2, 3, 4, 5, 6
        ) g
        GROUP BY district, process_id, version, element_id, month;
      INSERT INTO report_step_rollups AS r (district, process_id, version, element_id, month, paused, paused_s, histogram)
        SELECT c.district, c.process_id, v.version, e.element_id, report_month(e.at), count(*),
            sum(greatest(0, extract(epoch FROM e.at - (e.data->>'pausedSince')::timestamptz))), ${empty}
        FROM case_events e JOIN cases c ON c.id = e.case_id JOIN process_versions v ON v.id = c.process_version_id
        WHERE e.type = 'clockResumed' AND e.element_id IS NOT NULL AND e.data ? 'pausedSince'
        GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (district, month, process_id, version, element_id) DO UPDATE SET
          paused = EXCLUDED.paused, paused_s = EXCLUDED.paused_s;
    END $$`.execute(db);
  await sql`SELECT report_rollups_rebuild()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER case_events_report_pause ON case_events`.execute(db);
  await sql`DROP TRIGGER cases_report_rollup ON cases`.execute(db);
  await sql`DROP TRIGGER tasks_report_rollup ON tasks`.execute(db);
  await sql`DROP FUNCTION report_rollups_rebuild()`.execute(db);
  await sql`DROP FUNCTION report_count_pause()`.execute(db);
  await sql`DROP FUNCTION report_count_case()`.execute(db);
  await sql`DROP FUNCTION report_count_task()`.execute(db);
  await sql`DROP INDEX cases_open_sla`.execute(db);
  await sql`DROP TABLE report_step_rollups`.execute(db);
  await sql`DROP TABLE report_case_rollups`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN paused_s`.execute(db);
  await sql`DROP FUNCTION report_histogram(int[], bigint[])`.execute(db);
  await sql`DROP FUNCTION report_month(timestamptz)`.execute(db);
  await sql`DROP FUNCTION report_duration_bucket(double precision)`.execute(db);
}

/**
 * Test and benchmark support, all in this folder; production code never imports it. This entry
 * (`@alur/runtime/testing`, for workflows/, e2e/ and bench/) holds what other packages use:
 * `alur serve` as a real child process, the time-skipping runtime, stand-in outside systems.
 * Inside the runtime, tests import the submodules directly:
 *   engine/case-driver, engine/plan-builder   the pure engine driven event by event
 *   api-app, api-harness                      the HTTP app in process; with real servers and a worker
 *   servers, global-setup, worker-process     the integration run's Temporal and PostgreSQL servers
 *   case-harness, case-rows                   a case on the real workflow; the rows it refers to
 *   simulate                                  `alur simulate` in process with captured output
 */

export * from "./message-gateway";
export * from "./outside-system";
export * from "./smtp-server";
export * from "./spawn-serve";
export * from "./time-skipping";

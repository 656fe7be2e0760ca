/** Workflow code bundled for the worker: only workflow functions are exported here. */
export { bpmnProcess } from "./bpmn-process";

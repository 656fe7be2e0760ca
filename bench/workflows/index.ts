/** Workflow code of the benchmark worker: the interpreter and its hand-written baseline. */
export { bpmnProcess } from "../../runtime/src/temporal/workflows";
export { handwrittenThreeTasks } from "./handwritten";

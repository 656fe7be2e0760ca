// Libraries that ship no type declarations; typed narrowly where we call them.
declare module "bpmn-js-properties-panel" {
  export const BpmnPropertiesPanelModule: import("didi").ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import("didi").ModuleDeclaration;
  export const ZeebePropertiesProviderModule: import("didi").ModuleDeclaration;
  export function useService<T = unknown>(name: string): T;
}
declare module "camunda-bpmn-js-behaviors/lib/camunda-cloud" {
  const behaviors: import("didi").ModuleDeclaration;
  export default behaviors;
}
declare module "zeebe-bpmn-moddle/resources/zeebe.json" {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module "@bpmn-io/properties-panel" {
  export const TextFieldEntry: (props: Record<string, unknown>) => unknown;
  export const TextAreaEntry: (props: Record<string, unknown>) => unknown;
  export const SelectEntry: (props: Record<string, unknown>) => unknown;
  export const CheckboxEntry: (props: Record<string, unknown>) => unknown;
  export const isTextFieldEntryEdited: (node: unknown) => boolean;
  export const isTextAreaEntryEdited: (node: unknown) => boolean;
  export const isSelectEntryEdited: (node: unknown) => boolean;
  export const isCheckboxEntryEdited: (node: unknown) => boolean;
}
declare module "@bpmn-io/properties-panel/preact" {
  export function h(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): unknown;
}

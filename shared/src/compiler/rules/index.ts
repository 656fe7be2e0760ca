/** Alur's own validation rules, in the order their problems are listed. */
import { completionTimeUnderSla } from "./completion-time-under-sla";
import { conditionVariableUndefined } from "./condition-variable-undefined";
import { feelSyntax } from "./feel-syntax";
import { gatewayWithoutCondition } from "./gateway-without-condition";
import { notifyWithoutRoles } from "./notify-without-roles";
import { pathWithoutEnd } from "./path-without-end";
import type { Rule } from "./rule";
import { serviceStandardIncomplete } from "./service-standard-incomplete";
import { timerExpression } from "./timer-expression";
import { unknownConnectorType } from "./unknown-connector-type";
import { unknownDocument } from "./unknown-document";
import { unreachableElement } from "./unreachable-element";
import { unsupportedElement } from "./unsupported-element";
import { unsupportedExtension } from "./unsupported-extension";
import { userTaskWithoutRole } from "./user-task-without-role";

export type { Rule, RuleContext, ValidateOptions } from "./rule";
export { ruleContext } from "./rule";

export const ALUR_RULES: readonly Rule[] = [
  unsupportedElement,
  gatewayWithoutCondition,
  userTaskWithoutRole,
  unreachableElement,
  pathWithoutEnd,
  feelSyntax,
  conditionVariableUndefined,
  timerExpression,
  unknownConnectorType,
  notifyWithoutRoles,
  serviceStandardIncomplete,
  unknownDocument,
  completionTimeUnderSla,
  unsupportedExtension,
];

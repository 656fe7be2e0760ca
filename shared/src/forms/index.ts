/**
 * Form-js forms: the schema check, and validation of submitted data with `conditional.hide`
 * evaluated in FEEL (the rules themselves are in `validate.ts`, which a public page imports alone).
 */
import { z } from "zod";
import { evaluateCondition } from "../feel";
import { isRecord } from "./components";
import { type FormDataOptions, type FormDataResult, notAllowed, validateFormData as validateWith } from "./validate";

export { checkFormSchema, type FormSchemaProblem } from "./schema-check";
export {
  editableSubmission,
  type FormDataOptions,
  type FormDataResult,
  type FormError,
  notAllowedKeys,
  notAllowedMessage,
} from "./validate";

const evaluate = (expression: string, scope: Record<string, unknown>) => {
  const result = evaluateCondition(expression, scope);
  return result.ok && result.value;
};

/**
 * A zod schema for data submitted with a form-js form: `parse` returns only the form's fields,
 * issues carry the English message and `params.id` the Bahasa Indonesia one. `context` holds the
 * case variables that `conditional.hide` expressions may read besides the form's own data.
 */
export function formDataValidator(formSchema: unknown, context: Record<string, unknown> = {}) {
  return z.record(z.string(), z.unknown()).transform((data, ctx) => {
    const result = validateFormData(formSchema, data, context);
    if (result.ok) return result.data;
    for (const error of result.errors) {
      ctx.addIssue({
        code: "custom",
        path: error.path.split("."),
        message: error.message.en,
        params: { id: error.message.id },
      });
    }
    return z.NEVER;
  });
}

/**
 * Validates submitted data against a form-js schema; returns the form's fields or every error: bad
 * values, and keys that are not editable fields of the form (code "not-allowed", in data order).
 */
export function validateFormData(
  formSchema: unknown,
  data: unknown,
  context: Record<string, unknown> = {},
  options: FormDataOptions = {},
): FormDataResult {
  return validateWith(formSchema, data, context, { evaluate, ...options });
}

/**
 * Validates a task completion's data: against the task's form, or, for a task without a form,
 * refusing every key (such a task records that it was done, and sets no variable).
 */
export function validateTaskData(
  formSchema: unknown,
  data: unknown,
  context: Record<string, unknown> = {},
  options: FormDataOptions = {},
): FormDataResult {
  if (formSchema !== undefined) return validateFormData(formSchema, data, context, options);
  if (!isRecord(data)) return validateFormData({ components: [] }, data);
  const errors = Object.keys(data).map((key) => notAllowed(key));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data: {} };
}

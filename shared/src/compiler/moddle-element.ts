/**
 * A loose view of moddle's objects. bpmn-moddle builds plain objects whose shape depends on the
 * descriptors loaded; these helpers read them without trusting that shape, so malformed models
 * never make the compiler throw.
 */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $attrs?: Record<string, string>;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

/** True when the value looks like a moddle element. */
export function isElement(value: unknown): value is ModdleElement {
  return typeof value === "object" && value !== null && typeof (value as { $type?: unknown }).$type === "string";
}

/** True when the element is of the type or one of its subtypes (moddle's `$instanceOf`). */
export function isA(element: ModdleElement | undefined, type: string): boolean {
  if (!element) return false;
  // What `$instanceOf` looks up, read directly: it is called for every element several times,
  // and moddle's route there (model getter, descriptor getter) costs twice as much.
  const allTypes = (element.$descriptor as { allTypesByName?: Record<string, unknown> } | undefined)?.allTypesByName;
  if (typeof allTypes === "object" && allTypes !== null) return type in allTypes;
  const instanceOf = (element as { $instanceOf?: (t: string) => boolean }).$instanceOf;
  return typeof instanceOf === "function" ? instanceOf.call(element, type) : element.$type === type;
}

/** A string property, trimmed; undefined when absent or empty. */
export function str(element: ModdleElement | undefined, key: string): string | undefined {
  const value = element?.[key];
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A numeric property; undefined when absent or not a finite number. */
export function num(element: ModdleElement | undefined, key: string): number | undefined {
  const value = element?.[key];
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A boolean property (moddle already coerces declared booleans; attributes may still be strings). */
export function bool(element: ModdleElement | undefined, key: string): boolean | undefined {
  const value = element?.[key];
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** A single child element. */
export function child(element: ModdleElement | undefined, key: string): ModdleElement | undefined {
  const value = element?.[key];
  return isElement(value) ? value : undefined;
}

/** A many-valued property, keeping only elements. */
export function children(element: ModdleElement | undefined, key: string): ModdleElement[] {
  const value = element?.[key];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

/** Extension elements of the given type (e.g. "zeebe:TaskDefinition", "alur:Task"). */
export function extensions(element: ModdleElement | undefined, type: string): ModdleElement[] {
  return children(child(element, "extensionElements"), "values").filter((e) => e.$type === type);
}

/** The first extension element of the given type (no allocation: called for every node). */
export function extension(element: ModdleElement | undefined, type: string): ModdleElement | undefined {
  const values = (element?.extensionElements as { values?: unknown } | undefined)?.values;
  if (!Array.isArray(values)) return undefined;
  for (const value of values) if (isElement(value) && value.$type === type) return value;
  return undefined;
}

/** The body text of an expression-like element (`<conditionExpression>=x</conditionExpression>`). */
export function body(element: ModdleElement | undefined): string | undefined {
  return str(element, "body");
}

/** A comma list attribute ("a, b,c") as trimmed, non-empty items. */
export function commaList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The local type name without prefix: "bpmn:UserTask" → "userTask". */
export function localType(element: ModdleElement): string {
  const local = element.$type.includes(":") ? element.$type.slice(element.$type.indexOf(":") + 1) : element.$type;
  return local.charAt(0).toLowerCase() + local.slice(1);
}

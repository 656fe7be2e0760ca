/**
 * Faster moddle elements with the same observable shape. moddle builds each element with
 * `Object.defineProperty` throughout: `$type` and `$attrs` as getters over closures made for each
 * instance ("to support ES6 proxies"), and every property as it is first set. The per-instance
 * getters mean no two elements share a V8 hidden class, so every property read on a parsed model
 * (moddle-xml's reader, bpmnlint, the compiler) goes megamorphic, and the closures and descriptor
 * objects are garbage by the thousand: together about half the time of reading and checking a model.
 *
 * The replacement keeps what callers can observe: `$type` an enumerable own getter, `$attrs` a
 * non-enumerable own getter returning the same object each time, `$parent` a non-enumerable
 * writable own property; prototype, statics, defaults; properties enumerable unless they are
 * references, writable and configurable. Only the getters are shared (per type for `$type`, by all
 * types for `$attrs`, whose object is made on first read and kept in a non-enumerable symbol-keyed
 * slot, invisible to keys, for-in and JSON as the closure was), and properties that are plain enumerable data are
 * assigned rather than defined, which gives the same property. compare-moddle tests hold parsed
 * corpus models of both to the same shape.
 */
import type { BpmnModdle } from "bpmn-moddle";

const ATTRS = Symbol("moddle.$attrs");

interface PropertyDesc {
  name: string;
  isMany?: boolean;
  isReference?: boolean;
}

interface Element {
  [key: string | symbol]: unknown;
  set(key: string, value: unknown): void;
}

interface ElementType {
  prototype: object;
}

interface ModdleInternals {
  factory: { createType(descriptor: { ns: { name: string } }): ElementType };
  properties: {
    set(target: Element, name: string, value: unknown): void;
    get(target: Element, name: string): unknown;
    getProperty(target: Element, name: string): PropertyDesc | null;
  };
}

const attrsAccessor: PropertyDescriptor = {
  get(this: Element) {
    // made on first read: most elements never have extension attributes
    this[ATTRS] ??= {};
    return this[ATTRS];
  },
};
// defined up front, so an element keeps one hidden class whether or not its $attrs was read
const attrsSlot: PropertyDescriptor = { writable: true, value: undefined };
const parentSlot: PropertyDescriptor = { writable: true, value: undefined };

/** Makes `moddle` build elements that share hidden classes (see above); returns it. */
export function shareElementShapes<T extends BpmnModdle>(moddle: T): T {
  const { factory, properties } = moddle as unknown as ModdleInternals;

  const createType = factory.createType.bind(factory);
  factory.createType = (descriptor) => {
    // moddle's own type supplies the prototype (defaults, $model, $descriptor) and the statics
    const original = createType(descriptor);
    const name = descriptor.ns.name;
    const typeAccessor: PropertyDescriptor = { get: () => name, enumerable: true };
    function ModdleElement(this: Element, attrs?: Record<string, unknown>) {
      Object.defineProperty(this, "$type", typeAccessor);
      Object.defineProperty(this, ATTRS, attrsSlot);
      Object.defineProperty(this, "$attrs", attrsAccessor);
      Object.defineProperty(this, "$parent", parentSlot);
      if (attrs) for (const key of Object.keys(attrs)) this.set(key, attrs[key]);
    }
    ModdleElement.prototype = original.prototype;
    for (const key of Object.getOwnPropertyNames(original)) {
      if (key === "prototype" || key === "length" || key === "name") continue;
      Object.defineProperty(ModdleElement, key, Object.getOwnPropertyDescriptor(original, key) as PropertyDescriptor);
    }
    return ModdleElement as unknown as ElementType;
  };

  // moddle defines a property the first time it is set (or, for a collection, read) with
  // { enumerable: !isReference, writable: true, configurable: true }: for anything but a
  // reference that is exactly what assignment creates.
  const set = properties.set.bind(properties);
  properties.set = (target, name, value) => {
    const property = value !== undefined && typeof name === "string" && properties.getProperty(target, name);
    if (property && !property.isReference) target[property.name] = value;
    else set(target, name, value);
  };
  const get = properties.get.bind(properties);
  properties.get = (target, name) => {
    const property = properties.getProperty(target, name);
    if (!property || (property.isMany && !target[property.name] && property.isReference)) return get(target, name);
    if (property.isMany && !target[property.name]) target[property.name] = [];
    return target[property.name];
  };
  return moddle;
}

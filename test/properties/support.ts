/**
 * Generators the property tests share: partial records, and a manifest's
 * containers as a callback or a v0.7 manifest may give them.
 */
import fc from "fast-check";

/** Records of `model` in which every key may be absent. */
export function partialRecord<T extends Record<string, fc.Arbitrary<unknown>>>(model: T) {
  return fc.record(model, { requiredKeys: [] });
}

/** A `containers` list: absent, empty, or one container of `container`. */
export function noneOrOneContainer<T>(container: fc.Arbitrary<T>) {
  return fc.oneof(fc.constant(undefined), fc.constant([]), fc.tuple(container));
}

/** SQL written from the domain's constants, so a state list is stated once (in domain/). */

/** `('a', 'b')` for `IN`: for the code's own constants only, never for input (no escaping). */
export function inList(values: readonly string[]): string {
  return `(${values.map((value) => `'${value}'`).join(', ')})`;
}

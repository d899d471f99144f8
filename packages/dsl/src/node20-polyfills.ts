// chevrotain 13 (pulled in by langium 4.4) calls Object.groupBy, which Node 20 lacks.
// Loaded before any Langium service is created.
type GroupBy = <T>(
  items: Iterable<T>,
  keyOf: (item: T, index: number) => PropertyKey,
) => Record<PropertyKey, T[]>;

const objectWithGroupBy = Object as unknown as { groupBy?: GroupBy };
if (typeof objectWithGroupBy.groupBy !== 'function') {
  const groupBy = <T>(items: Iterable<T>, keyOf: (item: T, index: number) => PropertyKey) => {
    const groups: Record<PropertyKey, T[]> = Object.create(null);
    let index = 0;
    for (const item of items) {
      const key = keyOf(item, index++);
      const group = groups[key];
      if (group) group.push(item);
      else groups[key] = [item];
    }
    return groups;
  };
  Object.defineProperty(Object, 'groupBy', { configurable: true, writable: true, value: groupBy });
}

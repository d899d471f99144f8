/** One difference between two models, by JSON path. */
export interface ModelChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * Compares two ContractModels field by field, ignoring source locations and the content hash
 * (they move whenever text moves): what a commissioner and provider need to see between versions.
 */
export function diffModels(before: unknown, after: unknown, path = ''): ModelChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => k !== 'location' && k !== 'contentHash')
      .sort();
    return keys.flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      if (!(key in before)) return [{ path: at, change: 'added' as const, after: after[key] }];
      if (!(key in after)) return [{ path: at, change: 'removed' as const, before: before[key] }];
      return diffModels(before[key], after[key], at);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: ModelChange[] = [];
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      const at = `${path}[${nameOf(after[index]) ?? nameOf(before[index]) ?? index}]`;
      if (index >= before.length) changes.push({ path: at, change: 'added', after: after[index] });
      else if (index >= after.length) changes.push({ path: at, change: 'removed', before: before[index] });
      else changes.push(...diffModels(before[index], after[index], at));
    }
    return changes;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, change: 'changed', before, after }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(value: unknown): string | undefined {
  return isPlainObject(value) && typeof value.name === 'string' ? value.name : undefined;
}

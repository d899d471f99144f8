import type { Dataset, DatasetField } from '../model/measure.js';

/**
 * The one rule that a person appears once in a snapshot: a snapshot is the register as it stands,
 * so a second row for the same pseudonymous key would count them twice (twice the member-days,
 * twice in a denominator). The key is the first pseudonym field of a dataset whose rows are
 * snapshots; events may repeat a person freely.
 */
export function snapshotKeyField(dataset: Dataset): DatasetField | undefined {
  if (dataset.overTime.meaning !== 'snapshots') return undefined;
  return dataset.fields.find((field) => field.type === 'pseudonym');
}

/** The people seen in one snapshot, each with the row they were first seen in. */
export class SnapshotPeople {
  private readonly firstRow = new Map<string, number>();

  /** Undefined the first time a person is seen; afterwards what is wrong, naming the first row. */
  repeat(person: string, row: number): string | undefined {
    const first = this.firstRow.get(person);
    if (first === undefined) {
      this.firstRow.set(person, row);
      return undefined;
    }
    return `${JSON.stringify(person)} is already in this snapshot, at row ${first}: a person appears once in a snapshot, and a second row would count them twice`;
  }
}

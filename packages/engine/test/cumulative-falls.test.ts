import { describe, expect, test } from 'vitest';
import { type AggregateObservation, cumulativeFalls } from '../src/index.js';

const figure = (
  period: string,
  numerator: string,
  denominator: string,
  provider = 'RH8',
): AggregateObservation => ({
  measure: 'StaffTrained',
  provider,
  period,
  numerator,
  denominator,
});

describe('a cumulative return that falls', () => {
  test('is named against the month before, figure by figure', () => {
    const falls = cumulativeFalls(
      [figure('2026-05', '40', '60'), figure('2026-06', '38', '60')],
      'RH8',
      '2026-06',
    );
    expect(falls).toEqual([
      "StaffTrained: the year-to-date numerator falls from 40 in 2026-05 to 38 in 2026-06. A cumulative return only rises within a year; check both months' returns (this one is stored, and the latest month's figures stand for the year so far).",
    ]);
  });

  test('is named against a later month already sent, when an earlier month is corrected upwards', () => {
    const falls = cumulativeFalls(
      [figure('2026-05', '45', '60'), figure('2026-06', '44', '60')],
      'RH8',
      '2026-05',
    );
    expect(falls).toHaveLength(1);
    expect(falls[0]).toContain('falls from 45 in 2026-05 to 44 in 2026-06');
  });

  test('says nothing when the figures rise or hold, across a new year, or for another provider', () => {
    expect(
      cumulativeFalls([figure('2026-05', '40', '60'), figure('2026-06', '40', '61')], 'RH8', '2026-06'),
    ).toEqual([]);
    expect(
      cumulativeFalls([figure('2027-03', '90', '90'), figure('2027-04', '5', '9')], 'RH8', '2027-04'),
    ).toEqual([]);
    expect(
      cumulativeFalls([figure('2026-05', '40', '60', 'RA9'), figure('2026-06', '1', '60')], 'RH8', '2026-06'),
    ).toEqual([]);
  });

  test('compares reported values exactly', () => {
    const value = (period: string, v: string): AggregateObservation => ({
      measure: 'Hours',
      provider: 'RH8',
      period,
      value: v,
    });
    expect(
      cumulativeFalls([value('2026-05', '120.5'), value('2026-06', '120.49')], 'RH8', '2026-06'),
    ).toHaveLength(1);
    expect(
      cumulativeFalls([value('2026-05', '120.5'), value('2026-06', '120.50')], 'RH8', '2026-06'),
    ).toEqual([]);
  });
});

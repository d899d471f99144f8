import { describe, expect, test } from 'vitest';
import { monthsOfWeeks, sumOfWeeks, weekProblem } from '../src/index.js';

describe('a level given week by week', () => {
  test('is the sum of its weeks, figure by figure', () => {
    const weeks = [168, 168, 160, 168].map((hours) => ({ numerator: String(hours), denominator: '168' }));
    expect(sumOfWeeks(weeks)).toEqual({ numerator: '664', denominator: '672' });
  });

  test('adds reported values exactly, to the most decimal places given', () => {
    expect(sumOfWeeks([{ value: '37.5' }, { value: '40' }, { value: '0.25' }])).toEqual({ value: '77.75' });
  });

  test('leaves out the figures no week gives', () => {
    expect(sumOfWeeks([{ pence: '100' }, { pence: '250' }])).toEqual({ pence: '350' });
  });
});

describe("a week's period", () => {
  test('is the date its week begins, in the feed month', () => {
    expect(weekProblem('2026-05-04', '2026-05', 'Rota')).toBeUndefined();
    expect(weekProblem('2026-05', '2026-05', 'Rota')).toContain('is not a week');
    expect(weekProblem('2026-04-27', '2026-05', 'Rota')).toContain('not in this feed');
    expect(weekProblem('2026-05-32', '2026-05', 'Rota')).toContain('is not a week');
  });

  test("each measure's weeks make one figure for the month", () => {
    const weeks = [
      { measure: 'A', numerator: '160', denominator: '168' },
      { measure: 'B', value: '2' },
      { measure: 'A', numerator: '168', denominator: '168' },
    ];
    expect(monthsOfWeeks(weeks, '2026-05')).toEqual([
      { measure: 'A', period: '2026-05', numerator: '328', denominator: '336' },
      { measure: 'B', period: '2026-05', value: '2' },
    ]);
  });
});

import { describe, expect, test } from 'vitest';
import { sumOfWeeks } from '../src/index.js';

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

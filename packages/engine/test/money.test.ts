import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatPence, LiteralError, normaliseNumber, parseMoney, parsePercent } from '../src/index.js';

describe('parseMoney', () => {
  test.each([
    ['£0', 0n],
    ['£84,000,000', 8_400_000_000n],
    ['£1,250.50', 125_050n],
    ['£15,625.00', 1_562_500n],
    ['£1.5m', 150_000_000n],
    ['£1.25m', 125_000_000n],
    ['£250k', 25_000_000n],
    ['£0.01', 1n],
  ])('reads %s as %s pence', (text, pence) => {
    expect(parseMoney(text)).toBe(pence);
  });

  test.each(['£1,00', '£12,34,567', '£1.001', '1,000', '£', '£1.000000001m'])(
    'refuses %s with a message saying what to write',
    (text) => {
      expect(() => parseMoney(text)).toThrow(LiteralError);
    },
  );

  test('never loses a penny between text and pence', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (pence) => {
        expect(parseMoney(formatPence(pence))).toBe(pence);
      }),
    );
  });
});

describe('formatPence', () => {
  test('groups pounds in thousands and always shows pence', () => {
    expect(formatPence(1_562_500n)).toBe('£15,625.00');
    expect(formatPence(5n)).toBe('£0.05');
    expect(formatPence(-50_000_000n)).toBe('-£500,000.00');
  });
});

describe('numbers and percentages', () => {
  test('keeps decimals exact as text', () => {
    expect(parsePercent('1.25%')).toBe('1.25');
    expect(parsePercent('62.5%')).toBe('62.5');
    expect(normaliseNumber('1,000')).toBe('1000');
    expect(normaliseNumber('0.125')).toBe('0.125');
  });

  test('refuses misplaced separators', () => {
    expect(() => normaliseNumber('1,00')).toThrow(LiteralError);
    expect(() => parsePercent('45')).toThrow(LiteralError);
  });
});

describe('signed numbers', () => {
  test('keeps a minus sign, for changes from baseline', () => {
    expect(normaliseNumber('-5')).toBe('-5');
    expect(normaliseNumber('-0.5')).toBe('-0.5');
    expect(normaliseNumber('-0')).toBe('0');
  });
});

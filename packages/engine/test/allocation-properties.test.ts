import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compare, ONE, ZERO } from '../src/core/rational.js';
import { allocatePence, rational, roundPence } from '../src/index.js';
import { attainmentOf } from '../src/payments/attainment.js';

const weights = fc
  .array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 1, maxLength: 12 })
  .filter((w) => w.some((x) => x > 0n));

describe('money laws', () => {
  test('no penny is created or lost in any split', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), weights, (total, ws) => {
        const parts = allocatePence(
          total,
          ws.map((w) => rational(w)),
        );
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
      }),
    );
  });

  test('a split never gives a zero weight anything, and parts differ from their exact share by under a penny', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), weights, (total, ws) => {
        const parts = allocatePence(
          total,
          ws.map((w) => rational(w)),
        );
        const sum = ws.reduce((a, b) => a + b, 0n);
        ws.forEach((w, i) => {
          const exact = total * w;
          const part = (parts[i] ?? 0n) * sum;
          expect(part - exact < sum && exact - part < sum).toBe(true);
          if (w === 0n) expect(parts[i]).toBe(0n);
        });
      }),
    );
  });

  test('rounding half-up moves an amount by at most half a penny', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
        fc.bigInt({ min: 1n, max: 1000n }),
        (n, d) => {
          const rounded = roundPence(rational(n, d), { mode: 'half-up', unit: 'penny' });
          const diff = rounded * d - n;
          expect(2n * (diff < 0n ? -diff : diff) <= d).toBe(true);
        },
      ),
    );
  });
});

describe('attainment laws', () => {
  const rule = {
    kind: 'linear' as const,
    from: { kind: 'percent' as const, percent: '40' },
    to: { kind: 'percent' as const, percent: '80' },
  };
  const score = fc.bigInt({ min: 0n, max: 1000n }).map((n) => rational(n, 1000n));

  test('attainment never falls as achievement rises, and stays within 0 and 1', () => {
    fc.assert(
      fc.property(score, score, (a, b) => {
        const [low, high] = compare(a, b) <= 0 ? [a, b] : [b, a];
        const lowAttainment = attainmentOf(rule, low, 'higher').attainment;
        const highAttainment = attainmentOf(rule, high, 'higher').attainment;
        expect(compare(lowAttainment, highAttainment) <= 0).toBe(true);
        expect(compare(highAttainment, ONE) <= 0 && compare(lowAttainment, ZERO) >= 0).toBe(true);
      }),
    );
  });
});

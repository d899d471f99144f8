import { describe, expect, test } from 'vitest';
import { DomainError, evaluate } from '../src/index.js';
import { model } from './model-builder.js';

const END = '2027-04-01';
async function refusal(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('bad input is refused with a DomainError, never a wrong number', () => {
  test('a model that fails the schema', async () => {
    const broken = { ...model(), schemaVersion: 1 };
    expect(await refusal(() => evaluate(broken, {}, { asOf: END }))).toMatchObject({ code: 'invalid-model' });
  });

  test('observations for an unknown measure', async () => {
    const error = await refusal(() =>
      evaluate(
        model(),
        {
          aggregates: [
            { measure: 'Nope', provider: 'RAA', period: '2026-05', numerator: '1', denominator: '2' },
          ],
        },
        { asOf: END },
      ),
    );
    expect(error).toMatchObject({ code: 'unknown-measure' });
    expect(error.message).toContain('Nope');
  });

  test('a period outside the contract', async () => {
    const error = await refusal(() =>
      evaluate(
        model(),
        {
          aggregates: [
            { measure: 'M', provider: 'RAA', period: '2028-05', numerator: '1', denominator: '2' },
          ],
        },
        { asOf: END },
      ),
    );
    expect(error).toMatchObject({ code: 'period-outside-contract' });
  });

  test('a provider that is not a party', async () => {
    const error = await refusal(() =>
      evaluate(
        model(),
        {
          aggregates: [
            { measure: 'M', provider: 'ZZZ', period: '2026-05', numerator: '1', denominator: '2' },
          ],
        },
        { asOf: END },
      ),
    );
    expect(error).toMatchObject({ code: 'unknown-provider' });
  });

  test('negative counts', async () => {
    const error = await refusal(() =>
      evaluate(
        model(),
        {
          aggregates: [
            { measure: 'M', provider: 'RAA', period: '2026-05', numerator: '-1', denominator: '2' },
          ],
        },
        { asOf: END },
      ),
    );
    expect(error).toMatchObject({ code: 'negative-count' });
  });

  test('a numerator above its denominator', async () => {
    const error = await refusal(() =>
      evaluate(
        model(),
        {
          aggregates: [
            { measure: 'M', provider: 'RAA', period: '2026-05', numerator: '3', denominator: '2' },
          ],
        },
        { asOf: END },
      ),
    );
    expect(error).toMatchObject({ code: 'numerator-above-denominator' });
    expect(error.message).toContain('numerator 3 is above denominator 2');
  });

  test('a malformed observation, named by its position', async () => {
    const error = await refusal(() =>
      evaluate(
        model(),
        {
          aggregates: [
            { measure: 'M', provider: 'RAA', period: 'May 2026', numerator: '1', denominator: '2' },
          ],
        },
        { asOf: END },
      ),
    );
    expect(error).toMatchObject({ code: 'invalid-observations' });
    expect(error.message).toContain('Observation 1: period');
  });

  test('an as-of that is not a date', async () => {
    expect(await refusal(() => evaluate(model(), {}, { asOf: 'tomorrow' }))).toMatchObject({
      code: 'invalid-observations',
    });
  });

  test('a flow-down without its prime contract', async () => {
    const sub = model({
      contract: {
        arrangements: ['sub-contract'],
        parent: 'test.Prime',
        flowDown: [{ indicator: 'I', sharePercent: '40' }],
      },
    });
    expect(await refusal(() => evaluate(sub, {}, { asOf: END }))).toMatchObject({ code: 'missing-parent' });
  });
});

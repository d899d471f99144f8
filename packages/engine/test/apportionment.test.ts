import { describe, expect, test } from 'vitest';
import { apportion, commissionerShares, evaluatePosition, positionFor, statementFor } from '../src/index.js';
import { model } from './model-builder.js';

const here = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };
const source = { version: 1, submissions: [] };

/** A block of £1,000,000.01 in one instalment, funded by two or three commissioners. */
function funded(
  commissioners: { ods: string; sharePercent?: string; population?: string }[],
  apportionment: 'fixed' | 'population',
) {
  return model({
    contract: {
      arrangements: ['block', 'multi-commissioner'],
      valuePence: '100000001',
      instalments: 'annually',
      apportionment,
      parties: [
        ...commissioners.map((c) => ({
          role: 'commissioner' as const,
          organisation: c.ods,
          location: here,
          ...c,
        })),
        { role: 'provider', organisation: 'test.Trust', ods: 'RAA', location: here },
      ],
    },
  });
}

describe('commissioner apportionment', () => {
  test('fixed shares of 40% and 60% split a line exactly, the spare penny to the larger remainder', () => {
    const shares = commissionerShares(
      funded(
        [
          { ods: 'QAA', sharePercent: '40' },
          { ods: 'QBB', sharePercent: '60' },
        ],
        'fixed',
      ),
    );
    // 26,666,667p: 40% = 10,666,666.8p, 60% = 16,000,000.2p -> 10,666,667p and 16,000,000p.
    expect(apportion(26_666_667n, shares ?? [])).toEqual({ QAA: '10666667', QBB: '16000000' });
  });

  test('populations of 200,000, 100,000 and 100,000 share £1,000,000.01 as halves and quarters, to the penny', () => {
    const shares = commissionerShares(
      funded(
        [
          { ods: 'QAA', population: '200000' },
          { ods: 'QBB', population: '100000' },
          { ods: 'QCC', population: '100000' },
        ],
        'population',
      ),
    );
    // 100,000,001p: halves 50,000,000.5p, quarters 25,000,000.25p -> the penny to the half.
    expect(apportion(100_000_001n, shares ?? [])).toEqual({
      QAA: '50000001',
      QBB: '25000000',
      QCC: '25000000',
    });
  });

  test('a contract with one commissioner is not apportioned', () => {
    expect(commissionerShares(model())).toBeUndefined();
  });

  test("the statement and the position show each commissioner's share of every line and total", async () => {
    const contract = funded(
      [
        { ods: 'QAA', sharePercent: '70' },
        { ods: 'QBB', sharePercent: '30' },
      ],
      'fixed',
    );
    const position = await evaluatePosition(contract, {}, { asOf: '2027-04-30' });
    const statement = statementFor(position, source);
    const block = statement.lines.find((l) => l.kind === 'block');
    // £1,000,000.01: 70% = 70,000,000.7p, 30% = 30,000,000.3p -> 70,000,001p and 30,000,000p.
    expect(block?.commissioners).toEqual({ QAA: '70000001', QBB: '30000000' });
    expect(statement.totalsByCommissioner).toEqual({ QAA: '70000001', QBB: '30000000' });
    expect(positionFor(position, source).lines[0]?.commissioners).toEqual({
      QAA: '70000001',
      QBB: '30000000',
    });
  });
});

import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import type { PlacedDiagnostic } from '../src/index.js';
import { createParityServices } from '../src/index.js';
import { ParityLexer } from '../src/language/parity-lexer.js';
import { CQUIN, check, LIBRARY, positionOf } from './helpers.js';

const withContract = (text: string) => check({ '/lib.parity': LIBRARY, '/cquin.parity': text });

describe('syntax errors', () => {
  test('reports a missing closing brace at the end of the file', async () => {
    const broken = CQUIN.replace(/}\n\ntest/, '\ntest');
    const diagnostics = await withContract(broken);
    expect(diagnostics.some((d) => d.code === 'parsing-error' && d.file === '/cquin.parity')).toBe(true);
  });

  test('reports a misspelt keyword where it is written', async () => {
    const broken = CQUIN.replace('assessed quarterly', 'asessed quarterly');
    const diagnostics = await withContract(broken);
    const error = diagnostics.find((d) => d.code === 'parsing-error');
    expect(error).toMatchObject(positionOf(broken, 'asessed'));
  });

  test('reports a percentage where money is expected', async () => {
    const broken = CQUIN.replace('value £1,000,000', 'value 1,000,000%');
    const diagnostics = await withContract(broken);
    expect(diagnostics.find((d) => d.code === 'parsing-error')).toMatchObject(
      positionOf(broken, '1,000,000%'),
    );
  });
});

describe('references', () => {
  test('reports a dangling measure reference at the reference', async () => {
    const broken = CQUIN.replace('measure Offered', 'measure Ofered');
    const diagnostics = await withContract(broken);
    const error = diagnostics.find((d) => d.code === 'linking-error');
    expect(error).toMatchObject({ ...positionOf(broken, 'Ofered'), severity: 'error' });
    expect(error?.message).toContain('Ofered');
  });

  test('reports a field the measure dataset does not have', async () => {
    const broken = LIBRARY.replace('denominator smoker = true', 'denominator smoking = true');
    const diagnostics = await check({ '/lib.parity': broken, '/cquin.parity': CQUIN });
    expect(diagnostics.find((d) => d.code === 'linking-error')).toMatchObject(positionOf(broken, 'smoking'));
  });

  test('resolves a declaration by its package alias and by its full name', async () => {
    const aliased = CQUIN.replace('measure Offered', 'measure lib.Offered').replace(
      'measure Reported',
      'measure lib.Reported',
    );
    expect(await withContract(aliased)).toEqual([]);
    const renamed = CQUIN.replace('import "lib"', 'import "lib" as library').replace(
      'measure Offered',
      'measure library.Offered',
    );
    expect(await withContract(renamed)).toEqual([]);
  });

  test('does not see declarations of a package that is not imported', async () => {
    const diagnostics = await withContract(CQUIN.replace('import "lib"\n', ''));
    expect(diagnostics.filter((d) => d.code === 'linking-error').length).toBeGreaterThan(3);
  });

  test('lets a test see the indicators of the contract it tests, and no other contract', async () => {
    const second = `package second\n\ntest "wrong contract" for demo.Main {\n  expect A earns £0 in 2026/27 Q1\n}\n`;
    const diagnostics = await check({
      '/lib.parity': LIBRARY,
      '/cquin.parity': CQUIN,
      '/second.parity': second,
    });
    expect(diagnostics.filter((d) => d.file === '/second.parity')).toEqual([]);
  });
});

describe('malformed input', () => {
  const library = LIBRARY + CQUIN.replace(/^package demo\nimport "lib"\n/, '');

  test('never crashes, nor has a check throw, on any truncation of a real contract', async () => {
    for (let end = 0; end < library.length; end += 13) {
      const diagnostics = await check({ '/cut.parity': library.slice(0, end) });
      const crashes = diagnostics.filter((d) => d.message.includes('An error occurred'));
      expect(crashes, `cut at ${end}`).toEqual([]);
    }
  });

  test('reports rather than crashes on random bytes and deep nesting', async () => {
    const noise = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 95))).join(
      '',
    );
    expect((await check({ '/noise.parity': noise })).length).toBeGreaterThan(0);
    const nested = library.replace(
      'denominator smoker = true',
      `denominator ${'('.repeat(300)}smoker = true${')'.repeat(300)}`,
    );
    const diagnostics = await check({ '/nested.parity': nested });
    expect(diagnostics.some((d) => d.message.includes('nested more than 32 levels'))).toBe(true);
    const notChain = library.replace('denominator smoker = true', `denominator ${'not '.repeat(500)}smoker`);
    expect(
      (await check({ '/nots.parity': notChain })).some((d) =>
        d.message.includes('nested more than 32 levels'),
      ),
    ).toBe(true);
  });
});

describe('brackets that nest nothing', () => {
  const library = LIBRARY + CQUIN.replace(/^package demo\nimport "lib"\n/, '');
  const nesting = (diagnostics: PlacedDiagnostic[]) =>
    diagnostics.filter((d) => d.message.includes('nested more than'));

  test.each([
    ['a block comment', `/* ${'('.repeat(40)} */\n`],
    ['a block comment over lines', `/*\n${'('.repeat(40)}\n${'('.repeat(40)}\n*/\n`],
    ['a line comment', `// ${'('.repeat(40)}\n`],
  ])('brackets in %s are not counted', async (_, comment) => {
    expect(nesting(await check({ '/commented.parity': comment + library }))).toEqual([]);
  });

  test('brackets in a string are not counted', async () => {
    const text = library.replace('"Smokers offered support"', `"Smokers offered support ${'('.repeat(40)}"`);
    expect(text).not.toBe(library);
    expect(nesting(await check({ '/quoted.parity': text }))).toEqual([]);
  });

  test('the guard is the language lexer: it counts tokens, so the parser never sees a refused text', () => {
    const { Parity } = createParityServices(EmptyFileSystem);
    expect(Parity.parser.Lexer).toBeInstanceOf(ParityLexer);
    const deep = Parity.parser.Lexer.tokenize(`x = ${'('.repeat(33)}1`);
    expect(deep.tokens).toEqual([]);
    expect(deep.errors.map((e) => [e.line, e.column])).toEqual([[1, 37]]);
    expect(Parity.parser.Lexer.tokenize(`x = ${'('.repeat(32)}1`).errors).toEqual([]);
  });

  test('after a block comment, real nesting is still refused at the bracket past the limit', async () => {
    const text = `/*\n(((\n*/\n${library.replace('denominator smoker = true', `denominator ${'('.repeat(40)}smoker = true${')'.repeat(40)}`)}`;
    const found = nesting(await check({ '/nested.parity': text }));
    expect(found).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.includes('denominator ((('));
    const column = text.split('\n')[line]?.indexOf('(') ?? 0;
    // The 33rd bracket of the line is the first past the limit of 32 (lines and columns from 1).
    expect(found.map((d) => [d.line, d.column])).toEqual([[line + 1, column + 33]]);
  });
});

describe('long chains of operators', () => {
  const library = LIBRARY + CQUIN.replace(/^package demo\nimport "lib"\n/, '');
  const chained = (operators: string) =>
    library.replace('denominator smoker = true', `denominator ${operators}`);

  test('reads a condition of a hundred terms', async () => {
    const diagnostics = await check({
      '/long.parity': chained(`smoker = true${' or smoker = true'.repeat(100)}`),
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('reports rather than crashes on thousands of operators in a row', async () => {
    for (const operators of [
      `smoker = true${' or smoker = true'.repeat(3_000)}`,
      `bmi > 1${' + bmi'.repeat(20_000)}`,
      `bmi > ${'- '.repeat(10_000)}1`,
    ]) {
      const diagnostics = await check({ '/chain.parity': chained(operators) });
      expect(diagnostics.filter((d) => d.message.includes('An error occurred'))).toEqual([]);
      expect(diagnostics.some((d) => d.message.includes('chains more operators than can be read'))).toBe(
        true,
      );
    }
  });

  test('reports a chain of fifteen thousand terms at the line where it starts, without exhausting the stack', async () => {
    const text = chained(`smoker = true${' or smoker = true'.repeat(15_000)}`);
    const diagnostics = await check({ '/chain.parity': text });
    const line = text.split('\n').findIndex((l) => l.includes('denominator smoker')) + 1;
    expect(diagnostics.filter((d) => d.message.includes('chains more operators than can be read'))).toEqual([
      expect.objectContaining({ severity: 'error', line }),
    ]);
  });
});

describe('references in half-written declarations', () => {
  test('resolves what a test gives before the test names its contract', async () => {
    const diagnostics = await check({
      '/lib.parity': LIBRARY,
      '/test.parity': `package demo
import "lib"

test "Q1" for {
  given Register in 2026/27 Q1 = rows {
    (person = "P01")
  }
}
`,
    });
    expect(diagnostics.filter((d) => d.message.includes('An error occurred'))).toEqual([]);
    expect(diagnostics.some((d) => d.code === 'parsing-error')).toBe(true);
  });
});

describe('names and numbers commissioners write', () => {
  test('accepts six-character GP practice ODS codes', async () => {
    const library = LIBRARY.replace('ods "RAB"', 'ods "B86001"');
    expect(await check({ '/lib.parity': library, '/cquin.parity': CQUIN })).toEqual([]);
  });

  test('accepts keywords as field and package names', async () => {
    const library = LIBRARY.replace('package lib', 'package lib.outcomes').replace(
      '  smoker: boolean?',
      '  smoker: boolean?\n  organisation: code?\n  line: text?',
    );
    const contract = CQUIN.replace('import "lib"', 'import "lib/outcomes"');
    const diagnostics = await check({ '/lib.parity': library, '/cquin.parity': contract });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('accepts a negative threshold on a change from baseline', async () => {
    const library = `${LIBRARY}
measure HbA1cChange "Change in HbA1c six months after referral" {
  domain physical-health
  from Register
  population smoker = true
  scored as change in bmi from bmi
  minimum denominator 20
  lower is better
  period year to date
}
`;
    const contract = CQUIN.replace(
      'weight 60% {\n      measure Offered\n      linear from 40% to 60%',
      'weight 60% {\n      measure HbA1cChange\n      linear from 0 to -5',
    );
    const diagnostics = await check({ '/lib.parity': library, '/cquin.parity': contract });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('a contract whose name is missing', () => {
  test('is reported at the syntax error, and other messages call it "This contract", never "undefined"', async () => {
    const text = CQUIN.replace('contract Main "Main contract" {', 'contract "Main contract" {').replace(
      '  year 2026/27\n',
      '',
    );
    const diagnostics = await withContract(text);
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(diagnostics.map((d) => d.message).join('\n')).not.toContain('undefined');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DecodedSemanticTokensWithRanges, expectSemanticToken, highlightHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { createServicesWithLibrary, demoContract, LIBRARY_DIR, type TestServices } from './services.js';

/** A token to look for: the text at `offset` within the first occurrence of `snippet`. */
interface Probe {
  snippet: string;
  token: string;
  type: SemanticTokenTypes;
  modifiers?: string[];
}

let services: TestServices;

beforeAll(async () => {
  services = await createServicesWithLibrary();
});

/** Marks each probe's token as a range, highlights the text, and checks each token's type and modifiers. */
async function expectTokens(text: string, probes: Probe[]): Promise<void> {
  const placed = probes
    .map((probe) => {
      const at = text.indexOf(probe.snippet);
      if (at < 0) throw new Error(`not found: ${probe.snippet}`);
      return { ...probe, start: at + probe.snippet.indexOf(probe.token) };
    })
    .sort((a, b) => a.start - b.start);
  let marked = text;
  for (const probe of [...placed].reverse()) {
    const end = probe.start + probe.token.length;
    marked = `${marked.slice(0, probe.start)}<|${marked.slice(probe.start, end)}|>${marked.slice(end)}`;
  }
  const highlighted = await highlightHelper(services.Parity)(marked);
  placed.forEach((probe, rangeIndex) => {
    try {
      expectSemanticToken(highlighted, { rangeIndex, tokenType: probe.type });
    } catch (error) {
      throw new Error(`${probe.token} in "${probe.snippet}": ${(error as Error).message}`);
    }
    expect(modifiersAt(highlighted, rangeIndex), probe.snippet).toEqual(probe.modifiers ?? []);
  });
}

function modifiersAt(highlighted: DecodedSemanticTokensWithRanges, rangeIndex: number): string[] {
  const [start] = highlighted.ranges[rangeIndex] ?? [];
  const token = highlighted.tokens.find((t) => t.offset === start);
  const legend = Object.entries(services.Parity.lsp.SemanticTokenProvider?.tokenModifiers ?? {});
  return legend.filter(([, bit]) => ((token?.tokenModifiers ?? 0) & bit) !== 0).map(([name]) => name);
}

describe('semantic tokens', () => {
  test('a CQUIN contract: parties, measures, paying clauses, money and percentages, test names', async () => {
    await expectTokens(demoContract('bradford-smi-cquin.parity'), [
      {
        snippet: 'package demo.bradford',
        token: 'bradford',
        type: SemanticTokenTypes.namespace,
        modifiers: ['declaration'],
      },
      { snippet: 'as tobacco', token: 'tobacco', type: SemanticTokenTypes.namespace },
      { snippet: 'contract SmiPhysicalHealthCquin', token: 'contract', type: SemanticTokenTypes.keyword },
      {
        snippet: 'contract SmiPhysicalHealthCquin',
        token: 'SmiPhysicalHealthCquin',
        type: SemanticTokenTypes.type,
        modifiers: ['declaration'],
      },
      {
        snippet: '"Physical health of people with SMI"',
        token: '"Physical health of people with SMI"',
        type: SemanticTokenTypes.string,
        modifiers: ['documentation'],
      },
      { snippet: 'arrangement cquin', token: 'cquin', type: SemanticTokenTypes.enumMember },
      { snippet: 'year 2026/27', token: '2026/27', type: SemanticTokenTypes.number, modifiers: ['period'] },
      {
        snippet: 'provider BradfordDistrictCare',
        token: 'BradfordDistrictCare',
        type: SemanticTokenTypes.class,
        modifiers: ['defaultLibrary'],
      },
      {
        snippet: 'value £84,000,000',
        token: '£84,000,000',
        type: SemanticTokenTypes.number,
        modifiers: ['money'],
      },
      { snippet: 'cquin SmiPhysicalHealth', token: 'cquin', type: SemanticTokenTypes.keyword },
      {
        snippet: 'worth 1.25% of value',
        token: '1.25%',
        type: SemanticTokenTypes.number,
        modifiers: ['percentage'],
      },
      {
        snippet: 'indicator SixChecks',
        token: 'SixChecks',
        type: SemanticTokenTypes.method,
        modifiers: ['declaration'],
      },
      { snippet: 'measure smi.SixChecksComplete', token: 'smi', type: SemanticTokenTypes.namespace },
      {
        snippet: 'measure smi.SixChecksComplete',
        token: 'SixChecksComplete',
        type: SemanticTokenTypes.function,
        modifiers: ['defaultLibrary'],
      },
      { snippet: 'in Q4 linear', token: 'Q4', type: SemanticTokenTypes.enumMember },
      {
        snippet: 'test "Q4: the health check is judged on the raised Q4 scale"',
        token: '"Q4: the health check is judged on the raised Q4 scale"',
        type: SemanticTokenTypes.string,
        modifiers: ['declaration'],
      },
      {
        snippet: 'for SmiPhysicalHealthCquin {',
        token: 'SmiPhysicalHealthCquin',
        type: SemanticTokenTypes.type,
      },
      { snippet: 'Q2 = 250 of 500', token: '=', type: SemanticTokenTypes.operator },
      { snippet: 'expect SixChecks earns', token: 'SixChecks', type: SemanticTokenTypes.method },
      {
        snippet: '(person = "P01"',
        token: 'person',
        type: SemanticTokenTypes.property,
        modifiers: ['defaultLibrary'],
      },
    ]);
  });

  test('measures and datasets: fields, including keywords used as field names, and expressions', async () => {
    // Under a local package, so that these are the author's declarations rather than the library's.
    const text = readFileSync(join(LIBRARY_DIR, 'measures/smi.parity'), 'utf8').replace(
      'package nhs.measures.smi',
      'package local.smi',
    );
    await expectTokens(text, [
      {
        snippet: 'dataset SmiRegister',
        token: 'SmiRegister',
        type: SemanticTokenTypes.struct,
        modifiers: ['declaration'],
      },
      {
        snippet: 'person: pseudonym',
        token: 'person',
        type: SemanticTokenTypes.property,
        modifiers: ['declaration'],
      },
      { snippet: 'person: pseudonym', token: 'pseudonym', type: SemanticTokenTypes.enumMember },
      { snippet: 'practice: code?', token: '?', type: SemanticTokenTypes.operator },
      {
        snippet: 'measure SixChecksComplete',
        token: 'SixChecksComplete',
        type: SemanticTokenTypes.function,
        modifiers: ['declaration'],
      },
      { snippet: 'domain physical-health', token: 'physical-health', type: SemanticTokenTypes.enumMember },
      { snippet: 'from SmiRegister', token: 'SmiRegister', type: SemanticTokenTypes.struct },
      {
        snippet: 'denominator left_on is not recorded',
        token: 'denominator',
        type: SemanticTokenTypes.keyword,
      },
      { snippet: 'denominator left_on is not recorded', token: 'left_on', type: SemanticTokenTypes.property },
      { snippet: 'left_on is not recorded', token: 'not', type: SemanticTokenTypes.operator },
      { snippet: 'bmi_checked within 12 months', token: '12', type: SemanticTokenTypes.number },
      { snippet: 'bmi_checked within 12 months', token: 'months', type: SemanticTokenTypes.enumMember },
      { snippet: 'higher is better', token: 'higher', type: SemanticTokenTypes.keyword },
    ]);
  });

  test('the legend has the standard types and the money, percentage and period modifiers', () => {
    const legend = services.Parity.lsp.SemanticTokenProvider?.semanticTokensOptions.legend;
    expect(legend?.tokenTypes).toEqual(
      expect.arrayContaining(['namespace', 'class', 'function', 'property', 'enumMember']),
    );
    expect(legend?.tokenModifiers.slice(-3)).toEqual(['money', 'percentage', 'period']);
    expect(legend?.tokenModifiers).toEqual(expect.arrayContaining(['declaration', 'defaultLibrary']));
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Contract,
  compileContract,
  type Indicator,
  type IndicatorPart,
  isContract,
  isIndicator,
  isIndicatorPart,
} from '@parity/dsl';
import {
  type AggregateObservation,
  type ContractModel,
  evaluate,
  formatPence,
  type PaymentLine,
} from '@parity/engine';
import { AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Hover, InlayHint, MarkupContent } from 'vscode-languageserver';
import { CONTRACTS_DIR, createServicesWithLibrary, demoContract, type TestServices } from './services.js';

/*
 * The editor's valuation is the engine's payment. For every demonstration contract, as written,
 * rounded down to the pound, and with pennies added to its value so that rounding bites, the money
 * the editor shows beside and over each paying clause is compared with what the engine pays when
 * every indicator is fully attained and activity runs at plan.
 */

const DEMOS = readdirSync(join(CONTRACTS_DIR, 'demo')).filter((f) => f.endsWith('.parity'));

type Variant = { name: string; edit: (text: string) => string };
const VARIANTS: Variant[] = [
  { name: 'as written', edit: (text) => text },
  { name: 'rounded down to the pound', edit: (text) => withRounding(text, 'down to pound') },
  {
    name: 'rounded down to the pound, with pennies on the value',
    edit: (text) => withRounding(addPennies(text), 'down to pound'),
  },
  {
    name: 'rounded half-up to the penny',
    edit: (text) => withRounding(addPennies(text), 'half-up to penny'),
  },
];

/** The contract's own rounding clause replaced by another, declared first in each contract. */
function withRounding(text: string, rounding: string): string {
  return text
    .replace(/^\s*rounding [a-z-]+ to (penny|pound)\s*$/gm, '')
    .replace(/^(contract \w+ "[^"]*" \{)$/gm, `$1\n  rounding ${rounding}`);
}

/** £1.37 more on every contract value, so a value's pennies must be rounded somewhere. */
function addPennies(text: string): string {
  return text.replace(/^(\s*value £)([0-9,]+)$/gm, '$1$2.37');
}

let services: TestServices;
beforeAll(async () => {
  services = await createServicesWithLibrary();
});

describe.each(DEMOS)('%s', (file) => {
  test.each(VARIANTS)('the editor shows what the engine pays: $name', async ({ edit }) => {
    const text = edit(demoContract(file));
    // A sub-contract links to its prime, which must be in the workspace too.
    const prime = /^\s*under /m.test(text)
      ? await parseHelper(services.Parity)(demoContract('pennine-msk-prime.parity'))
      : undefined;
    const document = await parseHelper(services.Parity)(text, { validation: true });
    try {
      const errors = (document.diagnostics ?? []).filter((d) => d.severity === 1);
      expect(errors.map((d) => d.message)).toEqual([]);
      const hints = await inlayHints(document, text);
      let compared = 0;
      const parents = new Map(
        (prime ? AstUtils.streamAst(prime.parseResult.value).filter(isContract).toArray() : []).map((c) => {
          const model = compileContract(c);
          return [model.contract.name, model] as const;
        }),
      );
      for (const contract of AstUtils.streamAst(document.parseResult.value).filter(isContract)) {
        const model = compileContract(contract);
        const paid = await paidInFull(model, parents);
        compared += await compareIndicators(document, contract, model, paid, hints);
        compared += compareBlock(model, paid, hints);
        compared += compareActivity(model, paid, hints);
      }
      if (/^\s*(indicator|instalments|activity) /m.test(text)) expect(compared).toBeGreaterThan(0);
    } finally {
      await clearDocuments(services.shared, prime ? [document, prime] : [document]);
    }
  });
});

/** The engine's lines with every indicator attained in full and every activity line at its plan. */
async function paidInFull(
  model: ContractModel,
  parents: ReadonlyMap<string, ContractModel>,
): Promise<PaymentLine[]> {
  const year = model.contract.year;
  const aggregates: AggregateObservation[] = [];
  for (const scheme of model.contract.schemes) {
    // An indicator in parts is paid by its parts, each on its own measure and rule.
    type Assessed = { measure?: string; rule?: Rule; quarterRules: { quarter: string; rule: Rule }[] };
    const assessed = scheme.indicators.flatMap((i): Assessed[] => i.parts ?? [i]);
    for (const indicator of assessed) {
      const measure = model.measures.find((m) => m.name === indicator.measure);
      if (!measure || !indicator.rule) continue;
      const periods =
        scheme.assessment === 'quarterly' ? ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `${year} ${q}`) : [year];
      for (const period of periods) {
        const quarter = period.split(' ')[1];
        const rule: Rule = indicator.quarterRules.find((q) => q.quarter === quarter)?.rule ?? indicator.rule;
        aggregates.push({
          measure: measure.name,
          provider: '*',
          period,
          ...bestScore(measure.scoring, rule),
        });
      }
    }
  }
  for (const activity of model.contract.activities)
    if (activity.plan)
      aggregates.push({ measure: activity.measure, provider: '*', period: year, value: activity.plan });
  // As of the end of the term, when every period is due.
  const asOf = `${model.contract.term.end}-28`;
  // A sub-contract's flow-down reads its prime's own evaluation, paid in full the same way.
  const parent = model.contract.parent ? parents.get(model.contract.parent) : undefined;
  const prime = parent && {
    contract: parent.contract.name,
    year: parent.contract.year,
    lines: await paidInFull(parent, parents),
  };
  // The editor prices the first year of a term, the year the contract names.
  return (await evaluate(model, { aggregates }, { asOf, prime, year: model.contract.year })).lines;
}

type Scoring = ContractModel['measures'][number]['scoring'];
type Rule = NonNullable<ContractModel['contract']['schemes'][number]['indicators'][number]['rule']>;

/** Observations scoring exactly the rule's full-attainment threshold (the end of a linear rule). */
function bestScore(
  scoring: Scoring,
  rule: Rule,
): Pick<AggregateObservation, 'numerator' | 'denominator' | 'value'> {
  const [n, d] = rule.kind === 'milestone' ? [1n, 1n] : fraction(rule.kind === 'linear' ? rule.to : rule.at);
  if (['proportion', 'paired', 'coverage'].includes(scoring.kind))
    return { numerator: String(n * 1000n), denominator: String(d * 1000n) };
  if (scoring.kind === 'rate') {
    const per = BigInt(scoring.per);
    return { numerator: String(n * 1000n), denominator: String(d * per * 1000n) };
  }
  // A value: write n/d as a decimal (thresholds are percentages or decimals, so d divides a power of ten).
  let scale = 1n;
  while ((scale * n) % d !== 0n) scale *= 10n;
  const digits = String((scale * n) / d);
  const places = String(scale).length - 1;
  const value =
    places === 0
      ? digits
      : `${digits.slice(0, -places) || '0'}.${digits.slice(-places).padStart(places, '0')}`;
  return { value };
}

/** A threshold as an exact fraction of the measure's scale (percentages as parts of one). */
function fraction(threshold: Extract<Rule, { kind: 'linear' }>['to']): [bigint, bigint] {
  const decimal = (text: string): [bigint, bigint] => {
    const [whole, part = ''] = text.split('.');
    return [BigInt(`${whole}${part}`), 10n ** BigInt(part.length)];
  };
  if (threshold.kind === 'percent') {
    const [n, d] = decimal(threshold.percent);
    return [n, d * 100n];
  }
  if (threshold.kind === 'number') return decimal(threshold.value);
  if (threshold.kind === 'money') return [BigInt(threshold.pence), 1n];
  return decimal(threshold.duration.amount);
}

async function compareIndicators(
  document: LangiumDocument,
  contract: Contract,
  model: ContractModel,
  paid: PaymentLine[],
  hints: InlayHint[],
): Promise<number> {
  let compared = 0;
  for (const indicator of AstUtils.streamAst(contract).filter(
    (n) => isIndicator(n) || isIndicatorPart(n),
  ) as Iterable<Indicator | IndicatorPart>) {
    const schemeNode = isIndicatorPart(indicator) ? indicator.$container.$container : indicator.$container;
    const scheme = model.contract.schemes.find((s) => s.name === schemeNode.name);
    const lines = paid.filter((l) => l.clause === indicator.name && l.scheme === scheme?.name);
    const modelled = scheme?.indicators
      .flatMap((i) => [i, ...(i.parts ?? [])])
      .find((i) => i.name === indicator.name);
    if (!modelled?.measure || lines.length === 0) continue;
    // Every part must have been earned in full, or this is not the most the engine pays.
    expect(lines.map((l) => `${l.period} ${l.status}`)).toEqual(lines.map((l) => `${l.period} earned`));
    const total = lines.reduce((sum, l) => sum + l.pence, 0n);
    const quarters =
      lines.length > 1 ? ` (${lines.map((l) => formatPence(l.pence)).join(' + ')} by quarter)` : '';
    const hover = await hoverAt(document, indicator.$cstNode?.offset ?? 0);
    expect(hover).toContain(`${formatPence(total)} a year${quarters}`);
    expect(hover).toContain('At stake: ');
    const weighted =
      isIndicator(indicator) && indicator.weight?.percent ? indicator.weight.$cstNode : undefined;
    const shared = isIndicatorPart(indicator)
      ? GrammarUtils.findNodeForProperty(indicator.$cstNode, 'share')
      : undefined;
    if (weighted ?? shared) {
      const end = (weighted ?? shared)?.range.end;
      const hint = hints.find((h) => h.position.line === end?.line && h.position.character === end.character);
      expect(hint?.label).toBe(`= ${formatPence(total)}`);
    }
    compared++;
  }
  return compared;
}

function compareBlock(model: ContractModel, paid: PaymentLine[], hints: InlayHint[]): number {
  const lines = paid.filter((l) => l.kind === 'block');
  if (lines.length === 0) return 0;
  // Instalments said as runs of equal amounts: `12 × £200,000.00`, `3 × £1.01 + 9 × £1.00`.
  const runs: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && lines[j]?.pence === lines[i]?.pence) j++;
    const pence = formatPence(lines[i]?.pence ?? 0n);
    runs.push(j - i === 1 ? pence : `${j - i} × ${pence}`);
    i = j;
  }
  expect(hints.map((h) => h.label)).toContain(`= ${runs.join(' + ')}`);
  // Without a withhold the instalments add up to the value; a withhold holds part of it back.
  const instalments = lines.reduce((sum, l) => sum + l.pence, 0n);
  const value = BigInt(model.contract.valuePence ?? '0');
  if (model.contract.schemes.some((s) => s.kind === 'withhold')) expect(instalments < value).toBe(true);
  else expect(instalments).toBe(value);
  return 1;
}

function compareActivity(model: ContractModel, paid: PaymentLine[], hints: InlayHint[]): number {
  let compared = 0;
  for (const activity of model.contract.activities.filter((a) => a.plan)) {
    const lines = paid.filter((l) => l.kind === 'activity' && l.clause === activity.name);
    expect(lines).toHaveLength(1);
    expect(hints.map((h) => h.label)).toContain(`= ${formatPence(lines[0]?.pence ?? 0n)} at plan`);
    compared++;
  }
  return compared;
}

async function inlayHints(document: LangiumDocument, text: string): Promise<InlayHint[]> {
  return ((await services.Parity.lsp.InlayHintProvider?.getInlayHints(document, {
    textDocument: { uri: document.uri.toString() },
    range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) },
  })) ?? []) as InlayHint[];
}

async function hoverAt(document: LangiumDocument, offset: number): Promise<string> {
  // The indicator's name: the word after `indicator`.
  const text = document.textDocument.getText();
  const name = text.indexOf(' ', offset) + 1;
  const hover = (await services.Parity.lsp.HoverProvider?.getHoverContent(document, {
    textDocument: { uri: document.uri.toString() },
    position: document.textDocument.positionAt(name),
  })) as Hover | undefined;
  return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

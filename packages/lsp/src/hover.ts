import {
  type AggregateReturn,
  type Dataset,
  isAbsorbedCost,
  isActivityLine,
  isAggregateReturn,
  isCapitation,
  isContract,
  isDataset,
  isField,
  isIndicator,
  isIndicatorPart,
  isMeasure,
  isOrganisation,
  isRiskShare,
  isScheme,
  isTimeZoneClause,
  isYearOfCare,
  type Measure,
  overTimeClauseOf,
  overTimeOfClause,
  submittedByOf,
} from '@parity/dsl';
import { describeOverTime, describeSubmittedBy } from '@parity/engine';
import { type AstNode, GrammarAST, type MaybePromise } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import type { Hover } from 'vscode-languageserver';
import { stakeOf } from './stakes.js';

/**
 * Hover shows a declaration's documentation and what each paying clause puts at stake, priced by
 * the engine (a scheme's total, an indicator's value by quarter, block instalments, prices, rates,
 * a risk share's cap and collar), a measure's definition in plain English, an organisation's ODS code and sector.
 */
export class ParityHoverProvider extends MultilineCommentHoverProvider {
  protected override getAstNodeHoverContent(node: AstNode): string | undefined {
    const documentation = super.getAstNodeHoverContent(node);
    const details = this.describe(node);
    const parts = [details, typeof documentation === 'string' ? documentation : undefined].filter(Boolean);
    return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
  }

  /** Keywords of the measures of parity between groups and of targets on a baseline say what they mean. */
  protected override getKeywordHoverContent(node: AstNode): MaybePromise<Hover | undefined> {
    const text = GrammarAST.isKeyword(node) ? KEYWORD_HOVERS[node.value] : undefined;
    return text ? { contents: { kind: 'markdown', value: text } } : super.getKeywordHoverContent(node);
  }

  private describe(node: AstNode): string | undefined {
    if (isIndicator(node)) {
      const stake = stakeOf(node)?.text;
      return `**Indicator ${node.name}**${node.title ? ` — ${node.title}` : ''}\n\nAt stake: ${stake ?? 'not known until the scheme and contract value are complete'}`;
    }
    if (isIndicatorPart(node)) {
      const stake = stakeOf(node)?.text;
      return `**Part ${node.name} of indicator ${node.$container.name}**${node.title ? ` — ${node.title}` : ''}\n\nAt stake: ${stake ?? `${node.share} of the indicator's value, once the scheme and contract value are complete`}`;
    }
    if (isAbsorbedCost(node)) {
      const per = node.annual ? 'a year' : `per ${node.unit} of ${node.activity?.$refText}`;
      return `**Cost ${node.name}** — ${node.title}\n\n${node.amount} ${per}, carried by ${node.organisation.$refText} and funded by ${node.funding.map((f) => f.$refText).join(', ')}. The statement shows, for each period priced, the cost carried, what was paid for it and the unfunded gap: memoranda that move no money.`;
    }
    if (isScheme(node)) {
      const stake = stakeOf(node)?.text;
      return `**${node.kind === 'cquin' ? 'CQUIN scheme' : 'Withhold'} ${node.name}** — ${node.title}\n\nWorth ${stake ?? 'an amount not yet known'}`;
    }
    if (isContract(node)) {
      const stake = stakeOf(node)?.text;
      return `**Contract ${node.name}** — ${node.title}${stake ? `\n\nBlock value: ${stake}` : ''}`;
    }
    if (isActivityLine(node) || isCapitation(node) || isYearOfCare(node) || isRiskShare(node)) {
      const what = isActivityLine(node)
        ? 'Activity'
        : isCapitation(node)
          ? 'Capitation'
          : isYearOfCare(node)
            ? 'Year of care'
            : 'Risk share';
      const stake = stakeOf(node)?.text;
      return `**${what} ${node.name}** — ${node.title}\n\n${stake ?? 'Priced once the contract is complete'}`;
    }
    if (isMeasure(node)) return describeMeasure(node);
    if (isOrganisation(node)) return `**${node.title}**\n\nODS code ${node.ods}, ${node.sector} sector`;
    if (isDataset(node))
      return `**Dataset ${node.name}** — ${node.title}\n\n${overTimeOf(node)}${clockOf(node)}Fields: ${node.members
        .filter(isField)
        .map((f) => `${f.name} (${f.type}${f.optional ? ', optional' : ''})`)
        .join(', ')}`;
    if (isAggregateReturn(node))
      return `**Aggregate return ${node.name}** — ${node.title}${overTimeOf(node) ? `\n\n${overTimeOf(node).trim()}` : ''}`;
    if (isField(node))
      return `**Field ${node.name}**: ${node.type}${node.optional ? ', may be missing' : ', always present'}`;
    return undefined;
  }
}

const STRATA =
  "**stratified by** a field: the position serves each group's figures (each provider only its own); a group whose denominator is under the minimum (`with minimum N`, else the measure's) shows insufficient data, not a percentage.";
const BETWEEN_GROUPS =
  '**parity across strata**: the gap (highest group less lowest) or ratio (lowest over highest) between the groups of this stratified measure, each scored as a proportion; **parity of "X" against rest**: group X against everyone else (X less the rest, or X over the rest). Groups under the stratum minimum are left out and named.';
const BASELINE =
  "**baseline**: the target is an improvement on the measure's figure for a baseline year (`below baseline 2025/26`) or on a declared value (`below baseline 12.4`). A percentage is relative (60% below: at most 40% of the baseline); any other target is absolute (8 days below: at most the baseline less 8). With no figure for the baseline year the result is no baseline, never a fall from zero.";

const KEYWORD_HOVERS: Record<string, string> = {
  stratified: STRATA,
  across: BETWEEN_GROUPS,
  strata: BETWEEN_GROUPS,
  against: BETWEEN_GROUPS,
  rest: BETWEEN_GROUPS,
  baseline: BASELINE,
  below: BASELINE,
  above: BASELINE,
};

/** A measure in plain English, from the clauses as written. */
export function describeMeasure(measure: Measure): string {
  const text = (type: string) => measure.clauses.find((c) => c.$type === type)?.$cstNode?.text;
  const lines = [`**Measure ${measure.name}** — ${measure.title}`];
  const from = text('FromClause');
  const denominator = text('DenominatorClause');
  const numerator = text('NumeratorClause');
  if (from) lines.push(`Counted ${from}.`);
  if (denominator) lines.push(`Who is counted: ${denominator.replace(/^(denominator|population)\s+/, '')}.`);
  if (numerator) lines.push(`Who meets the standard: ${numerator.replace(/^numerator\s+/, '')}.`);
  for (const type of [
    'ScoringClause',
    'MinimumDenominatorClause',
    'DirectionClause',
    'PeriodClause',
    'StratificationClause',
  ]) {
    const clause = text(type);
    if (clause) lines.push(`${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`);
  }
  return lines.join('\n\n');
}

/**
 * What the rows of a dataset or return mean over time, as the engine describes it, and who submits
 * its feeds, each followed by a blank line.
 */
/** How the dataset's date-times are read, when it has any. */
function clockOf(dataset: Dataset): string {
  if (!dataset.members.some((m) => isField(m) && m.type === 'datetime')) return '';
  const zone = dataset.members.find(isTimeZoneClause)?.zone ?? 'UTC';
  const clock = zone === 'UTC' ? 'UTC' : 'the clock in England (Europe/London: GMT, or BST in summer)';
  return `Date-times are held to the second; a time written without an offset is read as ${clock}.\n\n`;
}

function overTimeOf(source: Dataset | AggregateReturn): string {
  const clause = overTimeClauseOf(source);
  const meaning = clause ? `${describeOverTime(overTimeOfClause(clause))}\n\n` : '';
  return `${meaning}Submitted by ${describeSubmittedBy(submittedByOf(source))}.\n\n`;
}

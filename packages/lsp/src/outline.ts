import {
  isAbsorbedCost,
  isActivityLine,
  isAggregateReturn,
  isArrangementClause,
  isBudget,
  isCapitation,
  isContract,
  isContractTest,
  isDataset,
  isField,
  isFlowDown,
  isImport,
  isIndicator,
  isIndicatorPart,
  isMeasure,
  isMonitor,
  isOrganisation,
  isParty,
  isPilot,
  isPilotOutcome,
  isProviderShare,
  isProviderSplit,
  isQualityGate,
  isQualityModifier,
  isRiskShare,
  isScheme,
  isShareBudget,
  isShareLimit,
  isShareOutturn,
  isShareThreshold,
  isSharing,
  isValueClause,
  isYearClause,
  isYearOfCare,
} from '@parity/dsl';
import { formatPence } from '@parity/engine';
import type { AstNode } from 'langium';
import { stakeOf } from './stakes.js';

/**
 * What the outline says about a node: its name, a short detail beside it (a title, the money at
 * stake, a share), the property whose text is selected when the entry is picked, and the nodes
 * listed beneath it. Nodes that are settings of a contract (year, value, arrangement…) have no entry
 * of their own: they are summed up in the contract's detail.
 */
export interface OutlineEntry {
  name: string;
  detail?: string;
  selection?: string;
  children?: readonly AstNode[];
}

export function outlineEntry(node: AstNode): OutlineEntry | undefined {
  return declarationEntry(node) ?? contractClauseEntry(node) ?? shareEntry(node);
}

function declarationEntry(node: AstNode): OutlineEntry | undefined {
  if (isImport(node)) return { name: node.path, detail: node.alias && `as ${node.alias}`, selection: 'path' };
  if (isOrganisation(node))
    return { name: node.name, detail: joined(node.title, node.ods && `ODS ${node.ods}`, node.sector) };
  if (isDataset(node))
    return {
      name: node.name,
      detail: joined(node.title, node.grain && `per ${node.grain}`),
      children: node.members.filter(isField),
    };
  if (isAggregateReturn(node)) return { name: node.name, detail: node.title };
  if (isField(node))
    return { name: node.name, detail: joined(node.type, node.optional && 'optional', node.title) };
  if (isMeasure(node)) return { name: node.name, detail: node.title };
  if (isContract(node)) {
    const year = node.members.find(isYearClause)?.year;
    const value = node.members.find(isValueClause)?.amount;
    const kinds = node.members.find(isArrangementClause)?.kinds.join(', ');
    return {
      name: node.name,
      detail: joined(node.title, kinds, year, value),
      children: node.members,
    };
  }
  if (isContractTest(node))
    return { name: node.title, detail: `for ${node.contract?.$refText ?? ''}`, selection: 'title' };
  return undefined;
}

function contractClauseEntry(node: AstNode): OutlineEntry | undefined {
  if (isParty(node))
    return {
      name: node.organisation?.$refText ?? node.role,
      detail: joined(
        node.role,
        node.department,
        node.share,
        node.population && `population ${node.population}`,
        node.value,
      ),
      selection: 'organisation',
    };
  if (isScheme(node)) {
    const value = stakeOf(node)?.pence;
    return {
      name: node.name,
      detail: joined(
        `${node.kind === 'cquin' ? 'CQUIN' : 'withhold'} worth ${value === undefined ? text(node.worth) : formatPence(value)}`,
        node.title,
      ),
      children: node.members.filter(isIndicator),
    };
  }
  if (isIndicator(node)) {
    const value = stakeOf(node)?.pence;
    const stake = value === undefined ? `weight ${text(node.weight)}` : `${formatPence(value)} a year`;
    const parts = node.members.filter(isIndicatorPart);
    return {
      name: node.name,
      detail: joined(stake, node.title),
      ...(parts.length > 0 ? { children: parts } : {}),
    };
  }
  if (isIndicatorPart(node)) {
    const value = stakeOf(node)?.pence;
    const stake =
      value === undefined ? `share ${node.share}` : `${formatPence(value)} a year (${node.share})`;
    return { name: node.name, detail: joined(stake, node.title) };
  }
  if (isAbsorbedCost(node))
    return {
      name: node.name,
      detail: joined(`cost ${node.amount} ${node.annual ? 'a year' : `per ${node.unit}`}`, node.title),
    };
  if (isActivityLine(node))
    return {
      name: node.name,
      detail: joined(node.price && `${node.price} per ${node.unit}`, stakeOf(node)?.brief, node.title),
    };
  if (isCapitation(node) || isYearOfCare(node))
    return { name: node.name, detail: joined(stakeOf(node)?.brief, node.title) };
  if (isRiskShare(node)) return { name: node.name, detail: node.title, children: node.members };
  if (isBudget(node))
    return { name: node.name ?? 'budget', detail: joined(node.amount, node.domains.join(', ')) };
  if (isMonitor(node))
    return {
      name: node.measure?.$refText ?? 'monitor',
      detail: joined('monitored', node.target && `target ${targetText(node)}`),
      selection: 'measure',
    };
  if (isPilot(node))
    return { name: 'pilot', detail: node.review && `review on ${node.review}`, children: node.outcomes };
  if (isPilotOutcome(node))
    return {
      name: node.measure?.$refText ?? 'outcome',
      detail: `target ${targetText(node)}`,
      selection: 'measure',
    };
  if (isFlowDown(node))
    return { name: `flow down ${node.indicator?.$refText ?? ''}`, detail: `share ${node.share}` };
  return undefined;
}

/** The clauses of a risk or gain share: what is shared, thresholds, caps and collars, quality. */
function shareEntry(node: AstNode): OutlineEntry | undefined {
  if (isShareBudget(node)) return { name: node.keyword, detail: node.amount };
  if (isShareOutturn(node)) return { name: 'outturn', detail: `from ${node.measure?.$refText ?? ''}` };
  if (isShareThreshold(node)) return { name: `${node.kind} ${node.side}`, detail: text(node.amount) };
  if (isSharing(node))
    return { name: `${node.side} shared`, detail: node.bands.map((b) => squeeze(text(b))).join('; ') };
  if (isShareLimit(node)) return { name: `${node.kind} ${node.side}`, detail: `at ${text(node.amount)}` };
  if (isQualityGate(node))
    return {
      name: 'quality gate',
      detail: `${node.required} of (${node.measures.map((m) => m.$refText).join(', ')}) met`,
    };
  if (isQualityModifier(node)) return { name: 'quality modifier', detail: node.measure?.$refText };
  if (isProviderSplit(node))
    return {
      name: 'among providers',
      detail: node.basis === 'pro' ? 'pro rata to value' : 'fixed',
      children: node.shares,
    };
  if (isProviderShare(node))
    return { name: node.organisation?.$refText ?? '', detail: node.share, selection: 'organisation' };
  return undefined;
}

/** A target as written, with the baseline it improves on: `60% below baseline 2025/26`. */
function targetText(node: { target?: AstNode; baseline?: AstNode }): string {
  return node.baseline ? `${text(node.target)} ${text(node.baseline)}` : text(node.target);
}

function text(node: AstNode | undefined): string {
  return node?.$cstNode?.text ?? '';
}

function squeeze(source: string): string {
  return source.replace(/\s+/g, ' ').trim();
}

function joined(...parts: Array<string | false | undefined>): string | undefined {
  const present = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return present.length > 0 ? present.join(' · ') : undefined;
}

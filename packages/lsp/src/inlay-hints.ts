import {
  isActivityLine,
  isIndicator,
  isIndicatorPart,
  isInstalmentsClause,
  isRateClause,
  isScheme,
  isShareLimit,
  isValueClause,
} from '@parity/dsl';
import { formatPence } from '@parity/engine';
import { type AstNode, GrammarUtils } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { blockStakeIn, stakeOf } from './stakes.js';

/**
 * Shows the money the engine pays beside the clauses that do not say it in pounds: `weight 60%` →
 * `= £630,000.00`, `instalments monthly` → `= 12 × £200,000.00`, a plan → its value, a rate → a
 * person's month or day, a cap or collar given as a percentage (or the lesser or greater of amounts
 * some of which are) → its pounds.
 */
export class ParityInlayHintProvider extends AbstractInlayHintProvider {
  computeInlayHint(node: AstNode, accept: InlayHintAcceptor): void {
    const hint = hintFor(node);
    if (!hint?.label || !hint.end) return;
    accept({ position: hint.end, label: `= ${hint.label}`, kind: InlayHintKind.Type, paddingLeft: true });
  }
}

function hintFor(node: AstNode): { label?: string; end?: { line: number; character: number } } | undefined {
  if (isIndicator(node) && node.weight?.percent)
    return { label: stakeOf(node)?.brief, end: node.weight.$cstNode?.range.end };
  if (isIndicatorPart(node) && node.share) {
    const share = GrammarUtils.findNodeForProperty(node.$cstNode, 'share');
    return { label: stakeOf(node)?.brief, end: share?.range.end };
  }
  if (isScheme(node) && node.worth?.percent)
    return { label: stakeOf(node)?.brief, end: node.worth.$cstNode?.range.end };
  // A year of a longer term: that year's instalments.
  if (isValueClause(node) && node.year)
    return { label: blockStakeIn(node, node.year)?.brief, end: node.$cstNode?.range.end };
  if (isInstalmentsClause(node))
    return { label: stakeOf(node.$container)?.brief, end: node.$cstNode?.range.end };
  if (isActivityLine(node) && node.plan) {
    const plan = GrammarUtils.findNodeForProperty(node.$cstNode, 'plan');
    return { label: stakeOf(node)?.brief, end: (plan ?? node.$cstNode)?.range.end };
  }
  if (isRateClause(node)) return { label: stakeOf(node.$container)?.brief, end: node.$cstNode?.range.end };
  if (isShareLimit(node) && (node.amount?.percent || node.amounts.some((a) => a.percent))) {
    const limits = stakeOf(node.$container)?.limits;
    const pence = node.kind === 'cap' ? limits?.cap : limits?.collar;
    return { label: pence === undefined ? undefined : formatPence(pence), end: node.$cstNode?.range.end };
  }
  return undefined;
}

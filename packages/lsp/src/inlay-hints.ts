import { isIndicator, isScheme } from '@parity/dsl';
import { formatPence } from '@parity/engine';
import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { indicatorValuePence, schemeValuePence } from './stakes.js';

/** Shows the money beside percentages: `weight 60%` → `= £630,000.00`. */
export class ParityInlayHintProvider extends AbstractInlayHintProvider {
  computeInlayHint(node: AstNode, accept: InlayHintAcceptor): void {
    const value =
      isIndicator(node) && node.weight?.percent
        ? indicatorValuePence(node)
        : isScheme(node) && node.worth?.percent
          ? schemeValuePence(node)
          : undefined;
    const end = (
      isIndicator(node) ? node.weight?.$cstNode : isScheme(node) ? node.worth?.$cstNode : undefined
    )?.range.end;
    if (value === undefined || !end) return;
    accept({ position: end, label: `= ${formatPence(value)}`, kind: InlayHintKind.Type, paddingLeft: true });
  }
}

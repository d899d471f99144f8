import {
  dateProblem,
  financialYearProblem,
  LiteralError,
  monthProblem,
  normaliseNumber,
  parseMoney,
  parsePercent,
} from '@parity/engine';
import { CstUtils, isLeafCstNode, type ValidationAcceptor } from 'langium';
import type { Document } from '../language/generated/ast.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

/**
 * Checks every money, percentage, number, date, month and financial-year literal in a document:
 * the lexer accepts loose shapes (`£1,00`), this says exactly what is wrong with each.
 */
export function checkLiterals(document: Document, accept: ValidationAcceptor): void {
  const root = document.$cstNode;
  if (!root) return;
  for (const cst of CstUtils.streamCst(root)) {
    if (!isLeafCstNode(cst) || cst.hidden) continue;
    const problem = literalProblem(cst.tokenType.name, cst.text);
    if (problem) {
      report(accept, 'error', problem.code, problem.message, { node: cst.astNode, range: cst.range });
    }
  }
}

type Problem = { code: (typeof IssueCodes)[keyof typeof IssueCodes]; message: string };

/** The engine's calendar says what is wrong with a date, month or year, as a feed's cell hears it. */
function problem(code: Problem['code'], message: string | undefined): Problem | undefined {
  return message === undefined ? undefined : { code, message };
}

function literalProblem(tokenType: string, text: string): Problem | undefined {
  try {
    switch (tokenType) {
      case 'MONEY':
        parseMoney(text);
        return undefined;
      case 'PERCENT':
        parsePercent(text);
        return undefined;
      case 'NUMBER':
        normaliseNumber(text);
        return undefined;
      case 'DATE':
        return problem(IssueCodes.InvalidDate, dateProblem(text));
      case 'MONTH':
        return problem(IssueCodes.InvalidDate, monthProblem(text));
      case 'FINANCIAL_YEAR':
        return problem(IssueCodes.InvalidFinancialYear, financialYearProblem(text));
      default:
        return undefined;
    }
  } catch (error) {
    if (!(error instanceof LiteralError)) throw error;
    const code =
      tokenType === 'MONEY'
        ? IssueCodes.InvalidMoney
        : tokenType === 'PERCENT'
          ? IssueCodes.InvalidPercent
          : IssueCodes.InvalidNumber;
    return { code, message: error.message };
  }
}

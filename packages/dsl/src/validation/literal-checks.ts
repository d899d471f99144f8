import { LiteralError, normaliseNumber, parseMoney, parsePercent } from '@parity/engine';
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
        return dateProblem(text);
      case 'MONTH':
        return monthProblem(text);
      case 'FINANCIAL_YEAR':
        return financialYearProblem(text);
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

function dateProblem(text: string): Problem | undefined {
  const [datePart = '', timePart] = text.split('T');
  const [year, month, day] = datePart.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real)
    return {
      code: IssueCodes.InvalidDate,
      message: `'${text}' is not a calendar date: write a real date as YYYY-MM-DD.`,
    };
  if (timePart) {
    const [hours, minutes] = timePart.split(':').map(Number) as [number, number];
    if (hours > 23 || minutes > 59) {
      return {
        code: IssueCodes.InvalidDate,
        message: `'${text}' has no such time of day: use 00:00 to 23:59.`,
      };
    }
  }
  return undefined;
}

function monthProblem(text: string): Problem | undefined {
  const month = Number(text.slice(5));
  if (month >= 1 && month <= 12) return undefined;
  return {
    code: IssueCodes.InvalidDate,
    message: `'${text}' is not a month: write YYYY-MM with a month from 01 to 12.`,
  };
}

function financialYearProblem(text: string): Problem | undefined {
  const start = Number(text.slice(0, 4));
  const end = Number(text.slice(5));
  if ((start + 1) % 100 === end) return undefined;
  const expected = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  return {
    code: IssueCodes.InvalidFinancialYear,
    message: `'${text}' is not a financial year: an NHS year runs April to March, so write ${expected}.`,
  };
}

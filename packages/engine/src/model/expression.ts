import { z } from 'zod';
import { DecimalText, Duration, Pence, Percent } from './common.js';

/** A literal value in a population expression, with its unit. */
export const Literal = z.discriminatedUnion('type', [
  z.object({ type: z.literal('number'), value: DecimalText }),
  z.object({ type: z.literal('percent'), value: Percent }),
  z.object({ type: z.literal('money'), pence: Pence }),
  z.object({ type: z.literal('duration'), duration: Duration }),
  z.object({ type: z.literal('date'), value: z.string() }),
  z.object({ type: z.literal('month'), value: z.string() }),
  z.object({ type: z.literal('text'), value: z.string() }),
  z.object({ type: z.literal('boolean'), value: z.boolean() }),
]);
export type Literal = z.infer<typeof Literal>;

export type BinaryOperator = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

/** A population expression over the fields of one record. */
export type Expression =
  | { kind: 'field'; field: string }
  | { kind: 'literal'; literal: Literal }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression }
  | { kind: 'not'; operand: Expression }
  | { kind: 'in'; value: Expression; items: Literal[]; negated: boolean }
  | { kind: 'recorded'; value: Expression; negated: boolean }
  | { kind: 'within'; value: Expression; window: Duration; anchor?: Expression }
  | { kind: 'all-of' | 'any-of'; conditions: Expression[] }
  | { kind: 'population'; part: 'numerator' | 'denominator'; measure: string };

const operators = ['+', '-', '*', '/', '=', '!=', '<', '<=', '>', '>=', 'and', 'or'] as const;

export const Expression: z.ZodType<Expression> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('field'), field: z.string() }),
    z.object({ kind: z.literal('literal'), literal: Literal }),
    z.object({ kind: z.literal('binary'), operator: z.enum(operators), left: Expression, right: Expression }),
    z.object({ kind: z.literal('not'), operand: Expression }),
    z.object({ kind: z.literal('in'), value: Expression, items: z.array(Literal), negated: z.boolean() }),
    z.object({ kind: z.literal('recorded'), value: Expression, negated: z.boolean() }),
    z.object({
      kind: z.literal('within'),
      value: Expression,
      window: Duration,
      anchor: Expression.optional(),
    }),
    z.object({ kind: z.enum(['all-of', 'any-of']), conditions: z.array(Expression) }),
    z.object({
      kind: z.literal('population'),
      part: z.enum(['numerator', 'denominator']),
      measure: z.string(),
    }),
  ]),
);

import type { SourceLocation } from '../model/common.js';

/**
 * The explanation carried by every figure: the clause it comes from, the inputs, the formula with
 * the numbers substituted, and the rounding applied — as structured data and as one readable line.
 */
export interface Trace {
  clause: string;
  location?: SourceLocation;
  inputs: Record<string, string>;
  formula: string;
  rounding?: string;
  text: string;
}

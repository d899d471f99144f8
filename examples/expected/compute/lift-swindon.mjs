// Golden statement for demo.swindon.LiftBlockContract (contracts/demo/lift-swindon-block.parity).
//
// The contract: Swindon commissions LIFT Psychology (ODS NLP) on a block for 2026/27: `value
// £2,400,000`, `instalments monthly`. The five talking therapies standards are `monitor` only: "the
// block value does not move with them", so the TalkingTherapiesReturn feeds change no line. No
// rounding clause; the instalment divides exactly.
//
// Worked by hand:
//   block 2026-04: 240,000,000p ÷ 12 = 20,000,000p (£200,000.00), remainder 0; the same in every
//   month April 2026 – March 2027 (a block does not wait for data); the year 240,000,000p.

import { instalments, line, ods, yearMonths } from './read-feeds.mjs';

export const contract = 'demo.swindon.LiftBlockContract';

const YEAR = '2026/27';
const VALUE_PENCE = 240_000_000n; // £2,400,000

export const lines = () => {
  const provider = ods('LiftPsychology');
  const months = yearMonths(YEAR);
  return instalments(VALUE_PENCE, 12).map((p, i) => line('block', contract, months[i], provider, p));
};

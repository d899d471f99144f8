// Golden statement for demo.bradford_capitated.BradfordIntegratedCare at the year-end close, as of
// 2027-05-31: the demo's feeds (April to October) and the rest of the year sent after it
// (examples/feeds/year-end: November to March). Same rules as bradford-capitated.mjs; with all
// twelve months of the ledger in, the outturn meets the whole £1,248,000,000 budget and the share
// is final.
//
// Worked by hand (node examples/expected/compute/index.mjs year-end prints the totals):
//   Capitation 2027-03: the March list's population × 192,000p ÷ 12 = population × 16,000p.
//   Risk share: twelve months of ledger lines against £1,248,000,000 (12/12 of the budget); the
//   providers' half of the variance, capped or collared at 1% of it (£12,480,000), split 45/15/20/12/8.

import { statement } from './bradford-capitated.mjs';

export const contract = 'demo.bradford_capitated.BradfordIntegratedCare';
/** Written beside the demo's statements, in the year-end folder. */
export const output = 'year-end/demo.bradford_capitated.BradfordIntegratedCare.csv';

export const lines = () => statement(['demo', 'year-end']);

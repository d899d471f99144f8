import type { ContractTemplate } from './templates.js';

/** A local CQUIN scheme paid quarterly on one measure from a provider's monthly return. */
export const CQUIN_TEMPLATE: ContractTemplate = {
  arrangement: 'cquin',
  summary: 'a local CQUIN scheme: one indicator, assessed quarterly, from a monthly aggregate return',
  contract: 'LocalCquin',
  contractFile: 'local-cquin.parity',
  contractText: (
    pkg,
  ) => `// A local CQUIN scheme: the provider earns a share of 1.25% of the contract's value each quarter,
// on how many people on its SMI register had all six physical health checks. The figures and
// organisations are illustrative: replace them with your own.

package ${pkg}

import "nhs/organisations"

// What the provider sends each month: for each measure, the people counted and the people eligible.
aggregate return PhysicalHealthChecksReturn "Physical health checks return" {
  rows are events
  source "The provider's monthly physical health checks return, from GP and trust records"
}

measure ChecksCompleted "People on the SMI register with all six physical health checks" {
  domain physical-health
  from PhysicalHealthChecksReturn
  source "The provider's monthly physical health checks return, from GP and trust records"
  minimum denominator 20
  higher is better
  period quarter
}

contract LocalCquin "Local CQUIN: physical health checks for people with SMI 2026/27" {
  arrangement cquin
  year 2026/27
  commissioner BradfordPlace
  provider BradfordDistrictCare
  value £10,000,000

  // 1.25% of £10,000,000 = £125,000 a year: £31,250 a quarter.
  cquin PhysicalHealthChecks "Physical health checks" worth 1.25% of value {
    assessed quarterly
    indicator SixChecks weight 100% {
      measure ChecksCompleted
      linear from 40% to 60%
    }
  }
}

// Half way from 40% to 60% earns half the quarter: £31,250 / 2 = £15,625.
test "50% of people checked in Q1 earns half the quarter" for LocalCquin {
  given ChecksCompleted in 2026/27 Q1 = 75 of 150
  expect SixChecks earns £15,625.00 in 2026/27 Q1
}

test "Below 40% earns nothing" for LocalCquin {
  given ChecksCompleted in 2026/27 Q1 = 50 of 150
  expect SixChecks earns £0 in 2026/27 Q1
}
`,
  feeds: [
    {
      source: 'PhysicalHealthChecksReturn',
      file: 'feeds/physical-health-checks.csv',
      // Q1: 75 of 150 = 50%, half the quarter; Q2: 108 of 180 = 60%, all of it.
      text: `provider,measure,period,numerator,denominator,value,pence
TAD,ChecksCompleted,2026-04,20,40,,
TAD,ChecksCompleted,2026-05,25,50,,
TAD,ChecksCompleted,2026-06,30,60,,
TAD,ChecksCompleted,2026-07,33,60,,
TAD,ChecksCompleted,2026-08,36,60,,
TAD,ChecksCompleted,2026-09,39,60,,
`,
    },
  ],
};

import type { ContractTemplate } from './templates.js';

/** A capitated budget for a registered population, with a risk share of the outturn against it. */
export const CAPITATED_TEMPLATE: ContractTemplate = {
  arrangement: 'capitated',
  summary: 'a capitated budget per registered person, with a risk share of under- and overspend',
  contract: 'IntegratedCare',
  contractFile: 'integrated-care.parity',
  contractText: (
    pkg,
  ) => `// A capitated contract: two providers are paid an amount a head of the registered population for
// its physical and mental health care, and share any underspend or overspend against the budget
// with the commissioner. The figures and organisations are illustrative: replace them with your own.

package ${pkg}

import "nhs/organisations"
import "nhs/measures/finance"

// Everything the providers spent on the population's care, agreed by the parties each month.
measure CareOutturn "Spend on the registered population's care" {
  domain physical-health
  from finance.OutturnReturn
  source "Outturn statement from the ICB ledger, agreed by the parties' directors of finance"
  scored as reported value
  lower is better
  period year to date
}

contract IntegratedCare "Capitated physical and mental health care 2026/27" {
  arrangement capitated
  year 2026/27
  commissioner BradfordPlace
  // Each provider's share of the capitation payment.
  provider BradfordTeachingHospitals share 60%
  provider BradfordDistrictCare share 40%

  // £1,200 a head a year = £100 a head a month, on the population registered that month.
  capitation RegisteredPopulation "Care for the registered population" {
    population registered from finance.RegisteredPopulation
    rate £1,200 per person per year
    paid monthly
    covers physical-health, mental-health
  }

  // The capitation for 10,000 people: 10,000 x £1,200 = £12,000,000.
  risk share BudgetRiskShare "Underspend and overspend shared against the budget" {
    budget £12,000,000 covers physical-health, mental-health
    outturn from CareOutturn
    part year compared with budget for months reported
    gain shared providers 50%, commissioner 50%
    loss shared providers 50%, commissioner 50%
    // 2% of £12,000,000 = £240,000 either way.
    cap gain at 2% of budget
    collar loss at 2% of budget
    among providers fixed {
      BradfordTeachingHospitals 60%
      BradfordDistrictCare 40%
    }
  }
}

// 10,000 people x £100 = £1,000,000 in April; Bradford District Care's 40% = £400,000.
test "April capitation and one provider's share" for IntegratedCare {
  given finance.RegisteredPopulation in 2026-04 = 10,000
  expect RegisteredPopulation earns £1,000,000.00 in 2026-04
  expect RegisteredPopulation for BradfordDistrictCare earns £400,000.00 in 2026-04
}

// £12,000,000 - £11,800,000 = £200,000 underspend; the providers' 50% = £100,000, under the cap;
// Bradford Teaching Hospitals' 60% of it = £60,000.
test "An underspend shared with the providers" for IntegratedCare {
  given CareOutturn in 2026/27 = £11,800,000
  expect BudgetRiskShare providers receive £100,000.00
  expect BudgetRiskShare for BradfordTeachingHospitals providers receive £60,000.00
}
`,
  feeds: [
    {
      source: 'RegisteredListReturn',
      file: 'feeds/registered-list.csv',
      text: `provider,measure,period,numerator,denominator,value,pence
TAD,finance.RegisteredPopulation,2026-04,,,10000,
TAD,finance.RegisteredPopulation,2026-05,,,10000,
TAD,finance.RegisteredPopulation,2026-06,,,10000,
`,
    },
    {
      source: 'OutturnReturn',
      file: 'feeds/outturn.csv',
      text: `provider,measure,period,numerator,denominator,value,pence
TAD,CareOutturn,2026-04,,,,95000000
TAD,CareOutturn,2026-05,,,,95000000
TAD,CareOutturn,2026-06,,,,95000000
`,
    },
  ],
};

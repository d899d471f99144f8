import { financialYearProblem, monthProblem, yearsOfTerm } from '@parity/engine';
import type { ValidationAcceptor } from 'langium';
import {
  type Contract,
  type ContractMember,
  isActivityLine,
  isApportionmentClause,
  isBudget,
  isCapitation,
  isFlowDown,
  isInstalmentsClause,
  isMonitor,
  isParentClause,
  isPilot,
  isRiskShare,
  isRoundingClause,
  isRoundingPolicy,
  isScheme,
  isTermClause,
  isValueClause,
  isYearClause,
  isYearOfCare,
  type Party,
} from '../language/generated/ast.js';
import { arrangementsOf, measureKind, partiesOf } from '../language/parity-facts.js';
import { percentOf, sumPercentages } from './amounts.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

const SINGLE_CLAUSES = [
  'ArrangementClause',
  'YearClause',
  'TermClause',
  'InstalmentsClause',
  'ApportionmentClause',
  'ParentClause',
  'RoundingClause',
  'RoundingPolicy',
  'Pilot',
];
const COMMISSIONING_SECTORS = new Set(['commissioner', 'local-authority']);

export function checkContract(contract: Contract, accept: ValidationAcceptor): void {
  checkRequired(contract, accept);
  checkSingleClauses(contract, accept);
  checkCommissioners(contract, accept);
  checkArrangements(contract, accept);
  checkTerm(contract, accept);
  checkYears(contract, accept);
  checkSubContract(contract, accept);
  checkRoundingPolicy(contract, accept);
}

/**
 * `round the annual amount, pay monthly instalments` rounds the monthly per-head payments once for
 * the year: it contradicts `rounding … per line`, and means nothing without capitation or year of care.
 */
function checkRoundingPolicy(contract: Contract, accept: ValidationAcceptor): void {
  const policy = contract.members.find(isRoundingPolicy);
  if (!policy) return;
  const perLine = contract.members.find(isRoundingClause)?.perLine;
  if (perLine)
    report(
      accept,
      'error',
      IssueCodes.ConflictingRounding,
      `${contractLabel(contract)} rounds each line ('per line') and the annual amount once: keep one. Drop 'per line' to round the year once and pay the months as instalments of it.`,
      { node: policy },
    );
  if (!contract.members.some((m) => isCapitation(m) || isYearOfCare(m)))
    report(
      accept,
      'warning',
      IssueCodes.InertRoundingPolicy,
      `Rounding the annual amount applies to monthly per-head payments (capitation or year of care), and ${contractLabel(contract)} has none: remove it. Block instalments already add up to the year's value exactly.`,
      { node: policy },
    );
}

/**
 * Every financial year of the term is paid, so each needs its value: one `value` for a year, and
 * `value £… in <year>` for each year of a longer term. Rates, prices and budgets are given for one
 * year, so clauses that need them cannot yet run over several.
 */
function checkYears(contract: Contract, accept: ValidationAcceptor): void {
  const year = contract.members.find(isYearClause)?.year;
  if (!year || financialYearProblem(year)) return;
  const term = contract.members.find(isTermClause);
  if (term && (monthProblem(term.start) || monthProblem(term.end) || term.start > term.end)) return;
  const years = term ? yearsOfTerm(term) : [year];
  const label = contractLabel(contract);
  const error = (message: string, node: ContractMember, property?: string) =>
    report(accept, 'error', IssueCodes.ValueByYear, message, {
      node,
      ...(property && { property }),
    } as never);
  if (term && years[0] !== year)
    error(
      `${label} is for ${year}, but its term starts in ${years[0]}: make the year the term's first, ${years[0]}.`,
      contract.members.find(isYearClause) as ContractMember,
      'year',
    );
  const values = contract.members.filter(isValueClause);
  const seen = new Set<string>();
  for (const value of values) {
    const given = value.year ?? (years.length === 1 ? years[0] : undefined);
    if (given === undefined) {
      error(
        `The term runs for ${years.join(', ')}: say which year this value is for ('value ${value.amount} in ${years[0]}'), and give one for each year.`,
        value,
      );
      continue;
    }
    if (!years.includes(given))
      error(`${given} is not a year of the term (${years.join(', ')}).`, value, 'year');
    else if (seen.has(given))
      report(
        accept,
        'error',
        IssueCodes.DuplicateClause,
        `${label} already gives its value for ${given}: keep one.`,
        {
          node: value,
        },
      );
    seen.add(given);
  }
  const lacking = years.filter((y) => !seen.has(y));
  if (values.length > 0 && lacking.length > 0)
    report(
      accept,
      'error',
      IssueCodes.ValueByYear,
      `${label} runs for ${years.join(', ')} but gives no value for ${lacking.join(', ')}: add ${lacking.map((y) => `'value £… in ${y}'`).join(' and ')}.`,
      { node: contract, property: 'name' },
    );
  if (years.length < 2) return;
  for (const member of contract.members) {
    const kind = isActivityLine(member)
      ? 'activity line'
      : isCapitation(member)
        ? 'capitation'
        : isYearOfCare(member)
          ? 'year of care'
          : isRiskShare(member)
            ? 'risk share'
            : undefined;
    if (kind)
      error(
        `${label} runs for ${years.length} years, and a ${kind}'s rates, prices or budget are given for one: write a contract for each year, or keep the term to one year.`,
        member,
      );
  }
}

function missing(contract: Contract, accept: ValidationAcceptor, what: string, example: string): void {
  report(
    accept,
    'error',
    IssueCodes.MissingClause,
    `${contractLabel(contract)} does not say ${what}: add '${example}'.`,
    {
      node: contract,
      property: 'name',
      data: { clause: example },
    },
  );
}

function checkRequired(contract: Contract, accept: ValidationAcceptor): void {
  if (arrangementsOf(contract).length === 0)
    missing(contract, accept, 'what kind of arrangement it is', 'arrangement block');
  if (!contract.members.some(isYearClause))
    missing(contract, accept, 'which financial year it covers', 'year 2026/27');
  if (partiesOf(contract, 'commissioner').length === 0)
    missing(contract, accept, 'who commissions it', 'commissioner <Organisation>');
  if (partiesOf(contract, 'provider', 'prime', 'subcontractor').length === 0)
    missing(contract, accept, 'who provides it', 'provider <Organisation>');
}

function checkSingleClauses(contract: Contract, accept: ValidationAcceptor): void {
  const seen = new Set<string>();
  for (const member of contract.members) {
    if (!SINGLE_CLAUSES.includes(member.$type)) continue;
    if (seen.has(member.$type)) {
      report(
        accept,
        'error',
        IssueCodes.DuplicateClause,
        `${contractLabel(contract)} already says this: keep one '${firstWord(member)}' clause.`,
        { node: member },
      );
    }
    seen.add(member.$type);
  }
}

function firstWord(member: ContractMember): string {
  return member.$cstNode?.text.split(/\s/)[0] ?? member.$type;
}

function checkCommissioners(contract: Contract, accept: ValidationAcceptor): void {
  const arrangements = arrangementsOf(contract);
  // Providers commission each other in provider-to-provider and internal agreements, and a prime commissions its sub-contractors.
  const betweenProviders = ['provider-to-provider', 'internal', 'sub-contract'].some((kind) =>
    arrangements.includes(kind),
  );
  for (const party of partiesOf(contract, 'commissioner')) {
    const organisation = party.organisation.ref;
    if (!organisation || betweenProviders || COMMISSIONING_SECTORS.has(organisation.sector)) continue;
    report(
      accept,
      'error',
      IssueCodes.CommissionerSector,
      `${organisation.name} is a ${organisation.sector} provider, not a commissioner: add 'provider-to-provider' (or 'internal') to the arrangement, or name a commissioning organisation.`,
      { node: party, property: 'organisation' },
    );
  }
  if (arrangements.includes('internal')) {
    const commissioner = partiesOf(contract, 'commissioner')[0]?.organisation.ref;
    for (const party of partiesOf(contract, 'provider')) {
      if (commissioner && party.organisation.ref && party.organisation.ref !== commissioner) {
        report(
          accept,
          'error',
          IssueCodes.ArrangementIncomplete,
          `An internal agreement is within one organisation, but ${party.organisation.ref.name} is not ${commissioner.name}: name departments of the same organisation.`,
          { node: party, property: 'organisation' },
        );
      }
    }
  }
  checkCommissionerShares(contract, accept);
}

function checkCommissionerShares(contract: Contract, accept: ValidationAcceptor): void {
  const commissioners = partiesOf(contract, 'commissioner');
  const apportionment = contract.members.find(isApportionmentClause);
  if (commissioners.length < 2) return;
  if (apportionment?.basis === 'population') {
    for (const party of commissioners.filter((p) => !p.population))
      report(
        accept,
        'error',
        IssueCodes.SharesNotHundred,
        `Commissioners are apportioned by population but this one has none: add 'population N'.`,
        { node: party },
      );
    return;
  }
  if (apportionment?.basis === 'activity') {
    for (const party of commissioners.filter((p) => !p.activity))
      report(
        accept,
        'error',
        IssueCodes.SharesNotHundred,
        `Commissioners are apportioned by activity but this one names none: add 'activity from <Measure>' (a measure counting its activity).`,
        { node: party },
      );
    for (const party of commissioners) {
      const measure = party.activity?.ref;
      if (measure && !['count', 'total', 'reported-value'].includes(measureKind(measure)))
        report(
          accept,
          'error',
          IssueCodes.TypeMismatch,
          `Activity is counted, but ${measure.name} is scored as a ${measureKind(measure)}: use a measure 'scored as count', 'scored as total of …' or 'scored as reported value'.`,
          { node: party, property: 'activity' },
        );
    }
    return;
  }
  if (apportionment?.basis !== 'fixed') return;
  const withoutShare = commissioners.filter((party) => !party.share);
  for (const party of withoutShare) {
    report(
      accept,
      'error',
      IssueCodes.SharesNotHundred,
      `Commissioners are apportioned by fixed shares but this one has none: add 'share N%'.`,
      { node: party },
    );
  }
  if (withoutShare.length > 0) return;
  const total = sumPercentages(commissioners.map((party) => party.share ?? '0%'));
  if (total !== '100') {
    report(
      accept,
      'error',
      IssueCodes.SharesNotHundred,
      `Commissioners' shares sum to ${total}%; they must sum to 100%.`,
      { node: apportionment, data: { total } },
    );
  }
}

type Requirement = { holds: (contract: Contract) => boolean; message: string };

const ARRANGEMENT_REQUIREMENTS: Record<string, Requirement[]> = {
  block: [
    {
      holds: (c) => c.members.some(isValueClause),
      message: "a block contract has a fixed annual value: add 'value £…'",
    },
    {
      holds: (c) => c.members.some(isInstalmentsClause),
      message: "say how the block value is paid: add 'instalments monthly'",
    },
  ],
  activity: [
    {
      holds: (c) => c.members.some(isActivityLine),
      message:
        "an activity contract prices counted activity: add an 'activity … { measure … price £… per … }'",
    },
  ],
  cquin: [
    {
      holds: (c) => c.members.some((m) => isScheme(m) && m.kind === 'cquin'),
      message: 'add the CQUIN scheme: \'cquin Name "…" worth 1.25% of value { … }\'',
    },
  ],
  'prime-provider': [
    {
      holds: (c) => partiesOf(c, 'prime').length > 0,
      message: "name the prime provider: 'prime <Organisation>'",
    },
  ],
  'sub-contract': [
    {
      holds: (c) => c.members.some(isParentClause),
      message: "name the prime contract this sits under: 'under <Contract>'",
    },
  ],
  capitated: [
    {
      holds: (c) => c.members.some(isCapitation),
      message: 'add the capitation: \'capitation Name "…" { population … rate £… per person per year … }\'',
    },
  ],
  'year-of-care': [
    {
      holds: (c) => c.members.some(isYearOfCare),
      message:
        'add the year-of-care payment: \'year of care Name "…" { cohort from … rate £… per person per year }\'',
    },
  ],
  alliance: [
    {
      holds: (c) => partiesOf(c, 'provider', 'prime').length >= 2,
      message: 'an alliance needs at least two providers',
    },
    {
      holds: (c) => c.members.some(isRiskShare),
      message: 'say how risk and gain are shared: add \'risk share Name "…" { … }\'',
    },
  ],
  pilot: [
    {
      holds: (c) => c.members.some(isPilot),
      message: "say what outcomes gate continuation: add 'pilot { review on … outcome … continue if … }'",
    },
  ],
  'multi-commissioner': [
    {
      holds: (c) => partiesOf(c, 'commissioner').length >= 2,
      message: 'name every commissioner that funds the service (at least two)',
    },
    {
      holds: (c) => c.members.some(isApportionmentClause),
      message: "say how the cost is apportioned: add 'apportioned by fixed' (or population, activity)",
    },
  ],
};

function checkArrangements(contract: Contract, accept: ValidationAcceptor): void {
  for (const kind of arrangementsOf(contract)) {
    for (const requirement of ARRANGEMENT_REQUIREMENTS[kind] ?? []) {
      if (requirement.holds(contract)) continue;
      report(
        accept,
        'error',
        IssueCodes.ArrangementIncomplete,
        `${contractLabel(contract)} is a ${kind} arrangement, so ${requirement.message}.`,
        { node: contract, property: 'name', data: { arrangement: kind } },
      );
    }
  }
  const budgets = [...contract.members.filter(isBudget), ...contract.members.filter(isCapitation)];
  const arrangements = arrangementsOf(contract);
  if (arrangements.includes('capitated') || arrangements.includes('alliance')) {
    const needsBudgetLine =
      arrangements.includes('alliance') && budgets.length === 0 && !contract.members.some(isRiskShare);
    if (needsBudgetLine)
      missing(
        contract,
        accept,
        'the budget the alliance shares',
        'budget £… covers physical-health, mental-health',
      );
  }
  for (const monitor of contract.members.filter(isMonitor)) {
    if (partiesOf(contract, 'provider', 'prime').length > 1 && !monitor.organisation) {
      report(
        accept,
        'error',
        IssueCodes.MissingAccountable,
        `This contract has several providers: say who is accountable for ${monitor.measure.$refText}, e.g. 'accountable <Organisation>'.`,
        { node: monitor, property: 'measure' },
      );
    }
  }
}

function checkTerm(contract: Contract, accept: ValidationAcceptor): void {
  const term = contract.members.find(isTermClause);
  if (term && term.start > term.end) {
    report(
      accept,
      'error',
      IssueCodes.PeriodOutsideYear,
      `The term starts in ${term.start}, after it ends in ${term.end}: swap them.`,
      { node: term },
    );
  }
}

function checkSubContract(contract: Contract, accept: ValidationAcceptor): void {
  const parentClause = contract.members.find(isParentClause);
  for (const flow of contract.members.filter(isFlowDown)) {
    if (!parentClause) {
      report(
        accept,
        'error',
        IssueCodes.ArrangementIncomplete,
        `Only a sub-contract can take a flow-down: add 'under <PrimeContract>'.`,
        { node: flow },
      );
    }
    const share = percentOf(flow.share);
    if (share <= 0 || share > 100) {
      report(
        accept,
        'error',
        IssueCodes.ThresholdOutOfRange,
        `A flow-down share must be more than 0% and at most 100%, not ${flow.share}.`,
        { node: flow, property: 'share' },
      );
    }
  }
  if (!parentClause) return;
  const chain: Contract[] = [contract];
  let current = parentClause.parent.ref;
  while (current) {
    if (chain.includes(current)) {
      const names = [...chain, current].map((c) => c.name).join(' → ');
      report(
        accept,
        'error',
        IssueCodes.CyclicSubContract,
        `Sub-contracts form a cycle (${names}): a contract cannot sit under itself.`,
        { node: parentClause, property: 'parent' },
      );
      return;
    }
    chain.push(current);
    current = current.members.find(isParentClause)?.parent.ref;
  }
}

/** A party's organisation name, for messages. */
export function partyName(party: Party): string {
  return party.organisation.ref?.name ?? party.organisation.$refText;
}

/** How messages name a contract; while a syntax error hides its name, 'This contract'. */
function contractLabel(contract: Contract): string {
  return contract.name ? `Contract ${contract.name}` : 'This contract';
}

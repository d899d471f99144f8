import { beforeAll, describe, expect, test } from 'vitest';
import { IssueCodes, type PlacedDiagnostic } from '../src/index.js';
import { ALLIANCE, CQUIN, check, LIBRARY, OTHER, positionOf } from './helpers.js';

type FileKey = 'lib' | 'cquin' | 'alliance';

interface RuleCase {
  /** The behaviour, read as a sentence. */
  name: string;
  code: string;
  file: FileKey;
  edits: Array<[string, string]>;
  /** Where the problem must be reported: the first occurrence of this text in the edited file. */
  at: string;
  severity?: 'error' | 'warning';
  /** The file the problem is reported in, when it is not the edited one. */
  reportedIn?: FileKey;
}

const BASE: Record<FileKey, string> = { lib: LIBRARY, cquin: CQUIN, alliance: ALLIANCE };
const PATHS: Record<FileKey, string> = {
  lib: '/lib.parity',
  cquin: '/cquin.parity',
  alliance: '/alliance.parity',
};

const CASES: RuleCase[] = [
  {
    name: 'money with misplaced separators',
    code: IssueCodes.InvalidMoney,
    file: 'cquin',
    edits: [['value £1,000,000', 'value £1,00,000']],
    at: '£1,00,000',
  },
  {
    name: 'money with fractions of a penny',
    code: IssueCodes.InvalidMoney,
    file: 'cquin',
    edits: [['£1,250 in', '£1,250.005 in']],
    at: '£1,250.005',
  },
  {
    name: 'a percentage with misplaced separators',
    code: IssueCodes.InvalidPercent,
    file: 'cquin',
    edits: [['weight 60%', 'weight 6,0%']],
    at: '6,0%',
  },
  {
    name: 'a minimum denominator that is not a whole number',
    code: IssueCodes.InvalidNumber,
    file: 'lib',
    edits: [['minimum denominator 20', 'minimum denominator 20.5']],
    at: '20.5',
  },
  {
    name: 'a month that does not exist',
    code: IssueCodes.InvalidDate,
    file: 'cquin',
    edits: [['in 2026/27 Q1 = 10', 'in 2026-13 = 10']],
    at: '2026-13',
  },
  {
    name: 'a financial year that is not April to March',
    code: IssueCodes.InvalidFinancialYear,
    file: 'cquin',
    edits: [['year 2026/27', 'year 2026/28']],
    at: '2026/28',
  },
  {
    name: 'an import of a package no file declares',
    code: IssueCodes.UnknownImport,
    file: 'cquin',
    edits: [['import "lib"', 'import "lbi"']],
    at: '"lbi"',
  },
  {
    name: 'an import that nothing uses',
    code: IssueCodes.UnusedImport,
    file: 'cquin',
    edits: [['import "lib"', 'import "lib"\nimport "other"']],
    at: '"other"',
    severity: 'warning',
  },
  {
    name: 'two indicators with the same name',
    code: IssueCodes.DuplicateName,
    file: 'cquin',
    edits: [['indicator B weight', 'indicator A weight']],
    at: 'A weight 40%',
  },
  {
    name: 'a contract clause given twice',
    code: IssueCodes.DuplicateClause,
    file: 'cquin',
    edits: [['  value £1,000,000', '  value £1,000,000\n  value £2,000,000']],
    at: 'value £2,000,000',
  },
  {
    name: 'a declaration nothing uses',
    code: IssueCodes.UnusedDeclaration,
    file: 'cquin',
    edits: [
      [
        'contract Main',
        'aggregate return Spare "Spare return" {\n  rows are events\n  source "x"\n}\n\ncontract Main',
      ],
    ],
    at: 'Spare "Spare',
    severity: 'warning',
  },
  {
    name: 'an ODS code in the wrong shape',
    code: IssueCodes.InvalidOdsCode,
    file: 'lib',
    edits: [['ods "RAB"', 'ods "rab trust"']],
    at: '"rab trust"',
  },
  {
    name: 'two organisations with one ODS code',
    code: IssueCodes.DuplicateOdsCode,
    file: 'lib',
    edits: [['ods "QAB"', 'ods "QAA"']],
    at: '"QAA" sector commissioner\norganisation MhTrust',
  },
  {
    name: 'a field that would hold an NHS number',
    code: IssueCodes.PatientIdentifiableField,
    file: 'lib',
    edits: [['  smoker: boolean?', '  smoker: boolean?\n  nhs_number: text?']],
    at: 'nhs_number',
  },
  {
    name: 'records dated by a field that is not a date',
    code: IssueCodes.DatedByNotDate,
    file: 'lib',
    edits: [['  source "GP clinical systems"', '  source "GP clinical systems"\n  dated by smoker']],
    at: 'smoker\n',
  },
  {
    name: 'a date ordered after a date-time',
    code: IssueCodes.OrderMismatch,
    file: 'lib',
    edits: [['  offered: date?', '  offered: date? not before referred_at']],
    at: 'referred_at\n',
  },
  {
    name: 'a date ordered after itself',
    code: IssueCodes.OrderMismatch,
    file: 'lib',
    edits: [['  offered: date?', '  offered: date? not before offered']],
    at: 'offered\n',
  },
  {
    name: 'a measure without a direction',
    code: IssueCodes.MissingDirection,
    file: 'lib',
    edits: [['  minimum denominator 20\n  higher is better', '  minimum denominator 20']],
    at: 'Offered "Smokers',
  },
  {
    name: 'a measure without a period basis',
    code: IssueCodes.MissingPeriodBasis,
    file: 'lib',
    edits: [
      [
        '  higher is better\n  period quarter\n}\n\nmeasure Reported',
        '  higher is better\n}\n\nmeasure Reported',
      ],
    ],
    at: 'Offered "Smokers',
  },
  {
    name: 'a two-year term whose value is not given for each year',
    code: IssueCodes.ValueByYear,
    file: 'cquin',
    edits: [['  year 2026/27\n', '  year 2026/27\n  term from 2026-04 to 2028-03\n']],
    at: 'value £1,000,000',
  },
  {
    name: 'a value for a year outside the term',
    code: IssueCodes.ValueByYear,
    file: 'cquin',
    edits: [['  value £1,000,000\n', '  value £1,000,000 in 2027/28\n']],
    at: '2027/28',
  },
  {
    name: 'a dataset that does not say what its rows mean over time',
    code: IssueCodes.MissingOverTime,
    file: 'lib',
    edits: [['  rows are snapshots\n', '']],
    at: 'Register "People',
  },
  {
    name: 'a return that does not say what its rows mean over time',
    code: IssueCodes.MissingOverTime,
    file: 'lib',
    edits: [['  rows are events\n', '']],
    at: 'Returns "Monthly',
  },
  {
    name: 'a record-level dataset of cumulative figures',
    code: IssueCodes.OverTimeMismatch,
    file: 'lib',
    edits: [['  rows are snapshots\n', '  rows are cumulative\n']],
    at: 'cumulative',
  },
  {
    name: 'a level without its reading',
    code: IssueCodes.OverTimeMismatch,
    file: 'lib',
    edits: [['  rows are events\n', '  rows are levels\n']],
    at: 'levels',
  },
  {
    name: 'an indicator expected to be paid on account',
    code: IssueCodes.TestTargetKind,
    file: 'cquin',
    edits: [['expect B earns £1,250 in 2026/27 Q1', 'expect B pays £1,250 on account in 2026/27 Q1']],
    at: 'B pays',
  },
  {
    name: 'a scheme expected to flow down',
    code: IssueCodes.TestTargetKind,
    file: 'cquin',
    edits: [['expect B earns £1,250 in 2026/27 Q1', 'expect Scheme1 flows down £1,250 in 2026/27 Q1']],
    at: 'Scheme1 flows',
  },
  {
    name: 'a dataset read week by week',
    code: IssueCodes.OverTimeMismatch,
    file: 'lib',
    edits: [['  rows are snapshots\n', '  rows are levels read as sum of weeks\n']],
    at: 'sum of weeks',
  },
  {
    name: 'snapshots dated by a field',
    code: IssueCodes.OverTimeMismatch,
    file: 'lib',
    edits: [['  rows are snapshots\n', '  rows are snapshots\n  dated by referred_at\n']],
    at: 'dated by referred_at',
  },
  {
    name: 'a measure without a source dataset',
    code: IssueCodes.MissingClause,
    file: 'lib',
    edits: [['  from Returns\n  minimum', '  minimum']],
    at: 'Reported "Reported',
  },
  {
    name: 'a record-level proportion without a denominator',
    code: IssueCodes.MissingPopulation,
    file: 'lib',
    edits: [['  denominator smoker = true\n', '']],
    at: 'Offered "Smokers',
  },
  {
    name: 'a population written on an aggregate return',
    code: IssueCodes.PopulationOnAggregate,
    file: 'lib',
    edits: [['  from Returns\n  minimum', '  from Returns\n  numerator true\n  minimum']],
    at: 'numerator true',
  },
  {
    name: 'a paying measure without a minimum denominator',
    code: IssueCodes.MissingMinimumDenominator,
    file: 'lib',
    edits: [['  minimum denominator 20\n', '']],
    at: 'Offered',
    reportedIn: 'cquin',
  },
  {
    name: 'a chained population from another dataset',
    code: IssueCodes.ChainedDatasetMismatch,
    file: 'lib',
    edits: [['  denominator smoker = true', '  denominator smoker = true and numerator of Reported']],
    at: 'Reported\n',
  },
  {
    name: 'measures defined in terms of each other',
    code: IssueCodes.CyclicMeasure,
    file: 'lib',
    edits: [['  denominator smoker = true', '  denominator numerator of Offered']],
    at: 'Offered\n  numerator',
  },
  {
    name: 'a parity measure compared with itself',
    code: IssueCodes.ComparatorIsSelf,
    file: 'lib',
    edits: [
      ['  from Returns\n  minimum', '  from Returns\n  scored as parity with Reported as ratio\n  minimum'],
    ],
    at: 'Reported as ratio',
  },
  {
    name: 'a yes/no field compared with text',
    code: IssueCodes.TypeMismatch,
    file: 'lib',
    edits: [['denominator smoker = true', 'denominator smoker = "yes"']],
    at: 'smoker = "yes"',
  },
  {
    name: 'money added to a percentage',
    code: IssueCodes.UnitMismatch,
    file: 'lib',
    edits: [['denominator smoker = true', 'denominator spend + 5% > £10']],
    at: 'spend + 5%',
  },
  {
    name: 'months added to minutes',
    code: IssueCodes.UnitMismatch,
    file: 'lib',
    edits: [['numerator offered within 12 months', 'numerator seen_at - referred_at < 1 month + 30 minutes']],
    at: '1 month + 30 minutes',
  },
  {
    name: 'a number used as a condition',
    code: IssueCodes.ConditionNotBoolean,
    file: 'lib',
    edits: [['numerator offered within 12 months', 'numerator bmi']],
    at: 'bmi\n',
  },
  {
    name: 'a code the field does not allow',
    code: IssueCodes.UnknownCode,
    file: 'lib',
    edits: [['denominator smoker = true', 'denominator ethnicity in ("A", "Z")']],
    at: '"Z"',
    severity: 'warning',
  },
  {
    name: 'a recorded-check on a required field',
    code: IssueCodes.AlwaysRecorded,
    file: 'lib',
    edits: [['denominator smoker = true', 'denominator referred_at is recorded']],
    at: 'referred_at is recorded',
    severity: 'warning',
  },
  {
    name: 'a contract without a year',
    code: IssueCodes.MissingClause,
    file: 'cquin',
    edits: [['  year 2026/27\n', '']],
    at: 'Main "Main',
  },
  {
    name: 'a pilot arrangement without its gate',
    code: IssueCodes.ArrangementIncomplete,
    file: 'cquin',
    edits: [['arrangement cquin', 'arrangement cquin, pilot']],
    at: 'Main "Main',
  },
  {
    name: 'a provider named as commissioner',
    code: IssueCodes.CommissionerSector,
    file: 'cquin',
    edits: [['commissioner Icb', 'commissioner Acute']],
    at: 'Acute',
  },
  {
    name: 'commissioner shares that do not sum to 100%',
    code: IssueCodes.SharesNotHundred,
    file: 'cquin',
    edits: [
      ['arrangement cquin', 'arrangement cquin, multi-commissioner'],
      [
        '  commissioner Icb',
        '  commissioner Icb share 60%\n  commissioner Icb2 share 30%\n  apportioned by fixed',
      ],
    ],
    at: 'apportioned by fixed',
  },
  {
    name: 'a commissioner without its activity when the cost is apportioned by activity',
    code: IssueCodes.SharesNotHundred,
    file: 'cquin',
    edits: [
      ['arrangement cquin', 'arrangement cquin, multi-commissioner'],
      [
        '  commissioner Icb',
        '  commissioner Icb activity from Spend\n  commissioner Icb2\n  apportioned by activity',
      ],
    ],
    at: 'commissioner Icb2',
  },
  {
    name: 'activity counted by a proportion',
    code: IssueCodes.TypeMismatch,
    file: 'cquin',
    edits: [
      ['arrangement cquin', 'arrangement cquin, multi-commissioner'],
      [
        '  commissioner Icb',
        '  commissioner Icb activity from Spend\n  commissioner Icb2 activity from Reported\n  apportioned by activity',
      ],
    ],
    at: 'Reported\n  apportioned',
  },
  {
    name: 'a commissioner without a population when the cost is apportioned by population',
    code: IssueCodes.SharesNotHundred,
    file: 'cquin',
    edits: [
      ['arrangement cquin', 'arrangement cquin, multi-commissioner'],
      [
        '  commissioner Icb',
        '  commissioner Icb population 250,000\n  commissioner Icb2\n  apportioned by population',
      ],
    ],
    at: 'commissioner Icb2',
  },
  {
    name: 'a test period outside the contract year',
    code: IssueCodes.PeriodOutsideYear,
    file: 'cquin',
    edits: [['in 2026/27 Q1 = 10', 'in 2027/28 Q1 = 10']],
    at: '2027/28',
  },
  {
    name: 'sub-contracts that sit under each other',
    code: IssueCodes.CyclicSubContract,
    file: 'cquin',
    edits: [
      ['  value £1,000,000', '  value £1,000,000\n  under Second'],
      [
        'test "half',
        'contract Second "Second" {\n  arrangement sub-contract\n  year 2026/27\n  commissioner Icb\n  provider MhTrust\n  under Main\n}\n\ntest "half',
      ],
    ],
    at: 'Second\n',
  },
  {
    name: 'an alliance budget that leaves out mental health',
    code: IssueCodes.BudgetCoverage,
    file: 'alliance',
    edits: [['budget £50m covers physical-health, mental-health', 'budget £50m covers physical-health']],
    at: 'Pot "Alliance',
  },
  {
    name: 'a mental health trust paid on physical-health data with no named source',
    code: IssueCodes.CrossSectorSource,
    file: 'lib',
    edits: [['  source "GP clinical systems"\n', '']],
    at: 'Offered\n      linear',
    reportedIn: 'cquin',
  },
  {
    name: 'an indicator with no accountable provider among several',
    code: IssueCodes.MissingAccountable,
    file: 'cquin',
    edits: [['  provider MhTrust', '  provider MhTrust\n  provider Acute']],
    at: 'A weight',
  },
  {
    name: 'indicator weights that do not sum to 100%',
    code: IssueCodes.WeightsNotHundred,
    file: 'cquin',
    edits: [['weight 60%', 'weight 50%']],
    at: 'Scheme1',
  },
  {
    name: 'indicator weights given in different ways',
    code: IssueCodes.MixedWeights,
    file: 'cquin',
    edits: [['weight 40%', 'weight £5,000']],
    at: 'Scheme1',
  },
  {
    name: 'a scheme that does not say how it is assessed',
    code: IssueCodes.MissingAssessment,
    file: 'cquin',
    edits: [['    assessed quarterly\n', '']],
    at: 'Scheme1',
  },
  {
    name: 'an indicator with no payment rule',
    code: IssueCodes.MissingPaymentRule,
    file: 'cquin',
    edits: [['      all or nothing at 50%\n', '']],
    at: 'B weight',
  },
  {
    name: 'an indicator with no measure',
    code: IssueCodes.MissingMeasure,
    file: 'cquin',
    edits: [['      measure Reported\n', '']],
    at: 'B weight',
  },
  {
    name: 'a threshold above 100%',
    code: IssueCodes.ThresholdOutOfRange,
    file: 'cquin',
    edits: [['to 60%', 'to 160%']],
    at: '160%',
  },
  {
    name: 'a higher-is-better scale that falls',
    code: IssueCodes.ThresholdOrder,
    file: 'cquin',
    edits: [['linear from 40% to 60%', 'linear from 60% to 40%']],
    at: 'linear from 60%',
  },
  {
    name: 'a plain number as a threshold on a percentage',
    code: IssueCodes.ThresholdUnit,
    file: 'cquin',
    edits: [['all or nothing at 50%', 'all or nothing at 50']],
    at: '50\n',
  },
  {
    name: 'a gain cap of nothing',
    code: IssueCodes.InertIncentive,
    file: 'alliance',
    edits: [['cap gain at 2% of budget', 'cap gain at 0% of budget']],
    at: 'cap gain at 0%',
  },
  {
    name: 'share bands out of order',
    code: IssueCodes.BandOrder,
    file: 'alliance',
    edits: [
      [
        'gain shared providers 50%, commissioner 50%',
        'gain shared {\n      up to 3% of budget: providers 50%, commissioner 50%\n      up to 2% of budget: providers 0%, commissioner 100%\n      beyond: providers 0%, commissioner 100%\n    }',
      ],
    ],
    at: 'up to 2%',
  },
  {
    name: 'a quality gate that needs more measures than it lists',
    code: IssueCodes.UnreachableQualityGate,
    file: 'alliance',
    edits: [['quality gate 1 of', 'quality gate 3 of']],
    at: '3 of',
  },
  {
    name: 'a risk share that does not say how a part-year outturn meets the budget',
    code: IssueCodes.MissingClause,
    file: 'alliance',
    edits: [['    part year compared with budget for months reported\n', '']],
    at: 'Pot "Alliance',
  },
  {
    name: 'several providers sharing with no split',
    code: IssueCodes.MissingProviderSplit,
    file: 'alliance',
    edits: [['    among providers pro rata to value\n', '']],
    at: 'Pot "Alliance',
  },
  {
    name: 'a second collar on losses, which would be ignored',
    code: IssueCodes.DuplicateLimit,
    file: 'alliance',
    edits: [['collar loss at 1% of budget', 'collar loss at 1% of budget\n    collar loss at £1,000,000']],
    at: 'collar loss at £1,000,000',
  },
  {
    name: 'fractional shares that do not make the whole',
    code: IssueCodes.SharesNotHundred,
    file: 'alliance',
    edits: [
      [
        'among providers pro rata to value',
        'among providers fixed {\n      MhTrust 1/3\n      Acute 1/2\n    }',
      ],
    ],
    at: 'among providers fixed',
  },
  {
    name: 'shares of a third written as 33.33%',
    code: IssueCodes.SharesNotHundred,
    file: 'alliance',
    edits: [
      [
        'among providers pro rata to value',
        'among providers fixed {\n      MhTrust 33.33%\n      Acute 66.66%\n    }',
      ],
    ],
    at: 'among providers fixed',
  },
  {
    name: 'a fractional share over nothing',
    code: IssueCodes.InvalidNumber,
    file: 'alliance',
    edits: [
      [
        'among providers pro rata to value',
        'among providers fixed {\n      MhTrust 1/0\n      Acute 1/1\n    }',
      ],
    ],
    at: 'MhTrust 1/0',
  },
  {
    name: "the providers' part divided two ways",
    code: IssueCodes.DuplicateClause,
    file: 'alliance',
    edits: [
      ['among providers pro rata to value', 'among providers pro rata to value\n    among providers equally'],
    ],
    at: 'among providers equally',
  },
  {
    name: 'rounding each line and the annual amount at once',
    code: IssueCodes.ConflictingRounding,
    file: 'cquin',
    edits: [
      [
        '  value £1,000,000',
        '  value £1,000,000\n  rounding half-up to penny per line\n  round the annual amount, pay monthly instalments',
      ],
    ],
    at: 'round the annual',
  },
  {
    name: 'an annual rounding policy with no monthly per-head payment to round',
    code: IssueCodes.InertRoundingPolicy,
    file: 'cquin',
    edits: [['  value £1,000,000', '  value £1,000,000\n  round the annual amount, pay monthly instalments']],
    at: 'round the annual',
    severity: 'warning',
  },
  {
    name: 'a test that expects a measure to earn money',
    code: IssueCodes.TestTargetKind,
    file: 'cquin',
    edits: [['expect B earns', 'expect Reported earns']],
    at: 'Reported earns',
  },
  {
    name: 'a test that expects a contract without a pilot to continue',
    code: IssueCodes.TestTargetKind,
    file: 'cquin',
    edits: [['expect B earns £1,250 in 2026/27 Q1', 'expect Main continues']],
    at: 'Main continues',
  },
  {
    name: 'an evidence reference given for a measure that is not an attestation',
    code: IssueCodes.TestTargetKind,
    file: 'cquin',
    edits: [
      [
        'given Reported in 2026/27 Q1 = 10 of 20',
        'given Reported in 2026/27 Q1 = 1 evidence "Board paper 14"',
      ],
    ],
    at: '"Board paper 14"',
  },
  {
    name: 'an all-or-nothing threshold every result reaches',
    code: IssueCodes.InertIncentive,
    file: 'cquin',
    edits: [['all or nothing at 50%', 'all or nothing at 0%']],
    at: 'all or nothing at 0%',
  },
  {
    name: 'a minimum gain no outturn could pass',
    code: IssueCodes.InertIncentive,
    file: 'alliance',
    edits: [['outturn from Spend', 'outturn from Spend\n    minimum gain 150% of budget']],
    at: '150% of budget',
  },
  {
    name: 'a deadband of the whole budget, written in money',
    code: IssueCodes.InertIncentive,
    file: 'alliance',
    edits: [['outturn from Spend', 'outturn from Spend\n    deadband gain £50m']],
    at: '£50m\n    part',
  },
  {
    name: 'indicators that add up to less than their scheme is worth',
    code: IssueCodes.IndicatorsNotWorth,
    file: 'cquin',
    edits: [
      ['weight 60%', 'weight 0.1% of value'],
      ['weight 40%', 'weight 0.15% of value'],
    ],
    at: '1.25% of value',
  },
  {
    name: 'indicator parts whose shares do not make 100% of the indicator',
    code: IssueCodes.PartSharesNotHundred,
    file: 'cquin',
    edits: [
      [
        'measure Offered\n      linear from 40% to 60%',
        'part A1 share 70% {\n        measure Offered\n        linear from 40% to 60%\n      }\n      part A2 share 20% {\n        measure Reported\n        all or nothing at 50%\n      }',
      ],
    ],
    at: 'A weight 60%',
  },
  {
    name: 'a cost carried by an organisation the contract does not pay',
    code: IssueCodes.CostCarrierNotParty,
    file: 'cquin',
    edits: [
      ['arrangement cquin', 'arrangement cquin, activity'],
      [
        '  value £1,000,000\n',
        '  value £1,000,000\n  activity Visits "Visits" {\n    measure Spend\n    price £100 per visit\n  }\n  cost Team "Team" £120,000 a year\n    carried by Acute\n    funded by Visits\n',
      ],
    ],
    at: 'Acute\n',
  },
  {
    name: 'a test that expects a cost to earn',
    code: IssueCodes.TestTargetKind,
    file: 'cquin',
    edits: [
      ['arrangement cquin', 'arrangement cquin, activity'],
      [
        '  value £1,000,000\n',
        '  value £1,000,000\n  activity Visits "Visits" {\n    measure Spend\n    price £100 per visit\n  }\n  cost Team "Team" £120,000 a year\n    carried by MhTrust\n    funded by Visits\n',
      ],
      ['expect B earns £1,250 in 2026/27 Q1', 'expect Team earns £0 in 2026/27 Q1'],
    ],
    at: 'Team earns',
  },
  {
    name: 'an indicator with parts that also has a measure of its own',
    code: IssueCodes.PartsAndRule,
    file: 'cquin',
    edits: [
      [
        'linear from 40% to 60%',
        'part A1 share 80% {\n        measure Offered\n        linear from 40% to 60%\n      }\n      part A2 share 20% {\n        measure Reported\n        all or nothing at 50%\n      }',
      ],
    ],
    at: 'measure Offered',
  },
  {
    name: 'parity between groups of a measure that is not stratified',
    code: IssueCodes.ParityWithoutStrata,
    file: 'lib',
    edits: [
      [
        'numerator offered within 12 months',
        'numerator offered within 12 months\n  scored as parity across strata as gap',
      ],
    ],
    at: 'across strata',
  },
  {
    name: 'parity of a group that is not a code of the stratifying field',
    code: IssueCodes.UnknownCode,
    file: 'lib',
    edits: [
      [
        'numerator offered within 12 months',
        'numerator offered within 12 months\n  scored as parity of "C" against rest as gap\n  stratified by ethnicity',
      ],
    ],
    at: '"C"',
  },
  {
    name: 'a baseline year that is not before the contract year',
    code: IssueCodes.BaselineNotBefore,
    file: 'alliance',
    edits: [['monitor Offered target 60%', 'monitor Offered target 10% above baseline 2026/27']],
    at: '2026/27 accountable',
  },
];

/** New constructs written correctly: each set of edits checks with no problems at all. */
const CORRECT: Array<{ name: string; edits: Partial<Record<FileKey, Array<[string, string]>>> }> = [
  {
    name: 'a return of levels given week by week',
    edits: { lib: [['  rows are events\n', '  rows are levels read as sum of weeks\n']] },
  },
  {
    name: 'indicators weighted as shares of the contract value that add up to the scheme',
    edits: {
      cquin: [
        ['weight 60%', 'weight 0.75% of value'],
        ['weight 40%', 'weight 0.5% of value'],
      ],
    },
  },
  {
    name: 'a minimum gain and a deadband within the budget',
    edits: {
      alliance: [
        ['outturn from Spend', 'outturn from Spend\n    minimum gain 99% of budget\n    deadband loss £60m'],
      ],
    },
  },
  {
    name: 'a cap and a collar that are the lesser or greater of several amounts',
    edits: {
      alliance: [
        ['cap gain at 2% of budget', 'cap gain at lesser of (2% of budget, £1,000,000)'],
        ['collar loss at 1% of budget', 'collar loss at greater of (1% of budget, £250k, 0.5% of value)'],
      ],
    },
  },
  {
    name: 'a pilot whose continuation a test expects, before and at its review',
    edits: {
      cquin: [
        ['arrangement cquin', 'arrangement cquin, pilot'],
        [
          '  value £1,000,000\n',
          '  value £1,000,000\n  pilot {\n    review on 2027-03-01\n    outcome Reported target 50%\n    continue if all outcomes met\n  }\n',
        ],
        [
          'expect B earns £1,250 in 2026/27 Q1',
          'expect B earns £1,250 in 2026/27 Q1\n  expect Main does not continue',
        ],
      ],
    },
  },
  {
    name: 'a cost a provider carries, funded by an activity, and a test of its unfunded gap',
    edits: {
      cquin: [
        ['arrangement cquin', 'arrangement cquin, activity'],
        [
          '  value £1,000,000\n',
          '  value £1,000,000\n  activity Visits "Visits" {\n    measure Spend\n    price £100 per visit\n  }\n  cost Team "Team" £120,000 a year\n    carried by MhTrust\n    funded by Visits\n',
        ],
        [
          'expect B earns £1,250 in 2026/27 Q1',
          'expect B earns £1,250 in 2026/27 Q1\n  expect Team leaves £30,000 unfunded in 2026/27 Q1',
        ],
      ],
    },
  },
  {
    name: 'an indicator in parts, each with its own measure, rule and share, and a test of a part',
    edits: {
      cquin: [
        [
          'measure Offered\n      linear from 40% to 60%',
          'part A1 "Offered" share 80% {\n        measure Offered\n        linear from 40% to 60%\n      }\n      part A2 share 20% {\n        measure Reported\n        all or nothing at 50%\n      }',
        ],
        [
          'expect B earns £1,250 in 2026/27 Q1',
          'expect B earns £1,250 in 2026/27 Q1\n  expect A1 earns £0 in 2026/27 Q1',
        ],
      ],
    },
  },
  {
    name: 'an attestation given in a test with its evidence reference',
    edits: {
      lib: [
        [
          'measure Reported "Reported proportion" {',
          'measure Attested "Board champion appointed" {\n  domain mental-health\n  from Returns\n  scored as attestation evidence required\n  higher is better\n  period quarter\n}\n\nmeasure Reported "Reported proportion" {',
        ],
      ],
      cquin: [
        [
          'given Reported in 2026/27 Q1 = 10 of 20',
          'given Reported in 2026/27 Q1 = 10 of 20\n  given Attested in 2026/27 Q1 = 1 evidence "Board paper 14"',
        ],
      ],
    },
  },
  {
    name: 'commissioners apportioned by activity, each with a measure counting it',
    edits: {
      cquin: [
        ['arrangement cquin', 'arrangement cquin, multi-commissioner'],
        [
          '  commissioner Icb',
          '  commissioner Icb activity from Spend\n  commissioner Icb2 activity from Spend\n  apportioned by activity',
        ],
      ],
    },
  },
  {
    name: 'commissioners apportioned by population, each with its own',
    edits: {
      cquin: [
        ['arrangement cquin', 'arrangement cquin, multi-commissioner'],
        [
          '  commissioner Icb',
          '  commissioner Icb population 250,000\n  commissioner Icb2 population 150,000\n  apportioned by population',
        ],
      ],
    },
  },
  {
    name: "the providers' part divided equally",
    edits: { alliance: [['among providers pro rata to value', 'among providers equally']] },
  },
  {
    name: 'fixed shares written as fractions, and fractions beside percentages',
    edits: {
      alliance: [
        [
          'among providers pro rata to value',
          'among providers fixed {\n      MhTrust 1/3\n      Acute 2/3\n    }',
        ],
      ],
    },
  },
  {
    name: 'a half as 1/2 beside 50%',
    edits: {
      alliance: [
        [
          'among providers pro rata to value',
          'among providers fixed {\n      MhTrust 1/2\n      Acute 50%\n    }',
        ],
      ],
    },
  },
  {
    name: 'a year of care rounded once for the year and paid in monthly instalments',
    edits: {
      lib: [['  offered: date?', '  offered: date?\n  joined_on: date\n  left_on: date?']],
      cquin: [
        ['arrangement cquin', 'arrangement cquin, year-of-care'],
        [
          '  value £1,000,000',
          '  value £1,000,000\n  round the annual amount, pay monthly instalments\n  year of care Cohort "People on the register" {\n    cohort from Register joined joined_on left left_on\n    rate £2,400 per person per year\n    covers physical-health, mental-health\n  }',
        ],
      ],
    },
  },
  {
    name: 'strata with their own minimum, and gaps between the best and worst group and between a group and the rest',
    edits: {
      lib: [
        [
          '  minimum denominator 20\n  higher is better\n  period quarter\n}',
          '  minimum denominator 20\n  higher is better\n  period quarter\n  stratified by ethnicity with minimum 5\n}\n\nmeasure OfferedGap "Gap in support offered between ethnic groups" {\n  domain physical-health\n  from Register\n  denominator smoker = true\n  numerator offered within 12 months\n  scored as parity across strata as gap\n  minimum denominator 20\n  lower is better\n  period quarter\n  stratified by ethnicity with minimum 5\n}\n\nmeasure OfferedGroupA "Support offered to group A against the rest" {\n  domain physical-health\n  from Register\n  denominator smoker = true\n  numerator offered within 12 months\n  scored as parity of "A" against rest as ratio\n  minimum denominator 20\n  higher is better\n  period quarter\n  stratified by ethnicity\n}',
        ],
      ],
      alliance: [
        [
          'monitor Offered target 60% accountable MhTrust',
          'monitor Offered target 60% accountable MhTrust\n  monitor OfferedGap target 10% accountable MhTrust\n  monitor OfferedGroupA target 90% accountable MhTrust',
        ],
      ],
    },
  },
  {
    name: 'targets on a baseline year and on a declared baseline value',
    edits: {
      alliance: [
        [
          'monitor Offered target 60% accountable MhTrust',
          'monitor Offered target 10% above baseline 2025/26 accountable MhTrust\n  monitor Reported target 5 above baseline 40% accountable Acute',
        ],
      ],
    },
  },
];

describe.each(CORRECT)('accepts $name', ({ edits }) => {
  test('with no problems', async () => {
    const base = { ...BASE };
    for (const [file, changes] of Object.entries(edits) as Array<[FileKey, Array<[string, string]>]>) {
      for (const [from, to] of changes) {
        if (!base[file].includes(from)) throw new Error(`edit does not apply: ${from}`);
        base[file] = base[file].replace(from, to);
      }
    }
    expect(await check(sourcesOf(base))).toEqual([]);
  });
});

function edited(testCase: RuleCase): Record<string, string> {
  let text = BASE[testCase.file];
  for (const [from, to] of testCase.edits) {
    if (!text.includes(from)) throw new Error(`edit does not apply: ${from}`);
    text = text.replace(from, to);
  }
  return { ...sourcesOf(BASE), [PATHS[testCase.file]]: text };
}

function sourcesOf(base: Record<FileKey, string>): Record<string, string> {
  return {
    [PATHS.lib]: base.lib,
    [PATHS.cquin]: base.cquin,
    [PATHS.alliance]: base.alliance,
    '/other.parity': OTHER,
  };
}

let baseline: PlacedDiagnostic[] = [];
beforeAll(async () => {
  baseline = await check(sourcesOf(BASE));
});

test('the base library and contracts check with no problems at all', () => {
  expect(baseline).toEqual([]);
});

test('every issue code has at least one rule case', () => {
  const covered = new Set(CASES.map((c) => c.code));
  expect(Object.values(IssueCodes).filter((code) => !covered.has(code))).toEqual([]);
});

describe.each(CASES)('$code', (testCase) => {
  test(`reports ${testCase.name} where it is written`, async () => {
    const files = edited(testCase);
    const path = PATHS[testCase.reportedIn ?? testCase.file];
    const diagnostics = await check(files);
    const expected = positionOf(files[path] ?? '', testCase.at);
    const found = diagnostics.filter((d) => d.code === testCase.code && d.file === path);
    expect(found.map((d) => ({ line: d.line, column: d.column, severity: d.severity }))).toContainEqual({
      ...expected,
      severity: testCase.severity ?? 'error',
    });
    expect(found.every((d) => d.message.length > 20)).toBe(true);
  });

  test('does not report it on the correct contract', () => {
    expect(baseline.filter((d) => d.code === testCase.code)).toEqual([]);
  });
});

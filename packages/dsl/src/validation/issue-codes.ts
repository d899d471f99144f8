/**
 * Every problem the Parity checker reports has one of these codes. Quick fixes switch on them and
 * tests assert on them, so a code is never renamed once published.
 */
export const IssueCodes = {
  // literals
  InvalidMoney: 'invalid-money',
  InvalidPercent: 'invalid-percent',
  InvalidNumber: 'invalid-number',
  InvalidDate: 'invalid-date',
  InvalidFinancialYear: 'invalid-financial-year',
  // names and imports
  UnknownImport: 'unknown-import',
  UnusedImport: 'unused-import',
  DuplicateName: 'duplicate-name',
  DuplicateClause: 'duplicate-clause',
  UnusedDeclaration: 'unused-declaration',
  // organisations and data
  InvalidOdsCode: 'invalid-ods-code',
  DuplicateOdsCode: 'duplicate-ods-code',
  PatientIdentifiableField: 'patient-identifiable-field',
  DatedByNotDate: 'dated-by-not-date',
  OrderMismatch: 'order-mismatch',
  MissingOverTime: 'missing-over-time',
  ValueByYear: 'value-by-year',
  OverTimeMismatch: 'over-time-mismatch',
  // measures
  MissingDirection: 'missing-direction',
  MissingPeriodBasis: 'missing-period-basis',
  MissingPopulation: 'missing-population',
  PopulationOnAggregate: 'population-on-aggregate',
  MissingMinimumDenominator: 'missing-minimum-denominator',
  ChainedDatasetMismatch: 'chained-dataset-mismatch',
  CyclicMeasure: 'cyclic-measure',
  ComparatorIsSelf: 'comparator-is-self',
  ParityWithoutStrata: 'parity-without-strata',
  // expressions
  TypeMismatch: 'type-mismatch',
  UnitMismatch: 'unit-mismatch',
  ConditionNotBoolean: 'condition-not-boolean',
  UnknownCode: 'unknown-code',
  AlwaysRecorded: 'always-recorded',
  // contracts
  MissingClause: 'missing-clause',
  ArrangementIncomplete: 'arrangement-incomplete',
  CommissionerSector: 'commissioner-sector',
  SharesNotHundred: 'shares-not-100',
  PeriodOutsideYear: 'period-outside-year',
  CyclicSubContract: 'cyclic-sub-contract',
  BudgetCoverage: 'budget-coverage',
  CrossSectorSource: 'cross-sector-source',
  MissingAccountable: 'missing-accountable',
  CostCarrierNotParty: 'cost-carrier-not-party',
  BaselineNotBefore: 'baseline-not-before-year',
  // incentives
  WeightsNotHundred: 'weights-not-100',
  MixedWeights: 'mixed-weights',
  MissingAssessment: 'missing-assessment',
  MissingPaymentRule: 'missing-payment-rule',
  MissingMeasure: 'missing-measure',
  ThresholdOutOfRange: 'threshold-out-of-range',
  ThresholdOrder: 'threshold-order',
  ThresholdUnit: 'threshold-unit',
  InertIncentive: 'inert-incentive',
  IndicatorsNotWorth: 'indicators-not-worth',
  PartSharesNotHundred: 'part-shares-not-100',
  PartsAndRule: 'parts-and-rule',
  // shares
  BandOrder: 'band-order',
  UnreachableQualityGate: 'unreachable-quality-gate',
  MissingProviderSplit: 'missing-provider-split',
  DuplicateLimit: 'duplicate-limit',
  // rounding
  ConflictingRounding: 'conflicting-rounding',
  InertRoundingPolicy: 'inert-rounding-policy',
  // tests
  TestTargetKind: 'test-target-kind',
} as const;

export type IssueCode = (typeof IssueCodes)[keyof typeof IssueCodes];

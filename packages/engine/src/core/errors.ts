/** The closed list of reasons the engine refuses its input. */
export const DomainErrorCodes = {
  InvalidModel: 'invalid-model',
  InvalidObservations: 'invalid-observations',
  UnknownMeasure: 'unknown-measure',
  UnknownDataset: 'unknown-dataset',
  UnknownProvider: 'unknown-provider',
  PeriodOutsideContract: 'period-outside-contract',
  NegativeCount: 'negative-count',
  NumeratorAboveDenominator: 'numerator-above-denominator',
  InvalidRecord: 'invalid-record',
  MissingParent: 'missing-parent',
} as const;

export type DomainErrorCode = (typeof DomainErrorCodes)[keyof typeof DomainErrorCodes];

/**
 * The one error the engine throws: bad input, named by a code, with a message saying what is wrong.
 * The engine never returns a wrong number instead.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

import { contractValue, type Indicator, isContract, isIndicator, type Scheme } from '@parity/dsl';
import { allocatePence, formatPence, fromPercent, parseMoney, rational, roundPence } from '@parity/engine';
import { AstUtils } from 'langium';

const HALF_UP = { mode: 'half-up' as const, unit: 'penny' as const };

/**
 * What is at stake in a scheme or indicator, computed from the source as the engine would: the
 * scheme's value, and each indicator's share of it (parts summing to the scheme). Undefined when
 * the contract does not yet say enough to know.
 */
export function schemeValuePence(scheme: Scheme): bigint | undefined {
  try {
    if (scheme.worth?.money) return parseMoney(scheme.worth.money);
    const contract = AstUtils.getContainerOfType(scheme, isContract);
    const value = contract && contractValue(contract);
    if (!scheme.worth?.percent || !value || scheme.worth.base !== 'value') return undefined;
    const pence = parseMoney(value);
    const pct = fromPercent(scheme.worth.percent.replace('%', '').replaceAll(',', ''));
    return roundPence({ n: pence * pct.n, d: pct.d }, HALF_UP);
  } catch {
    return undefined;
  }
}

export function indicatorValuePence(indicator: Indicator): bigint | undefined {
  try {
    if (indicator.weight?.money) return parseMoney(indicator.weight.money);
    const scheme = indicator.$container as Scheme;
    const total = schemeValuePence(scheme);
    if (total === undefined || !indicator.weight?.percent || indicator.weight.base) return undefined;
    const indicators = scheme.members.filter(isIndicator).filter((i) => i.weight?.percent && !i.weight.base);
    const weights = indicators.map((i) =>
      fromPercent((i.weight.percent ?? '0%').replace('%', '').replaceAll(',', '')),
    );
    const parts = allocatePence(
      total,
      weights.some((w) => w.n > 0n) ? weights : weights.map(() => rational(1n)),
    );
    return parts[indicators.indexOf(indicator)];
  } catch {
    return undefined;
  }
}

export function describeIndicatorStake(indicator: Indicator): string | undefined {
  const value = indicatorValuePence(indicator);
  if (value === undefined) return undefined;
  const scheme = indicator.$container as Scheme;
  const quarterly = scheme.members.some(
    (m) => m.$type === 'AssessmentClause' && (m as { basis?: string }).basis === 'quarterly',
  );
  const quarters = quarterly
    ? allocatePence(value, [rational(1n), rational(1n), rational(1n), rational(1n)])
    : [];
  return `${formatPence(value)} a year${quarterly ? ` (${quarters.map(formatPence).join(' + ')} by quarter)` : ''}`;
}

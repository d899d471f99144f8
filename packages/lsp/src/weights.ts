/**
 * Scales percentages so they sum to exactly 100%, to two decimal places, keeping their proportions;
 * the last weight takes the rounding remainder. Undefined when the weights are all zero.
 */
export function normalisedWeights(weights: string[]): string[] | undefined {
  const hundredths = weights.map((w) => Math.round(Number(w.replace('%', '').replaceAll(',', '')) * 100));
  const total = hundredths.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  const scaled = hundredths.map((h) => Math.floor((h * 10_000) / total));
  const remainder = 10_000 - scaled.reduce((a, b) => a + b, 0);
  scaled[scaled.length - 1] = (scaled[scaled.length - 1] ?? 0) + remainder;
  return scaled.map(
    (h) =>
      `${(h / 100)
        .toFixed(2)
        .replace(/\.00$/, '')
        .replace(/(\.\d)0$/, '$1')}%`,
  );
}

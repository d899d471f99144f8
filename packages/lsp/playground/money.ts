/** Pounds as the service sends them (`"262500.00"`, a decimal string) written for people: `£262,500.00`. */
export function formatPounds(pounds: string): string {
  const negative = pounds.startsWith('-');
  const [whole = '0', pence] = (negative ? pounds.slice(1) : pounds).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}£${grouped}${pence === undefined ? '' : `.${pence}`}`;
}

/** A proportion (`"0.4375"`) as a percentage with one decimal place: `43.8%`. */
export function formatShare(value: string | undefined): string {
  if (value === undefined) return '';
  const number = Number(value);
  return Number.isFinite(number) ? `${(number * 100).toFixed(1)}%` : value;
}

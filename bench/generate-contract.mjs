/**
 * Writes a valid Parity contract of about `lines` lines: a dataset, many measures over it, and a
 * contract whose CQUIN schemes pay on them. Used by benchmarks as a large, realistic document.
 */
export function generateContract(lines) {
  const measures = Math.max(1, Math.floor(lines / 14));
  const out = ['package generated', 'import "nhs/organisations"', ''];
  out.push(
    'dataset Records "Generated records" per person {',
    '  source "Generated for benchmarking"',
    '  person: pseudonym',
    '  eligible: boolean',
    '  checked: date?',
    '  value: decimal?',
    '}',
    '',
  );
  for (let i = 0; i < measures; i++) {
    out.push(
      `measure M${i} "Generated measure ${i}" {`,
      '  domain mental-health',
      '  from Records',
      `  denominator eligible = true and (value > ${i} or value is not recorded)`,
      '  numerator checked within 12 months',
      '  minimum denominator 20',
      '  higher is better',
      '  period quarter',
      '}',
      '',
    );
  }
  out.push(
    'contract Generated "Generated contract" {',
    '  arrangement cquin',
    '  year 2026/27',
    '  commissioner WestYorkshireICB',
    '  provider BradfordDistrictCare',
    '  value £84,000,000',
    '',
  );
  const perScheme = 10;
  for (let s = 0; s * perScheme < measures; s++) {
    const count = Math.min(perScheme, measures - s * perScheme);
    out.push(`  cquin S${s} "Scheme ${s}" worth 0.01% of value {`, '    assessed quarterly');
    for (let k = 0; k < count; k++) {
      const i = s * perScheme + k;
      const weight = k === count - 1 ? 100 - Math.floor(100 / count) * (count - 1) : Math.floor(100 / count);
      out.push(
        `    indicator I${i} weight ${weight}% {`,
        `      measure M${i}`,
        '      linear from 40% to 60%',
        '    }',
      );
    }
    out.push('  }');
  }
  out.push('}', '');
  return out.join('\n');
}

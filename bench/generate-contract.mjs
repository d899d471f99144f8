/**
 * Writes a valid Parity contract of about `lines` lines: a dataset, many measures over it, and a
 * contract whose CQUIN schemes pay on them. Used by benchmarks as a large, realistic document.
 */
export function generateContract(lines) {
  const measures = Math.max(1, Math.floor(lines / 14));
  const out = ['package generated', 'import "nhs/organisations"', ''];
  out.push(...recordsAndMeasures(measures, 'Generated for benchmarking'));
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

// Library measures (proportions, higher is better) that generated contracts pay on, by the package
// they are imported from and the alias they are referred to by.
const LIBRARY_MEASURES = [
  ['smi', 'SixChecksComplete'],
  ['smi', 'SmokingStatusRecorded'],
  ['smi', 'SmokersOfferedCessation'],
  ['smi', 'WeightMonitoredOnAntipsychotics'],
  ['smi', 'WeightGainOfferedIntervention'],
  ['tobacco', 'TobaccoScreened'],
  ['tobacco', 'TobaccoBriefAdvice'],
  ['tobacco', 'TobaccoReferralAndMedication'],
  ['tobacco', 'AlcoholScreened'],
  ['tobacco', 'AlcoholBriefAdvice'],
  ['liaison', 'EmergencyResponseWithinOneHour'],
  ['liaison', 'UrgentWardWithin24Hours'],
  ['liaison', 'SelfHarmPsychosocialAssessment'],
  ['perinatal', 'AskedAboutMentalHealth'],
  ['perinatal', 'AssessedWithin28Days'],
  ['perinatal', 'AssessedAtHomeOrClinic'],
];

// Commissioner and provider pairs from the library's organisation register.
const PARTIES = [
  ['BradfordPlace', 'BradfordDistrictCare'],
  ['WestYorkshireICB', 'BradfordTeachingHospitals'],
  ['HullPlace', 'HumberTeaching'],
  ['OxfordshirePlace', 'OxfordHealth'],
  ['OldhamPlace', 'PennineCare'],
  ['SouthEastLondonICB', 'SouthLondonAndMaudsley'],
  ['CityAndHackneyPlace', 'EastLondonNhsFT'],
  ['DevonICB', 'DevonPartnership'],
];

/**
 * Writes a valid contract file of about `lines` lines as an author would: local measures over a
 * local dataset (about half the file), then several CQUIN contracts between organisations of the
 * shared library, whose indicators pay on local measures and on the library's national measures,
 * with monitor-only library measures and a test per contract. Imports the library, so it is checked
 * against it as a workspace file is in an editor.
 */
export function generateLibraryContract(lines) {
  const measures = Math.max(4, Math.round((lines * 0.45) / 10));
  const out = [
    'package generated.cquins',
    '',
    'import "nhs/organisations"',
    'import "nhs/measures/smi"',
    'import "nhs/measures/tobacco_alcohol" as tobacco',
    'import "nhs/measures/liaison"',
    'import "nhs/measures/perinatal"',
    '',
    ...recordsAndMeasures(measures, 'Provider electronic patient record, submitted monthly'),
  ];
  const schemes = 3;
  const perScheme = 6;
  let local = 0;
  for (let c = 0; out.length < lines - 10; c++) {
    const [commissioner, provider] = PARTIES[c % PARTIES.length];
    out.push(
      `contract C${c} "Generated CQUIN contract ${c}" {`,
      '  arrangement cquin',
      '  year 2026/27',
      `  commissioner ${commissioner}`,
      `  provider ${provider}`,
      `  value £${(20 + c) * 1_000_000}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
      '',
    );
    const library = LIBRARY_MEASURES.map((_, k) => LIBRARY_MEASURES[(c * 5 + k) % LIBRARY_MEASURES.length]);
    let fromLibrary = 0;
    const firstMeasure = `M${local % measures}`;
    for (let s = 0; s < schemes; s++) {
      out.push(
        `  cquin S${c}_${s} "Scheme ${s} of contract ${c}" worth 0.5% of value {`,
        '    assessed quarterly',
      );
      for (let k = 0; k < perScheme; k++) {
        const measure = k % 3 === 2 ? library[fromLibrary++].join('.') : `M${local++ % measures}`;
        const weight = k === perScheme - 1 ? 100 - 16 * (perScheme - 1) : 16;
        out.push(
          `    indicator I${c}_${s}_${k} weight ${weight}% {`,
          `      measure ${measure}`,
          '      linear from 40% to 60%',
          '    }',
        );
      }
      out.push('  }', '');
    }
    for (let m = 0; m < 4; m++) out.push(`  monitor ${library[fromLibrary++].join('.')} target 80%`);
    out.push(
      '}',
      '',
      `test "Scheme 0 of contract ${c} at 50% attains half" for C${c} {`,
      `  given ${firstMeasure} in 2026/27 Q1 = 200 of 400`,
      `  expect I${c}_0_0 attains 0.5 in 2026/27 Q1`,
      '}',
      '',
    );
  }
  return out.join('\n');
}

/** A record-level dataset and `count` measures over it, as source lines. */
function recordsAndMeasures(count, source) {
  const out = [
    'dataset Records "Generated records" per person {',
    '  rows are events',
    `  source "${source}"`,
    '  person: pseudonym',
    '  eligible: boolean',
    '  checked: date?',
    '  value: decimal?',
    '}',
    '',
  ];
  for (let i = 0; i < count; i++) {
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
  return out;
}

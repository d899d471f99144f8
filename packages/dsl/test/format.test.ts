import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import {
  checkSources,
  compileContract,
  createParityServices,
  formatParity,
  isContract,
} from '../src/index.js';
import { CQUIN } from './helpers.js';

const CONTRACTS = join(import.meta.dirname, '../../../contracts');
const files = (directory: string): string[] =>
  readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.parity') ? [path] : [];
  });

describe('formatParity', () => {
  test('lays out a contract canonically', () => {
    const messy =
      'contract  Main "Main,  contract" {\n\n\n      year   2026/27\n  cquin S "x" worth £1 {   assessed quarterly\n indicator A weight 100% { measure M linear from 40% to 60% }\n}   // keep   this\n}';
    expect(formatParity(messy)).toBe(
      'contract Main "Main,  contract" {\n\n  year 2026/27\n  cquin S "x" worth £1 { assessed quarterly\n    indicator A weight 100% { measure M linear from 40% to 60% }\n  } // keep   this\n}\n',
    );
  });

  test('keeps indicator parts and a cost carried, with its carrier and funding indented under it, stable', () => {
    const messy =
      'contract C "c" {\n indicator I weight 100% {\npart A4a "Cardio-metabolic" share 80% {\n measure M\n  linear from 75% to 90%\n}\n    part A4b share 20% { measure G linear from 50% to 90% }\n }\ncost Team "Team" £720,000 a year\ncarried by Oxford\n      funded by First ,FollowUp\n}\n';
    const tidy =
      'contract C "c" {\n  indicator I weight 100% {\n    part A4a "Cardio-metabolic" share 80% {\n      measure M\n      linear from 75% to 90%\n    }\n    part A4b share 20% { measure G linear from 50% to 90% }\n  }\n  cost Team "Team" £720,000 a year\n    carried by Oxford\n    funded by First, FollowUp\n}\n';
    expect(formatParity(messy)).toBe(tidy);
    expect(formatParity(tidy)).toBe(tidy);
  });

  test("keeps a pilot's continuation, an attestation's evidence and a commissioner's share in tests stable", () => {
    const messy =
      'test "t" for P {\n given A in 2026/27 =   1   evidence   "Board paper 14"\n   expect P   does  not continue\n expect P awaits review\nexpect P for Icb  earns £1,000 in 2026/27\n}\n';
    const tidy =
      'test "t" for P {\n  given A in 2026/27 = 1 evidence "Board paper 14"\n  expect P does not continue\n  expect P awaits review\n  expect P for Icb earns £1,000 in 2026/27\n}\n';
    expect(formatParity(messy)).toBe(tidy);
    expect(formatParity(tidy)).toBe(tidy);
  });

  test('keeps strata with their minimum, gaps between groups and targets on a baseline stable', () => {
    const messy =
      'measure G "g" {\n  scored as parity   across strata as gap\nstratified by ethnicity   with minimum 10\n}\nmeasure R "r" {\n scored as parity of   "B"  against rest as ratio\n}\ncontract C "c" {\n  monitor G target 5%\n monitor L target 8 days   below baseline 2025/26\n  pilot {\n  outcome F target 60% below   baseline 2025/26\n outcome L target 2 above baseline 12.4 days\n }\n}\n';
    const tidy =
      'measure G "g" {\n  scored as parity across strata as gap\n  stratified by ethnicity with minimum 10\n}\nmeasure R "r" {\n  scored as parity of "B" against rest as ratio\n}\ncontract C "c" {\n  monitor G target 5%\n  monitor L target 8 days below baseline 2025/26\n  pilot {\n    outcome F target 60% below baseline 2025/26\n    outcome L target 2 above baseline 12.4 days\n  }\n}\n';
    expect(formatParity(messy)).toBe(tidy);
    expect(formatParity(tidy)).toBe(tidy);
  });

  test('puts a space after commas and none before, outside strings', () => {
    expect(formatParity('  x in ("A" ,"B",   "C")\n')).toBe('x in ("A", "B", "C")\n');
  });

  test('keeps limits chosen from several amounts, fractional shares and the rounding policy stable', () => {
    const messy =
      'contract C "c" {\n round   the annual amount ,pay monthly instalments\n  risk share S "s" {\ncollar loss at lesser of (8% of value ,4% of budget)\n cap gain at greater of (1% of budget,£1,200,000)\n    among providers fixed {\n  A 1/3\n B   2/3\n}\n among providers equally\n }\n}\n';
    const tidy =
      'contract C "c" {\n  round the annual amount, pay monthly instalments\n  risk share S "s" {\n    collar loss at lesser of (8% of value, 4% of budget)\n    cap gain at greater of (1% of budget, £1,200,000)\n    among providers fixed {\n      A 1/3\n      B 2/3\n    }\n    among providers equally\n  }\n}\n';
    expect(formatParity(messy)).toBe(tidy);
    expect(formatParity(tidy)).toBe(tidy);
  });

  test('is idempotent on every file of the contract library', () => {
    for (const file of files(CONTRACTS)) {
      const once = formatParity(readFileSync(file, 'utf8'));
      expect(formatParity(once), file).toBe(once);
    }
  });

  test('compiles the whole formatted library to the same models as the original', async () => {
    const strip = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(strip)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([k]) => k !== 'location' && k !== 'contentHash')
                .map(([k, v]) => [k, strip(v)]),
            )
          : value;
    const compileAll = async (transform: (text: string) => string) => {
      const services = createParityServices(EmptyFileSystem);
      const sources = files(CONTRACTS).map((path) => ({ path, text: transform(readFileSync(path, 'utf8')) }));
      const { documents, diagnostics } = await checkSources(services, sources);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return documents
        .flatMap((d) => d.parseResult.value.declarations.filter(isContract))
        .map((c) => strip(compileContract(c)));
    };
    expect(await compileAll(formatParity)).toEqual(await compileAll((text) => text));
  });

  test('never changes what a contract says', async () => {
    const strip = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(strip)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([k]) => k !== 'location' && k !== 'contentHash')
                .map(([k, v]) => [k, strip(v)]),
            )
          : value;
    const compile = async (text: string) => {
      const services = createParityServices(EmptyFileSystem);
      const library = files(join(CONTRACTS, 'nhs')).map((path) => ({
        path,
        text: readFileSync(path, 'utf8'),
      }));
      const { documents, diagnostics } = await checkSources(services, [
        ...library,
        { path: '/main.parity', text },
      ]);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const contract = documents.at(-1)?.parseResult.value.declarations.find(isContract);
      return strip(contract && compileContract(contract));
    };
    const scrambled = CQUIN.replace('package demo\nimport "lib"', 'package demo\nimport "nhs/organisations"')
      .replace(/\n {2,}/g, '\n      ')
      .replace(/ /g, '   ');
    const source = scrambled
      .replace(/commissioner\s+Icb/, 'commissioner WestYorkshireICB')
      .replace(/provider\s+MhTrust/, 'provider BradfordDistrictCare');
    const withMeasures = `${source}\naggregate return Returns "R" {\n rows are events\n source "x"\n}\nmeasure Offered "O" {\n domain mental-health\n from Returns\n minimum denominator 20\n higher is better\n period quarter\n}\nmeasure Reported "R" {\n domain mental-health\n from Returns\n minimum denominator 10\n higher is better\n period quarter\n}\n`;
    expect(await compile(formatParity(withMeasures))).toEqual(await compile(withMeasures));
  });
});

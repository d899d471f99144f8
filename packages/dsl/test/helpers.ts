import { EmptyFileSystem } from 'langium';
import { checkSources, createParityServices, type PlacedDiagnostic } from '../src/index.js';

const services = createParityServices(EmptyFileSystem);

/** Checks in-memory sources in an emptied workspace; keys are file paths. */
export async function check(files: Record<string, string>): Promise<PlacedDiagnostic[]> {
  const existing = services.shared.workspace.LangiumDocuments.all.map((d) => d.uri).toArray();
  await services.shared.workspace.DocumentBuilder.update([], existing);
  const sources = Object.entries(files).map(([path, text]) => ({ path, text }));
  return (await checkSources(services, sources)).diagnostics;
}

/** 1-based line and column of the first occurrence of `snippet` in `text`. */
export function positionOf(text: string, snippet: string): { line: number; column: number } {
  const offset = text.indexOf(snippet);
  if (offset < 0) throw new Error(`snippet not found: ${snippet}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** A small library and two contracts, valid as written, that the rule tests break one way each. */
export const LIBRARY = `package lib

organisation Icb "Test ICB" ods "QAA" sector commissioner
organisation Icb2 "Second ICB" ods "QAB" sector commissioner
organisation MhTrust "Test mental health trust" ods "RAA" sector mental-health
organisation Acute "Test acute trust" ods "RAB" sector acute

dataset Register "People on the register" per person {
  rows are snapshots
  source "GP clinical systems"
  person: pseudonym
  smoker: boolean?
  offered: date?
  bmi: decimal?
  spend: money?
  ethnicity: code in ("A", "B")
  referred_at: datetime
  seen_at: datetime?
}

aggregate return Returns "Monthly return" {
  rows are events
  source "Trust monthly return"
}

measure Offered "Smokers offered support" {
  domain physical-health
  from Register
  denominator smoker = true
  numerator offered within 12 months
  minimum denominator 20
  higher is better
  period quarter
}

measure Reported "Reported proportion" {
  domain mental-health
  from Returns
  minimum denominator 10
  higher is better
  period quarter
}

measure Spend "Spend against the budget" {
  domain physical-health
  from Returns
  scored as reported value
  lower is better
  period year to date
}
`;

export const OTHER = `package other

organisation Elsewhere "Elsewhere ICB" ods "QZZ" sector commissioner
`;

export const CQUIN = `package demo
import "lib"

contract Main "Main contract" {
  arrangement cquin
  year 2026/27
  commissioner Icb
  provider MhTrust
  value £1,000,000

  cquin Scheme1 "Local CQUIN" worth 1.25% of value {
    assessed quarterly
    indicator A weight 60% {
      measure Offered
      linear from 40% to 60%
    }
    indicator B weight 40% {
      measure Reported
      all or nothing at 50%
    }
  }
}

test "half of the returns pass" for Main {
  given Reported in 2026/27 Q1 = 10 of 20
  expect B earns £1,250 in 2026/27 Q1
}
`;

export const ALLIANCE = `package alliance
import "lib"

contract Shared "Alliance contract" {
  arrangement alliance
  year 2026/27
  commissioner Icb
  provider MhTrust
  provider Acute
  monitor Offered target 60% accountable MhTrust

  risk share Pot "Alliance risk and gain share" {
    budget £50m covers physical-health, mental-health
    outturn from Spend
    part year compared with budget for months reported
    gain shared providers 50%, commissioner 50%
    loss shared providers 50%, commissioner 50%
    cap gain at 2% of budget
    collar loss at 1% of budget
    quality gate 1 of (Offered) met otherwise 50% applied after cap
    among providers pro rata to value
  }
}
`;

import {
  CONTRACT_MODEL_SCHEMA_VERSION,
  ContractModel,
  type Contract as ModelContract,
  type Organisation as ModelOrganisation,
  normaliseNumber,
  parseMoney,
  parsePercent,
} from '@parity/engine';
import { type AstNode, AstUtils } from 'langium';
import {
  type AggregateReturn,
  type Contract,
  type ContractTest,
  type Dataset,
  isAbsorbedCost,
  isActivityLine,
  isAggregateReturn,
  isApportionmentClause,
  isArrangementClause,
  isBudget,
  isCapitation,
  isDataset,
  isFlowDown,
  isInstalmentsClause,
  isMeasure,
  isMonitor,
  isOrganisation,
  isParentClause,
  isParty,
  isPilot,
  isRiskShare,
  isRoundingClause,
  isRoundingPolicy,
  isScheme,
  isTermClause,
  isValueClause,
  isYearClause,
  isYearOfCare,
  type Measure,
  type Organisation,
} from '../language/generated/ast.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { compileDataset, compileMeasure, compileReturn } from './compile-measure.js';
import {
  compileAbsorbedCost,
  compileActivity,
  compileCapitation,
  compileMonitor,
  compilePilot,
  compileRiskShare,
  compileScheme,
  compileYearOfCare,
} from './compile-payments.js';
import { compileTest } from './compile-test.js';
import { type FileNamer, locationOf } from './locations.js';
import { nameOf } from './names.js';
import { required } from './required.js';

export interface CompileOptions {
  /** The tests to carry with the contract: usually every `test … for` it in the same sources. */
  tests?: ContractTest[];
  /** How a document's URI appears in source locations; by default the URI's path. */
  fileOf?: FileNamer;
}

/**
 * Compiles a validated contract to its ContractModel: self-contained, deterministic, and hashed.
 * The caller must have checked the sources: compiling a contract with errors is a programming error.
 */
export function compileContract(contract: Contract, options: CompileOptions = {}): ContractModel {
  const fileOf = options.fileOf ?? ((uri: string) => decodeURIComponent(uri.replace(/^file:\/\//, '')));
  const tests = options.tests ?? [];
  const used = collectDeclarations([contract, ...tests]);
  const body = {
    schemaVersion: CONTRACT_MODEL_SCHEMA_VERSION,
    contract: compileContractBody(contract, fileOf),
    organisations: used.organisations.map(compileOrganisation),
    datasets: used.datasets.map((d) => compileDataset(d, fileOf)),
    returns: used.returns.map((r) => compileReturn(r, fileOf)),
    measures: used.measures.map((m) => compileMeasure(m, fileOf)),
    tests: tests.map((t) => compileTest(t, fileOf)),
  };
  const model = { ...body, contentHash: sha256Hex(canonicalJson(body)) };
  return ContractModel.parse(JSON.parse(canonicalJson(model)));
}

/** Finds the tests written for a contract among the given documents' declarations. */
export function testsFor(contract: Contract, roots: AstNode[]): ContractTest[] {
  return roots.flatMap((root) =>
    AstUtils.streamAst(root)
      .filter(
        (node): node is ContractTest =>
          node.$type === 'ContractTest' && (node as ContractTest).contract.ref === contract,
      )
      .toArray(),
  );
}

function compileContractBody(contract: Contract, fileOf: FileNamer): ModelContract {
  const members = contract.members;
  const year = required(members.find(isYearClause)?.year, `the year of contract ${contract.name}`);
  const term = members.find(isTermClause);
  const startYear = Number(year.slice(0, 4));
  const rounding = members.find(isRoundingClause);
  const values = members.filter(isValueClause);
  const value = (values.find((v) => v.year === undefined || v.year === year) ?? values[0])?.amount;
  const byYear = values.filter((v) => v.year !== undefined);
  const parent = members.find(isParentClause)?.parent.ref;
  return {
    name: nameOf(contract),
    title: contract.title,
    arrangements: members
      .filter(isArrangementClause)
      .flatMap((c) => c.kinds) as ModelContract['arrangements'],
    year,
    term: term
      ? { start: term.start, end: term.end }
      : { start: `${startYear}-04`, end: `${startYear + 1}-03` },
    parties: members.filter(isParty).map((party) => ({
      role: party.role as 'provider',
      organisation: party.organisation.ref ? nameOf(party.organisation.ref) : party.organisation.$refText,
      ods: party.organisation.ref?.ods ?? '',
      department: party.department,
      sharePercent: party.share && parsePercent(party.share),
      population: party.population && normaliseNumber(party.population),
      ...(party.activity && {
        activityMeasure: party.activity.ref ? nameOf(party.activity.ref) : party.activity.$refText,
      }),
      valuePence: party.value && parseMoney(party.value).toString(),
      location: locationOf(party, fileOf),
    })),
    valuePence: value && parseMoney(value).toString(),
    ...(byYear.length > 0 && {
      valuesByYear: Object.fromEntries(byYear.map((v) => [v.year, parseMoney(v.amount).toString()])),
    }),
    instalments: members.find(isInstalmentsClause)?.schedule as ModelContract['instalments'],
    apportionment: members.find(isApportionmentClause)?.basis as ModelContract['apportionment'],
    parent: parent && nameOf(parent),
    flowDown: members
      .filter(isFlowDown)
      .map((f) => ({ indicator: f.indicator.$refText, sharePercent: parsePercent(f.share) })),
    // The engine's documented default: half-up to the penny on each payable line.
    rounding: {
      mode: (rounding?.mode ?? 'half-up') as 'half-up',
      unit: (rounding?.unit ?? 'penny') as 'penny',
      ...(members.some(isRoundingPolicy) ? { totals: 'annual' as const } : {}),
    },
    budgets: members.filter(isBudget).map((b) => ({
      name: b.name,
      pence: parseMoney(b.amount).toString(),
      covers: b.domains as ModelContract['budgets'][number]['covers'],
    })),
    schemes: members.filter(isScheme).map((s) => compileScheme(s, fileOf)),
    activities: members.filter(isActivityLine).map((a) => compileActivity(a, fileOf)),
    capitations: members.filter(isCapitation).map((c) => compileCapitation(c, fileOf)),
    yearsOfCare: members.filter(isYearOfCare).map((y) => compileYearOfCare(y, fileOf)),
    riskShares: members.filter(isRiskShare).map((r) => compileRiskShare(r, fileOf)),
    pilot: (() => {
      const pilot = members.find(isPilot);
      return pilot && compilePilot(pilot, fileOf);
    })(),
    monitors: members.filter(isMonitor).map((m) => compileMonitor(m, fileOf)),
    ...(members.some(isAbsorbedCost)
      ? { absorbedCosts: members.filter(isAbsorbedCost).map((c) => compileAbsorbedCost(c, fileOf)) }
      : {}),
    location: locationOf(contract, fileOf),
  };
}

function compileOrganisation(organisation: Organisation): ModelOrganisation {
  return {
    name: nameOf(organisation),
    title: organisation.title,
    ods: organisation.ods,
    sector: organisation.sector as ModelOrganisation['sector'],
    parent: organisation.parent?.ref ? nameOf(organisation.parent.ref) : undefined,
  };
}

interface Declarations {
  organisations: Organisation[];
  datasets: Dataset[];
  returns: AggregateReturn[];
  measures: Measure[];
}

/** Every top-level declaration the roots refer to, directly or through other declarations. */
function collectDeclarations(roots: AstNode[]): Declarations {
  const seen = new Set<AstNode>();
  const visit = (node: AstNode) => {
    for (const inner of AstUtils.streamAst(node)) {
      for (const reference of AstUtils.streamReferences(inner)) {
        const target = 'ref' in reference.reference ? reference.reference.ref : undefined;
        if (!target) continue;
        const declaration = isField(target) ? target.$container : target;
        if (!isTopLevel(declaration) || seen.has(declaration)) continue;
        seen.add(declaration);
        visit(declaration);
      }
    }
  };
  roots.forEach(visit);
  const byName = <T extends AstNode & { name: string }>(nodes: T[]) =>
    nodes.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  const all = [...seen];
  return {
    organisations: byName(all.filter(isOrganisation)),
    datasets: byName(all.filter(isDataset)),
    returns: byName(all.filter(isAggregateReturn)),
    measures: byName(all.filter(isMeasure)),
  };
}

function isTopLevel(node: AstNode | undefined): node is AstNode {
  return (
    node !== undefined &&
    (isOrganisation(node) || isDataset(node) || isAggregateReturn(node) || isMeasure(node))
  );
}

function isField(node: AstNode): node is AstNode & { $container: AstNode } {
  return node.$type === 'Field';
}

import {
  type Contract,
  compileContract,
  isActivityLine,
  isCapitation,
  isContract,
  isIndicator,
  isIndicatorPart,
  isRiskShare,
  isScheme,
  isYearOfCare,
} from '@parity/dsl';
import { type ContractModel, contractForYear, contractStakes, type Stake } from '@parity/engine';
import { type AstNode, AstUtils } from 'langium';

/** The stakes of each compiled contract, until the document is parsed again (new nodes, new entries). */
const compiled = new WeakMap<Contract, { model: ContractModel; stakes: Stake[] }>();

/**
 * What a paying clause puts at stake, as the engine prices it: the editor compiles the contract and
 * asks the engine (`contractStakes`), so hovers, inlay hints and the outline show the money the
 * engine pays, the contract's rounding included. Undefined for other nodes, and while the contract
 * does not yet say enough to compile.
 */
export function stakeOf(node: AstNode): Stake | undefined {
  const contract = isContract(node) ? node : AstUtils.getContainerOfType(node, isContract);
  if (!contract) return undefined;
  const stakes = stakesOf(contract);
  if (isContract(node)) return stakes?.find((s) => s.kind === 'block');
  if (isIndicator(node))
    return stakes?.find(
      (s) => s.kind === 'indicator' && s.clause === node.name && s.scheme === node.$container.name,
    );
  if (isIndicatorPart(node))
    return stakes?.find(
      (s) => s.kind === 'indicator' && s.clause === node.name && s.scheme === node.$container.$container.name,
    );
  if (isScheme(node)) return stakes?.find((s) => s.kind === node.kind && s.clause === node.name);
  const kind = isActivityLine(node)
    ? 'activity'
    : isCapitation(node)
      ? 'capitation'
      : isYearOfCare(node)
        ? 'year-of-care'
        : isRiskShare(node)
          ? 'risk-share'
          : undefined;
  const name = (node as { name?: string }).name;
  return kind ? stakes?.find((s) => s.kind === kind && s.clause === name) : undefined;
}

/**
 * The block's instalments in one year of a longer term (`value £… in 2027/28`), priced by the
 * engine for that year as it pays it.
 */
export function blockStakeIn(node: AstNode, year: string): Stake | undefined {
  const contract = isContract(node) ? node : AstUtils.getContainerOfType(node, isContract);
  const model = contract && compiledOf(contract)?.model;
  if (!model) return undefined;
  try {
    return contractStakes(contractForYear(model, year)).find((s) => s.kind === 'block');
  } catch {
    return undefined;
  }
}

function stakesOf(contract: Contract): Stake[] | undefined {
  return compiledOf(contract)?.stakes;
}

function compiledOf(contract: Contract): { model: ContractModel; stakes: Stake[] } | undefined {
  const known = compiled.get(contract);
  if (known) return known;
  try {
    const model = compileContract(contract);
    const entry = { model, stakes: contractStakes(model) };
    compiled.set(contract, entry);
    return entry;
  } catch {
    // Not compilable yet (a reference unresolved, a clause half written): nothing to show.
    return undefined;
  }
}

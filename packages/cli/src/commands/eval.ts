import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { statementCsv, systemClock, today } from '@parity/api';
import {
  type ContractModel,
  DomainError,
  dateProblem,
  evaluatePosition,
  type PositionSource,
  positionFor,
  statementFor,
  termYearOn,
} from '@parity/engine';
import { choiceOption, parseCommandArgs, stringOption, stringOptions } from '../args.js';
import { loadContractModel } from '../contract-model.js';
import { parseDataFile } from '../eval/data-files.js';
import { FeedRefusal, providersOf, readLocalFeeds } from '../eval/local-feeds.js';
import { feedProgress } from '../eval/progress.js';
import { explainLine, positionText } from '../eval/statement-table.js';
import { type Output, UsageError } from '../output.js';

const FORMATS = ['table', 'json', 'csv'] as const;

const HELP = `Usage: parity eval <contract.parity> --data <Dataset>[@YYYY-MM]=<file>… [--provider <ODS>]
       [--as-of YYYY-MM-DD] [--format table|json|csv] [--explain <line>] [--contract <Name>] [--lib <dir>]…

Evaluates a contract on local feed files, with the service's own checks and the engine's rules, and
prints its position and finance statement: each payment line in pounds and pence, provisional or
final, and the totals. Nothing is stored and no service is needed.

--data names a dataset or aggregate return of the contract (its name or the end of it, e.g.
SmiRegister) and a .csv, .xlsx (first worksheet), .json or .ndjson file; repeat it for each file.
How a file's rows find their provider and month:
  Dataset@2026-04=file   the whole file is the month's feed, as POST /contracts/{name}/feeds/{source}
                         ?period=2026-04 takes it: the dataset's columns only, sent by --provider.
  Dataset=file           the file is an extract, as POST /contracts/{name}/extracts/{source} takes
                         it: a provider column (ODS code) on every row, and each row's month is its
                         'dated by' field for a dated dataset, its period (or month) column for a
                         snapshot, and for a return its month column, else its period.
A file is refused as the service refuses a feed (each error with its file, row and column), and
so is a month outside the term or not begun by the --as-of date. Two files for the same source,
provider and month are refused: give the one that stands.

--provider  the provider that sent the month files (default: the contract's only provider)
--as-of     the date the position is taken on (default: today); every file counts as sent by then
--format    table (default), json (the engine's Position and Statement), csv (the statement CSV
            the service downloads)
--explain   prints how the payment line of that number in the table was computed
--contract  the contract to evaluate, when the file holds several
Exits 1 when the contract has errors or a file is refused, 2 when the command is used wrongly.
`;

export async function runEval(args: string[], output: Output): Promise<number> {
  const parsed = parseCommandArgs(args, {
    data: { type: 'string', multiple: true },
    provider: { type: 'string' },
    'as-of': { type: 'string' },
    format: { type: 'string' },
    explain: { type: 'string' },
    contract: { type: 'string' },
    lib: { type: 'string', multiple: true },
  });
  if (parsed.help || parsed.positionals.length !== 1) {
    output.stdout.write(HELP);
    return parsed.help ? 0 : 2;
  }
  const format = choiceOption(parsed, 'format', FORMATS, 'table');
  const asOf = dateOption(stringOption(parsed, 'as-of'));
  const files = stringOptions(parsed, 'data').map(parseDataFile);
  const model = await loadContractModel(
    'eval',
    parsed.positionals[0]!,
    stringOptions(parsed, 'lib'),
    stringOption(parsed, 'contract'),
    output,
  );
  if (!model) return 1;
  if (model.contract.parent && model.contract.flowDown.length > 0) {
    output.stderr.write(
      `parity eval: ${model.contract.name} takes a flow-down from ${model.contract.parent}, whose own position it needs: evaluate it through the service.\n`,
    );
    return 1;
  }
  const total = files.reduce((sum, file) => sum + statSync(file.path).size, 0);
  let read: Awaited<ReturnType<typeof readLocalFeeds>>;
  try {
    read = await readLocalFeeds(model, files, {
      provider: providerFor(model, stringOption(parsed, 'provider')),
      asOf,
      progress: feedProgress(output.stderr, total),
    });
  } catch (error) {
    if (!(error instanceof FeedRefusal)) throw error;
    output.stderr.write(`${error.message}\nparity eval: a feed file was refused; nothing was evaluated.\n`);
    return 1;
  }
  try {
    const evaluated = await evaluatePosition(model, read.observations, {
      asOf,
      year: termYearOn(model, asOf),
      sha256: () => createHash('sha256'),
    });
    // Not a published version: the files evaluated stand where a position names its submissions.
    const source: PositionSource = {
      version: 0,
      submissions: read.parts.map((p) => `${p.source} ${p.provider} ${p.period} ${p.path}`),
    };
    const statement = statementFor(evaluated, source);
    const explain = stringOption(parsed, 'explain');
    if (explain !== undefined) output.stdout.write(explainLine(statement, explain));
    else if (format === 'json')
      output.stdout.write(
        `${JSON.stringify({ position: positionFor(evaluated, source), statement }, null, 2)}\n`,
      );
    else if (format === 'csv') output.stdout.write(statementCsv(statement));
    else output.stdout.write(positionText(positionFor(evaluated, source), statement));
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    output.stderr.write(`parity eval: ${error.message}\n`);
    return 1;
  } finally {
    await read.dispose();
  }
}

/** The `--as-of` date (a real calendar date, by the engine's calendar), or today's when not given. */
function dateOption(value: string | undefined): string {
  if (value === undefined) return today(systemClock);
  if (value.length !== 10 || dateProblem(value) !== undefined)
    throw new UsageError(`--as-of '${value}' is not a date written YYYY-MM-DD`);
  return value;
}

/** Who sent the month files: the provider given, which must be party to the contract, or its only one. */
function providerFor(model: ContractModel, given: string | undefined): () => string {
  const providers = providersOf(model);
  if (given !== undefined && !providers.includes(given))
    throw new UsageError(
      `'${given}' is not a provider of ${model.contract.name}; its providers are ${providers.join(', ')}`,
    );
  return () => {
    if (given !== undefined) return given;
    if (providers.length === 1) return providers[0] as string;
    throw new UsageError(
      `${model.contract.name} has several providers: say whose the month files are with --provider <${providers.join('|')}>`,
    );
  };
}

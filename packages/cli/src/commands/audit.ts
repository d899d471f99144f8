import { type AuditVerification, readConfig, verifyAuditAt } from '@parity/api';
import { choiceOption, parseCommandArgs, stringOption } from '../args.js';
import { type Output, UsageError } from '../output.js';

const HELP = `Usage: parity audit verify [--database <url>] [--format text|json]

Checks the audit log of the service's database (DATABASE_URL, file:data/parity.db by default, or
--database): every entry against its seal and the entry before it, so an entry edited, deleted or
moved at the database is found, and every token against the entries that created and revoked it.
Nothing is written. Prints the head (the last entry's id and seal): keep it, and a later check
whose chain passes through it shows the log was not cut back. Exit 0 when intact, 1 when not.
`;

export async function runAudit(args: string[], output: Output): Promise<number> {
  const parsed = parseCommandArgs(args, { database: { type: 'string' }, format: { type: 'string' } });
  const [action, extra] = parsed.positionals;
  if (parsed.help || action === undefined) {
    output.stdout.write(HELP);
    return parsed.help ? 0 : 2;
  }
  if (action !== 'verify') throw new UsageError(`unknown action '${action}'; it takes verify`);
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'; verify takes options only`);
  const format = choiceOption(parsed, 'format', ['text', 'json'] as const, 'text');
  const database = stringOption(parsed, 'database');
  const config = readConfig({ ...process.env, ...(database ? { DATABASE_URL: database } : {}) });
  const found = await verifyAuditAt(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN).catch((error: Error) => {
    throw new UsageError(`cannot read the audit log at ${config.DATABASE_URL}: ${error.message}`);
  });
  output.stdout.write(
    format === 'json'
      ? `${JSON.stringify({ intact: found.breaks.length === 0, ...found }, null, 2)}\n`
      : describe(found),
  );
  return found.breaks.length === 0 ? 0 : 1;
}

function describe(found: AuditVerification): string {
  const count = (n: number) => n.toLocaleString('en-GB');
  const before = found.unsealed > 0 ? `, ${count(found.unsealed)} from before the log was sealed` : '';
  const head = found.head ? `head: entry ${found.head.id} ${found.head.hash}\n` : '';
  if (found.breaks.length === 0)
    return `The audit log is intact: ${count(found.entries)} entries, ${count(found.sealed)} sealed${before}.\n${head}`;
  const problems = found.breaks.map((b) => `  ${b.problem}\n`).join('');
  return `The audit log has been altered: ${found.breaks.length} problem${found.breaks.length === 1 ? '' : 's'} in ${count(found.entries)} entries.\n${problems}${head}`;
}

import {
  createToken,
  openDatabase,
  ROLES,
  type Role,
  readConfig,
  revokeToken,
  systemClock,
} from '@parity/api';
import { type Output, UsageError } from '../output.js';
import { parsePathArgs } from '../workspace.js';

const HELP = `Usage: parity token create --org <ODS code> --role <${ROLES.join('|')}> [--label <text>]
       parity token revoke --id <token id>

Creates a bearer token for an organisation and role in the database DATABASE_URL names
(file:data/parity.db by default). The secret is printed once and stored only as a hash.
`;

export async function runToken(args: string[], output: Output): Promise<number> {
  const { paths, options, help } = parsePathArgs(args, ['org', 'role', 'label', 'id']);
  const [action, extra] = paths;
  if (help || (action !== 'create' && action !== 'revoke')) {
    output.stdout.write(HELP);
    return help ? 0 : 2;
  }
  if (extra !== undefined)
    throw new UsageError(`unexpected argument '${extra}'; it takes create or revoke, then its options`);
  const organisation = options.get('org') ?? '';
  const role = options.get('role') as Role;
  // Said before the database is opened: a mistyped role needs no database to be refused.
  if (action === 'create' && role !== undefined && !ROLES.includes(role))
    throw new UsageError(`'${role}' is not a role; the roles are ${ROLES.join(', ')}`);
  if (action === 'create' && !/^[A-Z0-9]{3,6}$/.test(organisation))
    throw new UsageError(
      organisation
        ? `'${organisation}' is not an ODS code (3 to 6 capital letters and digits, e.g. QWO)`
        : 'give the organisation: --org <ODS code, e.g. QWO>',
    );
  if (action === 'create' && role === undefined)
    throw new UsageError(`give the role: --role <${ROLES.join('|')}>`);
  const config = readConfig(process.env);
  const db = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  try {
    if (action === 'revoke') {
      const revoked = await revokeToken(db, systemClock, options.get('id') ?? '');
      output.stdout.write(revoked ? 'Revoked.\n' : 'No token with that id.\n');
      return revoked ? 0 : 1;
    }
    const token = await createToken(db, systemClock, organisation, role, options.get('label'));
    output.stdout.write(
      `Token ${token.id} for ${organisation} as ${role}:\n${token.secret}\n(shown once; only its hash is stored)\n`,
    );
    return 0;
  } finally {
    db.$client.close();
  }
}

import {
  createToken,
  openDatabase,
  ROLES,
  type Role,
  readConfig,
  revokeToken,
  systemClock,
} from '@parity/api';
import { type Output, wantsHelp } from '../output.js';
import { parsePathArgs } from '../workspace.js';

const HELP = `Usage: parity token create --org <ODS code> --role <${ROLES.join('|')}> [--label <text>]
       parity token revoke --id <token id>

Creates a bearer token for an organisation and role in the database DATABASE_URL names
(file:data/parity.db by default). The secret is printed once and stored only as a hash.
`;

export async function runToken(args: string[], output: Output): Promise<number> {
  const [action, ...rest] = args;
  const { options } = parsePathArgs(rest);
  if (wantsHelp(args) || (action !== 'create' && action !== 'revoke')) {
    output.stdout.write(HELP);
    return wantsHelp(args) ? 0 : 2;
  }
  const config = readConfig(process.env);
  const db = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  try {
    if (action === 'revoke') {
      const revoked = await revokeToken(db, systemClock, options.get('id') ?? '');
      output.stdout.write(revoked ? 'Revoked.\n' : 'No token with that id.\n');
      return revoked ? 0 : 1;
    }
    const organisation = options.get('org') ?? '';
    const role = options.get('role') as Role;
    if (!/^[A-Z0-9]{3,6}$/.test(organisation) || !ROLES.includes(role)) {
      output.stderr.write(`parity token: give --org <ODS code, e.g. QWO> and --role <${ROLES.join('|')}>.\n`);
      return 2;
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

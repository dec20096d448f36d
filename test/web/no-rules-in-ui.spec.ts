// Issue 14's acceptance: the web code keeps no copy of a machine rule. No string literal in
// web/src is a status or stage, a role or a command name of any process: what a user may do, and
// in which state, is read from the API's answers (allowedCommands, the OpenAPI document's enums
// and x-command marks, the user's permissions). The generated schema.d.ts is the API's own text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../../machines/actor';
import { TICKET_COMMANDS, TICKET_STATUSES } from '../../machines/ticket.types';
import { CSI_COMMANDS, CSI_STAGES } from '../../machines/csi-proposal.types';
import { MI_COMMANDS, MI_STAGES } from '../../machines/major-incident.types';
import { PROBLEM_COMMANDS, PROBLEM_STAGES } from '../../machines/problem.types';
import { CHANGE_COMMANDS, CHANGE_STAGES } from '../../machines/change.types';

const WEB = join(__dirname, '..', '..', 'web', 'src');
const MACHINE_WORDS = new Set<string>([
  ...ROLES,
  ...TICKET_STATUSES,
  ...TICKET_COMMANDS,
  ...CSI_STAGES,
  ...CSI_COMMANDS,
  ...MI_STAGES,
  ...MI_COMMANDS,
  ...PROBLEM_STAGES,
  ...PROBLEM_COMMANDS,
  ...CHANGE_STAGES,
  ...CHANGE_COMMANDS,
]);

/**
 * The string literals a source file decides by: compared (=== 'x', 'x' !== ...), switched on
 * (case 'x':), looked up (.includes('x')). A literal that is only a label key or a CSS class
 * decides nothing.
 */
const decidingLiterals = (source: string): string[] =>
  [
    ...source.matchAll(/(?:===|!==|==|!=)\s*(['"`])([^'"`\n]*)\1/g),
    ...source.matchAll(/(['"`])([^'"`\n]*)\1\s*(?:===|!==|==|!=)/g),
    ...source.matchAll(/case\s+(['"`])([^'"`\n]*)\1\s*:/g),
    ...source.matchAll(/\.includes\(\s*(['"`])([^'"`\n]*)\1\s*\)/g),
  ].map((m) => m[2]);

describe('the web code', () => {
  const files = readdirSync(WEB).filter((f) => /\.tsx?$/.test(f) && f !== 'schema.d.ts');

  it('is checked at all (the app’s sources are where this test looks)', () => {
    expect(files).toEqual(expect.arrayContaining(['main.tsx', 'tickets.tsx', 'commands.tsx', 'operations.ts']));
  });

  it('decides by no status, stage, role or command name of a process machine', () => {
    const found = files.flatMap((file) =>
      decidingLiterals(readFileSync(join(WEB, file), 'utf8'))
        .filter((literal) => MACHINE_WORDS.has(literal))
        .map((literal) => `${file}: '${literal}'`),
    );
    // A permission is the API's word for a route's rule, answered in GET /me's permissions; the
    // admin permission shares its name with the admin role.
    expect(found.filter((hit) => hit !== "main.tsx: 'admin'")).toEqual([]);
  });
});

// Demo data for the embedded default and the tests: the AU teams of REQUIREMENTS 4 (seed 000),
// the organisations whose primary teams they are, the people of seed 002's printer scenarios,
// one of each other role, and a few categories with their Additional Questions.
// Demo tokens are `demo-<username>` and demo passwords `<username>-demo-pass`: fine on a laptop,
// printed by the run command, never for a real installation; real users get random tokens
// (src/auth/token.ts) and set their own passwords (PUT /me/password).
import type { DataSource } from 'typeorm';
import type { Role } from '../../machines/actor';
import { hashPassword } from '../auth/password';
import { hashToken } from '../auth/token';
import type { AdditionalQuestion } from '../catalog/category.entity';

interface DemoTeam {
  code: string;
  name: string;
  lineLevel: 1 | 2 | 3;
}

interface DemoOrganisation {
  code: string;
  name: string;
  primaryTeam: string;
}

interface DemoCategory {
  name: string;
  description: string;
  requiresApproval: boolean;
  additionalQuestions?: AdditionalQuestion[];
}

interface DemoUser {
  username: string;
  displayName: string;
  role: Exclude<Role, 'system'>;
  team?: string;
  dispatcher?: boolean;
  lead?: boolean;
  organisation?: string;
}

export const DEMO_TEAMS: DemoTeam[] = [
  { code: 'BSS-IT', name: 'BSS IT', lineLevel: 1 },
  { code: 'HEALTH-IT', name: 'Health IT', lineLevel: 1 },
  { code: 'ARTS-IT', name: 'ARTS IT', lineLevel: 1 },
  { code: 'FA-IT', name: 'FA IT', lineLevel: 1 },
  { code: 'NAT-TECH-1', name: 'Nat-Tech IT Team 1 (Aarhus)', lineLevel: 1 },
  { code: 'NAT-TECH-2', name: 'Nat-Tech IT Team 2 (locations)', lineLevel: 1 },
  { code: 'AU-IT-OPS', name: 'AU IT Operations', lineLevel: 2 },
  { code: 'AU-IT-NET', name: 'AU IT Network Experts', lineLevel: 3 },
];

// Seed 000, principle 3: each organisation's tickets go to (and come back to) its primary team.
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { code: 'BSS', name: 'Aarhus BSS', primaryTeam: 'BSS-IT' },
  { code: 'HEALTH', name: 'Health', primaryTeam: 'HEALTH-IT' },
  { code: 'ARTS', name: 'Arts', primaryTeam: 'ARTS-IT' },
  { code: 'FA', name: 'AU Administration (FA)', primaryTeam: 'FA-IT' },
  { code: 'NATTECH-AAR', name: 'Natural Sciences and Technology, Aarhus', primaryTeam: 'NAT-TECH-1' },
  { code: 'NATTECH-LOC', name: 'Natural Sciences and Technology, other locations', primaryTeam: 'NAT-TECH-2' },
];

export const DEMO_USERS: DemoUser[] = [
  { username: 'dorthe', displayName: 'Dorthe (BSS IT dispatcher)', role: 'dispatcher', team: 'BSS-IT', dispatcher: true, lead: true },
  { username: 'tim', displayName: 'LevelOneTim', role: 'agent', team: 'BSS-IT' },
  { username: 'sara', displayName: 'Sara (BSS IT agent)', role: 'agent', team: 'BSS-IT' },
  { username: 'henrik', displayName: 'Henrik (Health IT dispatcher)', role: 'dispatcher', team: 'HEALTH-IT', dispatcher: true, lead: true },
  { username: 'hanne', displayName: 'Hanne (Health IT agent)', role: 'agent', team: 'HEALTH-IT' },
  { username: 'anders', displayName: 'Anders (ARTS IT dispatcher)', role: 'dispatcher', team: 'ARTS-IT', dispatcher: true, lead: true },
  { username: 'frida', displayName: 'Frida (FA IT dispatcher)', role: 'dispatcher', team: 'FA-IT', dispatcher: true, lead: true },
  { username: 'niels', displayName: 'Niels (Nat-Tech 1 dispatcher)', role: 'dispatcher', team: 'NAT-TECH-1', dispatcher: true, lead: true },
  { username: 'nina', displayName: 'Nina (Nat-Tech 2 dispatcher)', role: 'dispatcher', team: 'NAT-TECH-2', dispatcher: true, lead: true },
  { username: 'olga', displayName: 'Olga (AU IT Operations dispatcher)', role: 'dispatcher', team: 'AU-IT-OPS', dispatcher: true, lead: true },
  { username: 'ahmed', displayName: 'LevelTwoAhmed', role: 'agent', team: 'AU-IT-OPS' },
  { username: 'erik', displayName: 'Erik (network expert)', role: 'agent', team: 'AU-IT-NET' },
  { username: 'jannet', displayName: 'CustomerJannet', role: 'endUser', organisation: 'BSS' },
  { username: 'raul', displayName: 'CustomerRaul', role: 'endUser', organisation: 'BSS' },
  { username: 'ingrid', displayName: 'Ingrid (incident manager)', role: 'incidentManager' },
  { username: 'susanne', displayName: 'Susanne (process manager)', role: 'processManager' },
  { username: 'thomas', displayName: 'Thomas (CSI chair)', role: 'csiForum' },
  { username: 'admin', displayName: 'Administrator', role: 'admin' },
  { username: 'netmonitor', displayName: 'Netmonitor', role: 'monitor' },
];

// Seed 000, principle 1: what the 1st line must have asked before a ticket of the category is escalated.
export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    name: 'Printing',
    description: 'Printers, drivers and print queues',
    requiresApproval: false,
    additionalQuestions: [
      { key: 'printer', question: 'Which printer (name or location)?' },
      { key: 'tried', question: 'What was tried already (restart, cable, another PC)?' },
    ],
  },
  {
    name: 'Network',
    description: 'Wired, wireless and VPN',
    requiresApproval: false,
    additionalQuestions: [
      { key: 'location', question: 'Building and room?' },
      { key: 'wiredOrWireless', question: 'Wired or wireless?' },
    ],
  },
  { name: 'Accounts and access', description: 'New account, password, access rights', requiresApproval: false },
  { name: 'Software', description: 'Installation and licences', requiresApproval: false },
  // Seed 004: for on-site workplace set-up the customer tests and approves before the ticket closes.
  { name: 'Workplace set-up', description: 'New PC and desk set-up; closes on customer approval', requiresApproval: true },
  { name: 'Administration / ITSM tool / Change proposal', description: 'Propose an improvement (CSI)', requiresApproval: false },
];

export const demoToken = (username: string): string => `demo-${username}`;

/** Demo only: as public as the demo tokens, for signing in from a browser (POST /auth/sign-in). */
export const demoPassword = (username: string): string => `${username}-demo-pass`;

export interface SeededDemo {
  created: boolean;
  tokens: Array<{ username: string; role: string; token: string; password: string }>;
}

/**
 * Seeds once: a database that already has users is left alone, except that a demo database seeded
 * before organisations existed gets the demo organisations and Additional Questions, once.
 */
export async function seedDemoData(db: DataSource): Promise<SeededDemo> {
  const tokens = DEMO_USERS.map((u) => ({ username: u.username, role: u.role, token: demoToken(u.username), password: demoPassword(u.username) }));
  const [{ count }] = await db.query('SELECT count(*)::int AS count FROM users');
  if (count > 0) {
    await addDispatchDemoData(db);
    await addDemoPasswords(db);
    return { created: false, tokens };
  }
  const passwords = await demoPasswordHashes(DEMO_USERS.map((u) => u.username));
  await db.transaction(async (tx) => {
    for (const team of DEMO_TEAMS) {
      await tx.query('INSERT INTO teams (code, name, line_level) VALUES ($1, $2, $3)', [team.code, team.name, team.lineLevel]);
    }
    for (const user of DEMO_USERS) {
      const [{ id }] = await tx.query(
        `INSERT INTO users (username, display_name, email, role, token_hash, organisation, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [user.username, user.displayName, `${user.username}@example.edu`, user.role, hashToken(demoToken(user.username)), user.organisation ?? null, passwords.get(user.username)],
      );
      if (user.team) {
        await tx.query(
          `INSERT INTO team_members (team_id, user_id, is_dispatcher, is_lead)
           SELECT id, $2, $3, $4 FROM teams WHERE code = $1`,
          [user.team, id, user.dispatcher ?? false, user.lead ?? false],
        );
      }
    }
    for (const c of DEMO_CATEGORIES) {
      await tx.query('INSERT INTO categories (name, description, requires_approval, additional_questions) VALUES ($1, $2, $3, $4)', [
        c.name,
        c.description,
        c.requiresApproval,
        JSON.stringify(c.additionalQuestions ?? []),
      ]);
    }
    await insertOrganisations(tx);
  });
  return { created: true, tokens };
}

async function insertOrganisations(db: Pick<DataSource, 'query'>): Promise<void> {
  for (const o of DEMO_ORGANISATIONS) {
    await db.query(
      `INSERT INTO organisations (code, name, primary_team_id) SELECT $1, $2, id FROM teams WHERE code = $3
       ON CONFLICT (code) DO NOTHING`,
      [o.code, o.name, o.primaryTeam],
    );
  }
}

/** A demo database from before the dispatch migration: no organisations yet, but the demo teams. */
async function addDispatchDemoData(db: DataSource): Promise<void> {
  const [{ organisations, demoTeams }] = await db.query(
    `SELECT (SELECT count(*)::int FROM organisations) AS organisations,
            (SELECT count(*)::int FROM teams WHERE code = ANY($1::text[])) AS "demoTeams"`,
    [DEMO_TEAMS.map((t) => t.code)],
  );
  if (organisations > 0 || demoTeams !== DEMO_TEAMS.length) return;
  await db.transaction(async (tx) => {
    await insertOrganisations(tx);
    for (const c of DEMO_CATEGORIES) {
      if (!c.additionalQuestions) continue;
      await tx.query(`UPDATE categories SET additional_questions = $2 WHERE name = $1 AND additional_questions = '[]'::jsonb`, [
        c.name,
        JSON.stringify(c.additionalQuestions),
      ]);
    }
  });
}

/** scrypt hashes of the demo passwords, computed side by side (each takes a moment on purpose). */
async function demoPasswordHashes(usernames: string[]): Promise<Map<string, string>> {
  return new Map(await Promise.all(usernames.map(async (u) => [u, await hashPassword(demoPassword(u))] as const)));
}

/**
 * A demo database from before browser sign-in: its demo users get their demo passwords, once. Only
 * users who still hold their demo token, so a real account that happens to share a demo username
 * never gets a known password.
 */
async function addDemoPasswords(db: DataSource): Promise<void> {
  const rows: Array<{ username: string }> = await db.query('SELECT username FROM users WHERE password_hash IS NULL AND username = ANY($1::text[]) AND token_hash = ANY($2::text[])', [
    DEMO_USERS.map((u) => u.username),
    DEMO_USERS.map((u) => hashToken(demoToken(u.username))),
  ]);
  const passwords = await demoPasswordHashes(rows.map((r) => r.username));
  for (const [username, hash] of passwords) {
    await db.query('UPDATE users SET password_hash = $3 WHERE username = $1 AND token_hash = $2 AND password_hash IS NULL', [username, hashToken(demoToken(username)), hash]);
  }
}

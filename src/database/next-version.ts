import type { Repository } from 'typeorm';
import { isUniqueViolation } from './unique-violation';

/** A table of versioned definitions (SLA policies, priority matrices): one row per code and version. */
interface VersionRow<T> {
  code: string;
  version: number;
  name: string;
  definition: T;
}

/**
 * Stores the next version of a definition. The number is the highest plus one; when two admins
 * publish the same code at once, the primary key refuses the second and it takes the next number
 * (a version is never overwritten, and neither publisher gets a 500).
 */
export async function publishNextVersion<T extends { code: string; version: number; name: string }>(
  rows: Repository<VersionRow<T>>,
  code: string,
  build: (version: number) => T,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const [{ next }] = await rows.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM ${rows.metadata.tableName} WHERE code = $1`, [code]);
    const definition = build(Number(next));
    try {
      await rows.insert({ code: definition.code, version: definition.version, name: definition.name, definition } as never);
      return definition;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt === 5) throw error;
    }
  }
}

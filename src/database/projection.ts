import { ApplicationFailure } from '@temporalio/common';
import { projectionFailures } from '../observability/metrics';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** An entity's columns as a projection writes them: instants as the ISO strings workflows carry. */
export type ProjectedRow<T> = { [K in keyof T]?: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/**
 * Writes a projection's row: inserted the first time, afterwards overwritten only by a newer
 * `version`, so a retried or late activity changes nothing. The columns come from the entity's
 * TypeORM metadata (declared once); `fixed` ones never change after the insert.
 */
export async function upsertNewer<T extends ObjectLiteral & { version: number }>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  row: ProjectedRow<T>,
  key: keyof T & string,
  fixed: ReadonlyArray<keyof T & string> = [],
): Promise<void> {
  const metadata = tx.connection.getMetadata(entity);
  const keyColumn = metadata.findColumnWithPropertyName(key)!.databaseName;
  const overwrite = metadata.columns
    .filter((column) => column.propertyName in row && column.propertyName !== key && !fixed.includes(column.propertyName as keyof T & string))
    .map((column) => column.databaseName);
  await tx
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(row as never)
    .orUpdate(overwrite, [keyColumn], { overwriteCondition: { where: `${metadata.tableName}.version < EXCLUDED.version` } })
    .updateEntity(false)
    .execute();
}

/** Appends rows keyed by their primary key (journal entries, knowledge entries): a retried write inserts nothing. */
export async function insertOnce<T extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<T>, rows: ProjectedRow<T>[]): Promise<void> {
  if (!rows.length) return;
  await tx.createQueryBuilder().insert().into(entity).values(rows as never).orIgnore().updateEntity(false).execute();
}

/** PostgreSQL error classes a retry cannot fix: data exceptions (22…) and integrity violations (23…). */
const DATA_ERROR = /^2[23]/;

/**
 * A projection's writes in one transaction. An error the database will give again on every retry
 * (bad data, a broken reference) fails the activity for good instead of retrying for ever: the
 * command answers with a clear failure and the read model holds nothing of it.
 */
export async function projectionTransaction(dataSource: DataSource, work: (tx: EntityManager) => Promise<void>): Promise<void> {
  try {
    await dataSource.transaction(work);
  } catch (error) {
    const code = (error as { driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
    const rejected = typeof code === 'string' && DATA_ERROR.test(code);
    projectionFailures.inc({ reason: rejected ? 'rejected' : 'retried' });
    if (rejected) {
      throw ApplicationFailure.nonRetryable(`the read model refused the projection (${code}): ${(error as Error).message}`, 'ProjectionRejected');
    }
    throw error;
  }
}

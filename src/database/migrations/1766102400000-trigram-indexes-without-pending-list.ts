import { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGRAM_INDEXES = ['tickets_number_trgm_idx', 'tickets_title_trgm_idx', 'tickets_description_trgm_idx'];

/**
 * Text search reads the trigram indexes; with GIN's fast update (the default) every new row version
 * of a ticket (each status change, assignment, SLA update: the indexed columns make them non-HOT)
 * goes to the index's pending list, which every search then reads through until (auto)vacuum
 * folds it in. At 50,000 tickets, right after 3,000 changes, that was 9 of a search's 17 ms in the
 * indexes. Without it a ticket update costs ~1.2 ms more (0.4 → 1.6 ms for a status change, in
 * PostgreSQL alone), a search stays at its folded cost (docs/operations.md, "Queues at scale").
 */
export class TrigramIndexesWithoutPendingList1766102400000 implements MigrationInterface {
  name = 'TrigramIndexesWithoutPendingList1766102400000';

  async up(q: QueryRunner): Promise<void> {
    for (const index of TRIGRAM_INDEXES) {
      await q.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
      // What is pending now is folded in once; nothing is added to the list after this.
      await q.query(`SELECT gin_clean_pending_list('${index}'::regclass)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of TRIGRAM_INDEXES) await q.query(`ALTER INDEX ${index} RESET (fastupdate)`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications due now are delivered in batches, one delivery workflow per batch instead of one
 * per notification (each workflow cost the Temporal server as much as a whole ticket intake). A
 * notification's batch is written before its workflow is started, so a dispatcher that dies in
 * between leaves the batch to be started again, with the same id and the same notifications.
 */
export class DeliveryBatches1766188800000 implements MigrationInterface {
  name = 'DeliveryBatches1766188800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN delivery_batch uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN delivery_batch`);
  }
}

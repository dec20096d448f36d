import type { Verdict } from '../../machines/process/law';
import { refusalFromVerdict } from './process-workflows.client';

/** The part of a process law the API asks before it bothers the workflow. */
interface EarlyLaw<Snap, P, E> {
  restore(state: P): Snap;
  judge(snapshot: Snap, event: E): Verdict;
  isFinal(snapshot: Snap): boolean;
}

/**
 * Answers an obvious refusal from the read model's copy of the machine, without a round trip. The
 * workflow's validator stays the authority. With an Idempotency-Key the workflow decides (a retry
 * of a command that was applied must get its first answer, not "not possible now"); only a final
 * process, whose workflow has ended, is refused here.
 */
export function refuseEarly<Snap, P, E>(law: EarlyLaw<Snap, P, E>, state: P, message: object, idempotencyKey?: string): void {
  const snapshot = law.restore(state);
  if (idempotencyKey && !law.isFinal(snapshot)) return;
  const verdict = law.judge(snapshot, { ...message, at: new Date().toISOString() } as E);
  if (!verdict.allowed) throw refusalFromVerdict(verdict);
}

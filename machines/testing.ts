// What the machine specs share: the demo cast as actors (seed 002's people and the AU roles) and
// a stamp that turns a command into an event at a given instant. Test code only.
import type { Actor } from './actor';

export const cast = {
  jannet: { id: 'u-jannet', role: 'endUser', name: 'CustomerJannet' },
  raul: { id: 'u-raul', role: 'endUser', name: 'CustomerRaul' },
  tim: { id: 'u-tim', role: 'agent', name: 'LevelOneTim' },
  ahmed: { id: 'u-ahmed', role: 'agent', name: 'LevelTwoAhmed' },
  dorthe: { id: 'u-dorthe', role: 'dispatcher', name: 'Dorthe' },
  ingrid: { id: 'u-ingrid', role: 'incidentManager', name: 'Ingrid' },
  susanne: { id: 'u-susanne', role: 'processManager', name: 'Susanne' },
  thomas: { id: 'u-thomas', role: 'csiForum', name: 'Thomas' },
  admin: { id: 'u-admin', role: 'admin', name: 'Administrator' },
} as const satisfies Record<string, Actor>;

type CommandOf<E> = E extends unknown ? Omit<E, 'actor' | 'at'> : never;

/** `by(actor, command)`: the event the workflow would make of the command, at `at` unless told otherwise. */
export const stampedAt =
  <E extends { type: string }>(at: string) =>
  (actor: Actor, command: CommandOf<E>, when = at): E =>
    ({ ...command, actor, at: when }) as unknown as E;

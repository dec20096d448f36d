// The change's law: what the change machine takes now and why not (machines/process/law.ts). A
// refused assessment names every missing field at once.
import { changeMachine } from './change.machine';
import { CHANGE_RULES, ChangeRuleName } from './change.rules';
import { CHANGE_COMMANDS, ChangeCommandType, ChangeContext, ChangeEvent, ChangeJournalEffect, ChangeNotifyEffect, ChangeStage } from './change.types';
import { defineLaw, Persisted, Verdict } from './process/law';

export type ChangeSnapshot = ReturnType<typeof changeMachine.resolveState>;
export type PersistedChangeState = Persisted<'stage', ChangeStage, ChangeContext>;
export type ChangeEffect = { type: 'record'; params: ChangeJournalEffect } | { type: 'notify'; params: ChangeNotifyEffect };
export type ChangeVerdict = Verdict<ChangeRuleName, ChangeCommandType>;

export const changeLaw = defineLaw<ChangeEffect, ChangeStage>()({
  machine: changeMachine,
  rules: CHANGE_RULES,
  commands: CHANGE_COMMANDS,
  effects: ['record', 'notify'],
  stateKey: 'stage',
  noun: 'change',
  // Window rules compare dates: the probe carries a real one.
  probe: (type, actor) => ({ type, actor, at: new Date(0).toISOString() }) as unknown as ChangeEvent,
  listMissing: true,
});

export const {
  open: submitChange,
  apply: applyChangeEvent,
  restore: restoreChange,
  persist: persistChange,
  stateOf: changeStageOf,
  allowedCommands: allowedChangeCommands,
  judge: judgeChange,
} = changeLaw;

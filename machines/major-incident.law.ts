// The major incident's law: what the MI machine takes now and why not (machines/process/law.ts).
import { majorIncidentMachine } from './major-incident.machine';
import { MI_RULES, MiRuleName } from './major-incident.rules';
import { MI_COMMANDS, MiCommandType, MiContext, MiJournalEffect, MiNotifyEffect, MiStage } from './major-incident.types';
import { defineLaw, Persisted, Verdict } from './process/law';

export type MiSnapshot = ReturnType<typeof majorIncidentMachine.resolveState>;
export type PersistedMiState = Persisted<'stage', MiStage, MiContext>;
export type MiEffect = { type: 'record'; params: MiJournalEffect } | { type: 'notify'; params: MiNotifyEffect };
export type MiVerdict = Verdict<MiRuleName, MiCommandType>;

export const miLaw = defineLaw<MiEffect, MiStage>()({
  machine: majorIncidentMachine,
  rules: MI_RULES,
  commands: MI_COMMANDS,
  effects: ['record', 'notify'],
  stateKey: 'stage',
  noun: 'major incident',
});

export const {
  open: proposeMajorIncident,
  apply: applyMiEvent,
  restore: restoreMi,
  persist: persistMi,
  stateOf: miStageOf,
  allowedCommands: allowedMiCommands,
  judge: judgeMi,
} = miLaw;

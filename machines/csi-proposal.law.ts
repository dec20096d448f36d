// The CSI proposal's law: what the proposal machine takes now and why not (machines/process/law.ts).
import { csiProposalMachine } from './csi-proposal.machine';
import { CSI_RULES, CsiRuleName } from './csi-proposal.rules';
import { CSI_COMMANDS, CsiCommandType, CsiContext, CsiJournalEffect, CsiNotifyEffect, CsiStage } from './csi-proposal.types';
import { defineLaw, Persisted, Verdict } from './process/law';

export type CsiSnapshot = ReturnType<typeof csiProposalMachine.resolveState>;
export type PersistedCsiState = Persisted<'stage', CsiStage, CsiContext>;
export type CsiEffect = { type: 'record'; params: CsiJournalEffect } | { type: 'notifyOwner'; params: CsiNotifyEffect };
export type CsiVerdict = Verdict<CsiRuleName, CsiCommandType>;

export const csiLaw = defineLaw<CsiEffect, CsiStage>()({
  machine: csiProposalMachine,
  rules: CSI_RULES,
  commands: CSI_COMMANDS,
  effects: ['record', 'notifyOwner'],
  stateKey: 'stage',
  noun: 'proposal',
});

export const {
  open: submitProposal,
  apply: applyCsiEvent,
  restore: restoreCsi,
  persist: persistCsi,
  stateOf: stageOf,
  allowedCommands: allowedCsiCommands,
  judge: judgeCsi,
} = csiLaw;

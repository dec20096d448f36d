// The workflows' only clock. Inside Temporal's workflow sandbox `Date` is replaced by the
// workflow's deterministic time (the start of the current workflow task), identical on every
// replay; nothing here reads the machine's wall clock. Workflow code takes time from here only.
export const workflowNow = (): number => Date.now();
export const isoNow = (): string => new Date(workflowNow()).toISOString();

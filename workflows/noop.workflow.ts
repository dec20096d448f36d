/** The baseline for `npm run bench:intake`: a workflow start with no work, on the same server. */
export async function noopWorkflow(): Promise<void> {
  return;
}

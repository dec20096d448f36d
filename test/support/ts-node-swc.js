// Preloaded (`node -r`) by the worker processes the fault tests start: ts-node with swc compiles
// the app in about a third of the CPU time TypeScript's transpiler takes, and a worker restart is
// on the clock there. Test tooling only; production runs the compiled dist/.
require('ts-node').register({ swc: true });

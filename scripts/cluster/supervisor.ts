// Runs the cluster's processes as children of one Node process: each child's output goes to
// .data/cluster/logs/<name>.log and, prefixed with its name, to the console; Ctrl-C (or SIGTERM)
// stops them in the reverse order of their start, so the API and the workers go before Temporal
// and PostgreSQL.
//
// Children get their own process group (`detached`): the terminal's Ctrl-C then reaches the
// supervisor only, which stops them one layer at a time instead of all at once. If the supervisor
// itself dies without stopping them (SIGKILL, OOM killer), two things keep children from living on:
// - each child is started through `setpriv --pdeathsig <its stop signal>` (util-linux), so the
//   kernel sends it that signal when the supervisor dies;
// - their ids are recorded in .data/cluster/pids.json, and the next start stops whichever of them
//   still runs (stopLeftovers): the fallback where setpriv is missing.
import { ChildProcess, execFileSync, spawn, SpawnOptions } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync, WriteStream } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Signal for a graceful stop: SIGTERM, or SIGINT where it means "fast, but clean" (postgres). */
  stopSignal?: NodeJS.Signals;
  /** Stateless processes (API, worker) are started again when they die; infrastructure is not. */
  restart?: boolean;
  /** Output to the log file only (chatty tools such as temporal-sql-tool). */
  quiet?: boolean;
  /**
   * Output to the log file only until markReady (a Nest process prints ~150 lines while it
   * starts); if it dies first, the end of its log is shown.
   */
  quietUntilReady?: boolean;
}

interface Supervised {
  spec: ProcessSpec;
  child: ChildProcess;
  log: WriteStream;
  lines: Array<(line: string) => void>;
  stopping: boolean;
  ready: boolean;
  oneShot?: boolean;
  restarts: number[];
}

/** util-linux's setpriv with --pdeathsig (2.33+), or undefined. */
const setpriv = (() => {
  try {
    return /--pdeathsig/.test(execFileSync('setpriv', ['--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) ? 'setpriv' : undefined;
  } catch {
    return undefined;
  }
})();

const colours = [36, 33, 35, 32, 34, 91, 92, 93, 94, 95, 96];

export class Supervisor {
  private readonly processes: Supervised[] = [];
  private stopping = false;
  private readonly pidsFile: string;

  constructor(
    private readonly logDir: string,
    stateDir: string,
    /** Called when a process that is not restarted dies on its own: the cluster cannot go on. */
    private readonly onFatal: (name: string, code: number | null, signal: string | null) => void,
  ) {
    mkdirSync(logDir, { recursive: true });
    this.pidsFile = join(stateDir, 'pids.json');
  }

  /** Runs a command to completion (schema tool, migrations), its output logged like the others. */
  async run(spec: ProcessSpec): Promise<void> {
    const supervised = this.spawn(spec);
    supervised.oneShot = true; // its exit is awaited here, not treated as a crash
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      supervised.child.once('exit', (c, s) => resolve([c, s])),
    );
    // stopAll may have emptied the list already (Ctrl-C during a migration).
    if (this.processes.includes(supervised)) this.processes.splice(this.processes.indexOf(supervised), 1);
    this.savePids();
    if (code !== 0) {
      if (spec.quiet || spec.quietUntilReady) console.log(this.tail(spec.name));
      throw new Error(`${spec.name} failed (exit code ${code}, signal ${signal}); see ${join(this.logDir, spec.name + '.log')}`);
    }
  }

  /** Starts a long-running process; resolves once it is spawned (readiness is the caller's). */
  start(spec: ProcessSpec): Supervised {
    return this.spawn(spec);
  }

  /** Waits until a process prints a line matching `pattern` (e.g. "worker polling"). */
  waitForLine(supervised: Supervised, pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${supervised.spec.name}: no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
      const listener = (line: string) => {
        if (!pattern.test(line)) return;
        clearTimeout(timer);
        supervised.lines.splice(supervised.lines.indexOf(listener), 1);
        resolve();
      };
      supervised.lines.push(listener);
      supervised.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${supervised.spec.name} exited (code ${code}) before it was ready; see ${join(this.logDir, supervised.spec.name + '.log')}`));
      });
    });
  }

  /** Stops every process, last started first; each gets `graceMs` before SIGKILL. */
  async stopAll(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    for (const supervised of [...this.processes].reverse()) {
      supervised.stopping = true;
      const t0 = Date.now();
      const how = await stopChild(supervised.child, supervised.spec.stopSignal ?? 'SIGTERM', graceMs);
      supervised.log.end();
      console.log(`  stopped ${supervised.spec.name} (${how}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    this.processes.length = 0;
    this.savePids();
  }

  /**
   * Stops the processes a previous supervisor left running (it was SIGKILLed), by the ids it
   * recorded, and only when the id still runs the command recorded for it.
   */
  async stopLeftovers(): Promise<string[]> {
    if (!existsSync(this.pidsFile)) return [];
    const recorded = JSON.parse(readFileSync(this.pidsFile, 'utf8')) as Array<{ name: string; pid: number; command: string; stopSignal: NodeJS.Signals }>;
    const stopped: string[] = [];
    for (const entry of recorded.reverse()) {
      if (commandOf(entry.pid) !== entry.command) continue;
      // A leftover is not our child: poll for its end instead of waiting for an exit event.
      process.kill(entry.pid, entry.stopSignal);
      const deadline = Date.now() + 15_000;
      while (commandOf(entry.pid) === entry.command && Date.now() < deadline) await sleep(200);
      if (commandOf(entry.pid) === entry.command) process.kill(entry.pid, 'SIGKILL');
      stopped.push(`${entry.name} (pid ${entry.pid})`);
    }
    writeFileSync(this.pidsFile, '[]');
    return stopped;
  }

  markReady(supervised: Supervised): void {
    supervised.ready = true;
  }

  /** The last lines of a process's log file, for a failure message. */
  tail(name: string, lines = 20): string {
    try {
      return readFileSync(join(this.logDir, `${name}.log`), 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `  ${name} | ${l}`).join('\n');
    } catch {
      return '';
    }
  }

  private spawn(spec: ProcessSpec, restarts: number[] = []): Supervised {
    // A step still under way when Ctrl-C came must not start anything that stopAll would miss.
    if (this.stopping) throw new Error(`not starting ${spec.name}: the cluster is stopping`);
    const log = createWriteStream(join(this.logDir, `${spec.name}.log`), { flags: 'a' });
    const options: SpawnOptions = {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      uid: spec.uid,
      gid: spec.gid,
    };
    const stopSignal = spec.stopSignal ?? 'SIGTERM';
    // setpriv sets the parent-death signal, then execs the command: same pid, no extra process.
    const child = setpriv
      ? spawn(setpriv, ['--pdeathsig', stopSignal.replace(/^SIG/, ''), '--', spec.command, ...spec.args], options)
      : spawn(spec.command, spec.args, options);
    // A restarted process is shown at once: nobody waits for it to become ready.
    const supervised: Supervised = { spec, child, log, lines: [], stopping: false, ready: restarts.length > 0, restarts };
    const colour = colours[this.processes.length % colours.length];
    const name = spec.name.padEnd(12);
    const prefix = process.stdout.isTTY ? `\x1b[${colour}m${name}\x1b[0m| ` : `${name}| `;
    const onData = (stream: NodeJS.ReadableStream) => {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        log.write(chunk);
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          // While stopping, only the log file gets the output (Temporal's shutdown is chatty).
          const shown = !spec.quiet && !supervised.stopping && (supervised.ready || !spec.quietUntilReady);
          if (shown) process.stdout.write(prefix + line + '\n');
          for (const listener of [...supervised.lines]) listener(line);
        }
      });
    };
    onData(child.stdout!);
    onData(child.stderr!);
    child.on('error', (error) => process.stdout.write(`${prefix}could not start: ${error.message}\n`));
    child.once('exit', (code, signal) => this.onExit(supervised, code, signal));
    this.processes.push(supervised);
    this.savePids();
    return supervised;
  }

  private onExit(supervised: Supervised, code: number | null, signal: string | null): void {
    if (supervised.oneShot || supervised.stopping || this.stopping || !this.processes.includes(supervised)) return;
    const { spec } = supervised;
    if (!supervised.ready && spec.quietUntilReady) {
      supervised.log.once('finish', () => console.log(this.tail(spec.name)));
    }
    process.stdout.write(`${spec.name} exited (code ${code}, signal ${signal})\n`);
    if (!spec.restart) {
      this.onFatal(spec.name, code, signal);
      return;
    }
    // A crash loop (5 restarts within a minute) is a fault to look at, not to hide.
    const recent = supervised.restarts.filter((t) => t > Date.now() - 60_000);
    if (recent.length >= 5) {
      this.onFatal(spec.name, code, signal);
      return;
    }
    supervised.log.end();
    setTimeout(() => {
      if (this.stopping) return;
      process.stdout.write(`restarting ${spec.name}\n`);
      const replacement = this.spawn(spec, [...recent, Date.now()]);
      // Keep the start order (stopAll stops in reverse): the replacement takes the old place.
      this.processes.splice(this.processes.indexOf(replacement), 1);
      this.processes.splice(this.processes.indexOf(supervised), 1, replacement);
      this.savePids();
    }, 1_000);
  }

  private savePids(): void {
    const entries = this.processes
      .filter((p) => p.child.pid !== undefined)
      .map((p) => ({ name: p.spec.name, pid: p.child.pid!, command: commandLine(p.spec), stopSignal: p.spec.stopSignal ?? 'SIGTERM' }));
    writeFileSync(this.pidsFile, JSON.stringify(entries, null, 1));
  }
}

/** The command line a spec runs, as /proc shows it once setpriv has exec'ed it. */
function commandLine(spec: ProcessSpec): string {
  return [spec.command, ...spec.args].filter(Boolean).join(' ');
}

/** The command line of a running process (Linux /proc), or undefined when it is gone. */
function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') || undefined;
  } catch {
    return undefined;
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve('had exited');
  return new Promise((resolve) => {
    let how: string = signal;
    const timer = setTimeout(() => {
      how = `${signal}, then SIGKILL after ${graceMs / 1000} s`;
      child.kill('SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(how);
    });
    child.kill(signal);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once something accepts TCP connections on host:port. */
export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1', alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the process for port ${port} exited`);
    if (await isListening(port, host)) return;
    await sleep(200);
  }
  throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
}

export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

// E2E harness: runs the REAL app (the `dev`-tagged Go binary, real bindings)
// under Xvfb and lets Playwright drive Debian's Chromium against its dev server.
//
// Typical use (one fresh app instance + data dir per test):
//
//   import { test, expect, screenshot } from './huddle';
//   test.use({ huddleArgs: ['--demo'] });              // optional, per file or describe
//   test('inbox shows', async ({ page, huddle }) => {  // page is already at huddle.url
//     await expect(page.getByRole('heading')).toBeVisible();
//     await screenshot(page, 'inbox');                 // -> build/screenshots/inbox.png
//   });
//
// One instance shared by a whole file: call launchHuddle() yourself in
// test.beforeAll and `await app.stop()` in test.afterAll (use the `browser`
// fixture and watchPageErrors() for your own pages).
//
// The binary must exist: `make build-dev` (make test and make e2e do it).
// Environment knobs: HUDDLE_DEV_BIN (binary), CHROMIUM_PATH (browser),
// HUDDLE_E2E_VERBOSE=1 (echo the app's output live).
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

/** Absolute path of the repository root (computed, never hard-coded). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');
/** Where screenshot() writes (gitignored). */
export const screenshotDir = join(repoRoot, 'build', 'screenshots');
export const devBinary = resolve(process.env.HUDDLE_DEV_BIN ?? join(repoRoot, 'build', 'bin', 'huddle-dev'));
export const assetDir = join(repoRoot, 'frontend', 'dist');

export interface LaunchOptions {
  /** Extra command-line arguments, e.g. ['--demo']. `--data` is added by the harness. */
  args?: string[];
  /** Use this data directory instead of a fresh temporary one (it is then never deleted). */
  dataDir?: string;
  /** Extra environment variables for the app. */
  env?: Record<string, string>;
  /** How long to wait for the dev server to answer (default 90 s, env HUDDLE_E2E_START_TIMEOUT_MS). */
  startTimeoutMs?: number;
}

export interface HuddleApp {
  /** Base URL of the app's dev server, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  readonly port: number;
  /** The app's data directory (`--data`). */
  readonly dataDir: string;
  /** Arguments the app was started with (without `--data`). */
  readonly args: string[];
  /** Process id of the process-group leader (xvfb-run). */
  readonly pid: number;
  /** Everything the app (and Xvfb) wrote to stdout/stderr so far. */
  output(): string;
  /** Resolves when the output matches `pattern`; rejects after timeoutMs or if the app exits. */
  waitForOutput(pattern: RegExp | string, timeoutMs?: number): Promise<void>;
  /** True while the app process group is running. */
  running(): boolean;
  /** Stops the app and everything it started (Xvfb, WebKit helpers); deletes a temporary data dir. */
  stop(): Promise<void>;
  /** Stops the app (keeping the data dir) and starts it again on the same data; returns the new instance. */
  restart(opts?: Omit<LaunchOptions, 'dataDir'>): Promise<HuddleApp>;
}

const live = new Set<number>(); // process-group ids still running

// Last resort if the runner exits without teardown (Ctrl-C, crash): no strays.
process.on('exit', () => {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  state: string;
  cmd: string;
}

function processes(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...   comm may contain spaces and parentheses
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0] ?? '';
      } catch {
        /* exited meanwhile */
      }
      out.push({ pid: Number(name), state: rest[0]!, ppid: Number(rest[1]), pgrp: Number(rest[2]), cmd });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** Live (non-zombie) members of the process group plus all descendants of `root`. */
function family(root: number, pgid: number): ProcInfo[] {
  const all = processes().filter((p) => p.state !== 'Z');
  const keep = new Map<number, ProcInfo>();
  for (const p of all) if (p.pgrp === pgid || p.pid === root) keep.set(p.pid, p);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!keep.has(p.pid) && keep.has(p.ppid)) {
        keep.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...keep.values()];
}

function signal(pids: number[], sig: NodeJS.Signals) {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      /* gone */
    }
  }
}

async function waitGone(root: number, pgid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (family(root, pgid).length === 0) return true;
    await sleep(50);
  }
  return family(root, pgid).length === 0;
}

/** Starts build/bin/huddle-dev under xvfb-run and waits until its dev server answers. */
export async function launchHuddle(opts: LaunchOptions = {}): Promise<HuddleApp> {
  if (!existsSync(devBinary)) {
    throw new Error(`dev binary not found: ${devBinary} (run 'make build-dev')`);
  }
  if (!existsSync(join(assetDir, 'index.html'))) {
    throw new Error(`frontend not built: ${assetDir}/index.html missing (run 'make build-dev')`);
  }
  const args = opts.args ?? [];
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'huddle-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const verbose = process.env.HUDDLE_E2E_VERBOSE === '1';

  // Wails' dev build reads `devserver`/`assetdir` from the environment, which
  // keeps os.Args free for the app's own flags.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    devserver: `127.0.0.1:${port}`,
    assetdir: assetDir,
    NO_AT_BRIDGE: '1', // no accessibility-bus lookups under Xvfb
    ...opts.env,
  };
  // The app must not reach a desktop session's D-Bus (notifications) by accident.
  if (!opts.env?.DBUS_SESSION_BUS_ADDRESS) delete env.DBUS_SESSION_BUS_ADDRESS;

  const child: ChildProcess = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1280x800x24', devBinary, '--data', dataDir, ...args],
    { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pgid = child.pid!;
  live.add(pgid);

  let log = '';
  let exited: string | null = null;
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    const s = chunk.toString();
    if (verbose) process.stderr.write(s);
    log += s;
    if (log.length > 4_000_000) log = log.slice(-2_000_000);
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exitPromise = new Promise<void>((r) =>
    child.on('exit', (code, sig) => {
      exited = sig ? `killed by ${sig}` : `exit code ${code}`;
      live.delete(pgid);
      for (const w of waiters) w();
      r();
    }),
  );

  let stopped = false;
  const stop = async (keepData = false) => {
    if (stopped) return;
    stopped = true;
    const appName = basename(devBinary);
    // 1. Ask the app itself to quit; xvfb-run then shuts Xvfb down and cleans up.
    signal(
      family(pgid, pgid)
        .filter((p) => basename(p.cmd) === appName)
        .map((p) => p.pid),
      'SIGTERM',
    );
    await Promise.race([exitPromise, sleep(5000)]);
    // 2. Whatever is left (Xvfb, WebKit helpers): TERM, then KILL.
    if (!(await waitGone(pgid, pgid, exited ? 1000 : 0))) {
      signal(family(pgid, pgid).map((p) => p.pid), 'SIGTERM');
      if (!(await waitGone(pgid, pgid, 3000))) {
        signal(family(pgid, pgid).map((p) => p.pid), 'SIGKILL');
        if (!(await waitGone(pgid, pgid, 5000))) {
          const left = family(pgid, pgid).map((p) => `${p.pid} ${p.cmd}`);
          throw new Error(`huddle: processes survived SIGKILL: ${left.join(', ')}`);
        }
      }
    }
    live.delete(pgid);
    if (ownDir && !keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  const app: HuddleApp = {
    url,
    port,
    dataDir,
    args,
    pid: pgid,
    output: () => log,
    running: () => exited === null,
    waitForOutput(pattern, timeoutMs = 30_000) {
      const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
      return new Promise<void>((ok, fail) => {
        const done = (err?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (err) fail(err);
          else ok();
        };
        const check = () => {
          if (re.test(log)) done();
          else if (exited) done(new Error(`huddle exited (${exited}) before printing ${re}\n${tail(log)}`));
        };
        const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${re}\n${tail(log)}`)), timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => stop(false),
    async restart(more = {}) {
      await stop(true);
      const next = await launchHuddle({ args, env: opts.env, ...more, dataDir });
      if (ownDir) {
        // the new instance owns the temporary dir now
        const inner = next.stop;
        return Object.assign(next, {
          stop: async () => {
            await inner();
            rmSync(dataDir, { recursive: true, force: true });
          },
        });
      }
      return next;
    },
  };

  // Wait until the dev server answers (or the app dies).
  const startTimeout = opts.startTimeoutMs ?? (Number(process.env.HUDDLE_E2E_START_TIMEOUT_MS) || 90_000);
  const deadline = Date.now() + startTimeout;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`huddle-dev exited during start-up (${exited}):\n${tail(log)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`huddle-dev did not answer on ${url} within ${startTimeout} ms:\n${tail(log)}`);
    }
    await sleep(100);
  }
  return app;
}

function tail(s: string, lines = 40): string {
  return s.split('\n').slice(-lines).join('\n');
}

/** True for the two known-harmless errors of the Wails dev server in a browser. */
export function isHarmless(text: string): boolean {
  return /\/wails\/ipc\.js/.test(text) || /favicon\.ico/.test(text);
}

/**
 * Collects page errors, console errors and failed (>= 400) responses of `page`,
 * minus the harmless ones (an error thrown inside /wails/ipc.js, the favicon 404).
 */
export function watchPageErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (err) => {
    const text = `pageerror: ${err.message}\n${err.stack ?? ''}`;
    if (!isHarmless(text)) errors.push(text);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location().url ?? '';
    const text = `console.error: ${msg.text()} (${loc})`;
    // Chromium logs every failed request as a console error too; those are reported by 'response'.
    if (/Failed to load resource/.test(msg.text())) return;
    if (!isHarmless(text)) errors.push(text);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !isHarmless(res.url())) errors.push(`HTTP ${res.status()} ${res.url()}`);
  });
  return errors;
}

/** Creates the sample salon's workspace on the first-run screen, Camille Laurent its Owner. */
export async function createWorkspace(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Welcome to Huddle' })).toBeVisible();
  await page.getByLabel('Business name').fill('Maison Lumière');
  await page.getByLabel('Your name').fill('Camille Laurent');
  await page.getByLabel('First location or brand').fill('Riverside');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { name: 'All open' })).toBeVisible();
}

/** Saves a PNG of the page to build/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

interface HuddleOptions {
  /** Extra arguments for the app of each test, e.g. ['--demo']. */
  huddleArgs: string[];
  /** Extra environment for the app of each test. */
  huddleEnv: Record<string, string>;
  /** Set to true in tests that expect page errors. */
  allowPageErrors: boolean;
}

interface HuddleFixtures {
  /** A fresh app instance (own data dir, own Xvfb) for this test. */
  huddle: HuddleApp;
  /** Unexpected page errors seen so far (the test fails at the end if non-empty). */
  pageErrors: string[];
}

export const test = base.extend<HuddleOptions & HuddleFixtures>({
  huddleArgs: [[], { option: true }],
  huddleEnv: [{}, { option: true }],
  allowPageErrors: [false, { option: true }],

  // Own timeout: starting the app (e.g. seeding --demo) must not eat the test's budget.
  huddle: [
    async ({ huddleArgs, huddleEnv }, use, testInfo) => {
      const app = await launchHuddle({ args: huddleArgs, env: huddleEnv });
      try {
        await use(app);
      } finally {
        if (testInfo.status !== testInfo.expectedStatus) {
          await testInfo.attach('huddle-output.txt', { body: app.output(), contentType: 'text/plain' });
        }
        await app.stop();
      }
    },
    { timeout: 150_000 },
  ],

  pageErrors: async ({ allowPageErrors }, use) => {
    const errors: string[] = [];
    await use(errors);
    if (!allowPageErrors) expect(errors, 'unexpected errors in the page').toEqual([]);
  },

  // `page` starts at the app: errors are watched from the first request on.
  // (huddle first: the browser context is only created once the app is up.)
  page: async ({ huddle, pageErrors, page }, use) => {
    watchPageErrors(page, pageErrors);
    await page.goto(huddle.url);
    await use(page);
  },
});

/** How long seeding --demo may take: thousands of documents with fsync on, about a minute on a
 * 2-core machine. */
const DEMO_SEED_TIMEOUT_MS = 240_000;

/**
 * One demo app (--demo) for a whole spec file, its tests run in order on one page: seeding
 * takes too long to repeat per test. Every test fails on unexpected page errors.
 * `onReady` receives the page and the app once both are up.
 */
export function serveDemo(onReady: (page: Page, app: HuddleApp) => void, testTimeoutMs = 90_000): void {
  let app: HuddleApp | undefined;
  let page: Page | undefined;
  const errors: string[] = [];
  test.describe.configure({ mode: 'serial', timeout: testTimeoutMs });
  test.beforeAll(async ({ browser }, testInfo) => {
    testInfo.setTimeout(DEMO_SEED_TIMEOUT_MS + 30_000);
    app = await launchHuddle({ args: ['--demo'], startTimeoutMs: DEMO_SEED_TIMEOUT_MS });
    page = await browser.newPage();
    watchPageErrors(page, errors);
    await page.goto(app.url);
    onReady(page, app);
  });
  test.afterAll(async () => {
    await page?.close();
    await app?.stop();
  });
  test.afterEach(() => {
    expect(errors, 'unexpected errors in the page').toEqual([]);
  });
}

export { expect };

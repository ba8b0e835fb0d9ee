// A small WebDriver client for the engines Playwright cannot drive here (Debian's Firefox ESR
// through geckodriver, WebKitGTK through WebKitWebDriver; see docs/offline.md), shared by
// firefox.mjs and webkit.mjs: child processes that are always stopped, a private
// copy of the build served on a free port, a WebDriver session with the few commands the
// flows use, polling on conditions (never sleeps), and a runner that reports each flow.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set();

/**
 * Starts `command` and resolves once its output matches `pattern` (at once when there is
 * none), with the child and the match. The child is stopped by `stopAll` if nothing stops it
 * before. Every line of its output is also handed to `onLine` (the browser's console, for one).
 */
export function run(command, args, pattern, { onLine, env } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let log = '';
  let partial = '';
  return new Promise((resolve, reject) => {
    let started = false;
    const scan = (d) => {
      log += d;
      if (onLine) {
        const lines = (partial + d).split('\n');
        partial = lines.pop();
        lines.forEach(onLine);
      }
      const m = !started && pattern && pattern.exec(log);
      if (m) {
        started = true;
        resolve({ child, match: m, log: () => log });
      }
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', scan);
    child.once('error', (e) => {
      child.startError = new Error(`${command} could not start: ${e.message}`);
      reject(child.startError);
    });
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${log}`)));
    if (!pattern) {
      started = true;
      resolve({ child, match: null, log: () => log });
    }
  });
}

/** Stops a child and waits until it has exited. */
export const stop = (child) => new Promise((r) => {
  if (child.exitCode !== null || child.signalCode !== null) r();
  else { child.once('exit', r); child.kill(); }
});

/** Stops every child still running. */
export async function stopAll() {
  for (const child of [...children]) await stop(child);
}

/** A TCP port nothing listens on now. */
export const freePort = () => new Promise((r) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => r(port)); });
});

const SERVE = new URL('serve.mjs', import.meta.url).pathname;

/**
 * A private copy of the build (`dist`, served under `mount`), which a flow may change (a new
 * version) and whose server it may stop (offline), on a port of its own. `start` (again, on
 * the same port: the same origin) and `stop` control the server; `dispose` removes the copy.
 * The copy's page loads console-probe.js before the app, so that the flows can fail on the
 * errors it records (the precache list is rebuilt by the build's own hook to include it).
 */
export class Site {
  constructor(dist, mount) {
    this.mount = mount;
    this.dir = mkdtempSync(join(tmpdir(), 'lede-wd-'));
    cpSync(dist, this.dir, { recursive: true });
    cpSync(new URL('console-probe.js', import.meta.url).pathname, join(this.dir, 'console-probe.js'));
    const index = join(this.dir, 'index.html');
    const html = readFileSync(index, 'utf8');
    const probed = html.replace(/(<meta http-equiv="Content-Security-Policy"[^>]*>)/, '$1\n    <script src="console-probe.js"></script>');
    if (probed === html) throw new Error(`no Content-Security-Policy in ${dist}/index.html to put the console probe after (not a release build?)`);
    writeFileSync(index, probed);
    this.precache();
    this.port = 0;
    this.url = '';
    this.server = null;
  }

  /** Rewrites the copy's precache list and version with the build's own hook. */
  precache() {
    execFileSync(process.execPath, [new URL('../../scripts/precache.mjs', import.meta.url).pathname], {
      env: { ...process.env, TRUNK_STAGING_DIR: this.dir, TRUNK_PUBLIC_URL: this.mount }, stdio: 'ignore',
    });
  }

  async start() {
    const { child, match } = await run(process.execPath, [SERVE, String(this.port), this.dir, this.mount], /on (http:\S+)/);
    this.server = child;
    this.url = match[1];
    this.port = Number(new URL(this.url).port);
    return this.url;
  }

  async stop() {
    if (this.server) await stop(this.server);
    this.server = null;
  }

  /**
   * Deploys a "new version" into the copy the way a build would: a changed index.html (a
   * `lede-test-build` meta tag), then the precache list and version rewritten by the build's
   * own hook.
   */
  deployNewVersion() {
    const index = join(this.dir, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</head>', '<meta name="lede-test-build" content="2"></head>'));
    this.precache();
  }

  /** Writes a file into the copy (a page of the same site, for one). */
  write(name, content) {
    writeFileSync(join(this.dir, name), content);
  }

  async dispose() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts a WebDriver server (`command --port=N ...args`) on a free port and resolves with its
 * URL once it answers. `onLine` hears its output, which holds the browser's own for drivers
 * that pass it on.
 */
export async function startDriver(command, args = [], options = {}) {
  const port = await freePort();
  const { child, log } = await run(command, [`--port=${port}`, ...args], null, options);
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.startError) throw child.startError;
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}:\n${log()}`);
    const ready = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (ready) return { url, child };
    if (Date.now() > end) throw new Error(`${command} did not answer on ${url}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A WebDriver (classic) session: the commands the flows use. */
export class Session {
  /** Opens a session on the driver at `driverUrl` with these (alwaysMatch) capabilities. */
  static async start(driverUrl, capabilities) {
    const session = new Session(driverUrl, '');
    const value = await session.command('POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    session.id = value.sessionId;
    session.capabilities = value.capabilities;
    return session;
  }

  constructor(driverUrl, id) {
    this.driverUrl = driverUrl;
    this.id = id;
    this.capabilities = {};
    /** What console-probe.js recorded in every document this session has left so far. */
    this.errors = [];
  }

  /** The browser and its version, as the driver reports them (e.g. "MiniBrowser 2.50.6"). */
  get browser() {
    return `${this.capabilities.browserName} ${this.capabilities.browserVersion}`;
  }

  /** Sends one command; none may take over a minute (a stuck driver fails the flow, not the run). */
  async command(method, path, body) {
    const res = await fetch(this.driverUrl + path, {
      method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body), signal: AbortSignal.timeout(60_000),
    }).catch((e) => { throw new Error(`WebDriver ${method} ${path}: ${e.cause?.message ?? e.message}`); });
    const json = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  /** A command of this session. */
  cmd(method, path, body) {
    return this.command(method, `/session/${this.id}${path}`, body);
  }

  /**
   * Adds what console-probe.js recorded in the current document to `errors`, once: the
   * document leaves with its record, so this runs before every navigation.
   */
  async collectErrors() {
    const found = await this.execute(`const e = window.__ledeErrors; if (!e) return []; window.__ledeErrors = []; return e`).catch(() => []);
    this.errors.push(...found);
  }

  async navigate(url) {
    await this.collectErrors();
    await this.cmd('POST', '/url', { url });
  }

  async back() {
    await this.collectErrors();
    await this.cmd('POST', '/back', {});
  }

  /**
   * Reloads from the page (location.reload(), what a user's reload does; WebDriver's Refresh
   * is a hard reload in Firefox, which bypasses service workers) and waits for the new
   * document (`ready`, a condition, tells when it is loaded).
   */
  async reload(what, ready, timeoutMs) {
    await this.collectErrors();
    await this.execute(`document.documentElement.dataset.old = '1'; location.reload()`);
    return this.until(what, `if (document.documentElement.dataset.old) return null; ${ready}`, timeoutMs);
  }

  /** Runs a function body in the page and returns its value (`arguments` holds `args`). */
  execute(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Runs a function body that calls its last argument with the result (a callback). */
  executeAsync(script, ...args) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  /** The element matching a CSS selector (a WebDriver element reference). */
  async find(css) {
    return Object.values(await this.cmd('POST', '/element', { using: 'css selector', value: css }))[0];
  }

  /** Clicks the element matching `css` the way a user does (WebDriver's Element Click). */
  async click(css) {
    await this.cmd('POST', `/element/${await this.find(css)}/click`, {});
  }

  /**
   * Types `text` into the element matching `css` (WebDriver's Element Send Keys), each line
   * break as the Enter key: WebKitWebDriver drops a "\n" where geckodriver types one.
   */
  async type(css, text) {
    await this.cmd('POST', `/element/${await this.find(css)}/value`, { text: text.replaceAll('\n', '\uE007') });
  }

  /** Presses keys with a modifier held, e.g. `chord('\uE009', 'v')` for Control+V. */
  async chord(modifier, key) {
    await this.cmd('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions: [
        { type: 'keyDown', value: modifier }, { type: 'keyDown', value: key },
        { type: 'keyUp', value: key }, { type: 'keyUp', value: modifier },
      ] }],
    });
    await this.cmd('DELETE', '/actions');
  }

  /**
   * Polls a condition in the page (a function body returning a truthy value when done) and
   * returns that value. Errors while a new document loads count as "not yet".
   */
  async until(what, body, timeoutMs = 30_000) {
    const end = Date.now() + timeoutMs;
    let lastError = null;
    for (;;) {
      try {
        const value = await this.execute(body);
        if (value) return value;
        lastError = null;
      } catch (e) {
        lastError = e;
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The page and its service worker registration, to explain a failure. */
  async pageState() {
    return this.executeAsync(`const done = arguments[arguments.length - 1];
      const page = {
        url: location.href,
        newBuild: !!document.querySelector('meta[name=lede-test-build]'),
        banner: !!document.querySelector('[data-testid=update-banner]'),
        title: document.querySelector('[data-testid=title]')?.textContent ?? null,
        notice: document.querySelector('[data-testid=notice]')?.textContent ?? null,
        controller: navigator.serviceWorker?.controller?.state ?? null,
      };
      if (!navigator.serviceWorker) { done(JSON.stringify(page)); return; }
      navigator.serviceWorker.getRegistration().then((r) => done(JSON.stringify({ ...page,
        active: r?.active?.state ?? null, waiting: r?.waiting?.state ?? null, installing: r?.installing?.state ?? null,
      })), (err) => done(String(err)));`).catch((err) => String(err));
  }

  /** Ends the session (the browser closes); the errors of its last document are collected first. */
  async quit() {
    if (!this.id) return;
    await this.collectErrors();
    await this.command('DELETE', `/session/${this.id}`).catch(() => {});
    this.id = '';
  }
}

/**
 * Runs flows (flows.mjs) in one engine and resolves with the number that failed. `engine` says
 * how to drive it: `name` (the prefix of every line), `driver` (the WebDriver server's command
 * and arguments) and `capabilities(options)` (a new session's, for a flow's options such as
 * `{ localStorage: false }`). `list` holds `[id, title, flow, { ownSite }]`: each flow runs
 * in a new browser (a fresh profile) and fails on any error its pages recorded; the flows
 * that stop the server or deploy a new version (`ownSite`) get a copy of the build of their
 * own, the others share one. `only` (ids) picks some.
 */
export async function runEngine(engine, list, { dist, mount, only = [] }) {
  const start = Date.now();
  let session = null;
  let version = '';
  let driver = null;
  const browser = {
    keys: { control: '\uE009' },
    async open(options = {}) {
      await browser.close();
      session = await Session.start(driver.url, engine.capabilities(options));
      version = session.browser;
      return session;
    },
    /** Ends the browser and fails on any error its pages recorded. */
    async close() {
      if (!session) return;
      const s = session;
      session = null;
      await s.quit();
      if (s.errors.length) throw new Error(`errors in the page:\n  ${s.errors.join('\n  ')}`);
    },
  };
  let shared = null;
  try {
    driver = await startDriver(...engine.driver);
    shared = new Site(dist, mount);
    await shared.start();
    const chosen = list.filter(([id]) => only.length === 0 || only.includes(id));
    const failed = await runFlows(engine.name, chosen.map(([, title, flow, { ownSite = false } = {}]) => [title, async (log) => {
      const site = ownSite ? new Site(dist, mount) : shared;
      try {
        if (ownSite) await site.start();
        await flow(browser, site, log);
        await browser.close();
      } finally {
        await browser.close().catch(() => {});
        if (ownSite) await site.dispose();
      }
    }]));
    console.log(`${engine.name}: ${version} at ${mount}, ${((Date.now() - start) / 1000).toFixed(0)} s`);
    return failed;
  } catch (e) {
    console.error(`${engine.name}: FAILED before the flows could run: ${e.message}`);
    return 1;
  } finally {
    await shared?.dispose();
    await stopAll();
  }
}

/**
 * Runs `flows` (`[name, async (log) => ...]`) one after the other, each reported with its
 * time. A flow that fails is run once more (it opens a fresh browser, so nothing carries
 * over): WebKitGTK under Xvfb on a fresh machine has failed a flow once that passed on every
 * other run, and a flow that fails twice is a failure. Every failure's message is printed
 * when it happens and again in the summary, so that the end of a CI log says why. Resolves
 * with the number of flows that failed both tries. `prefix` names the engine in every line.
 */
export async function runFlows(prefix, flows, tries = 2) {
  const failures = [];
  const retried = [];
  let failed = 0;
  let flaky = 0;
  for (const [name, flow] of flows) {
    const earlier = [];
    for (let attempt = 1; attempt <= tries; attempt += 1) {
      const start = Date.now();
      try {
        await flow((line) => console.log(`${prefix}:   ${line}`));
        console.log(`${prefix}: ok   ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)${attempt > 1 ? ` on try ${attempt}` : ''}`);
        if (earlier.length) flaky += 1;
        retried.push(...earlier);
        break;
      } catch (e) {
        const message = `${name} (try ${attempt} of ${tries}, ${((Date.now() - start) / 1000).toFixed(1)} s): ${e.message}`;
        console.log(`${prefix}: FAIL ${message}`);
        earlier.push(message);
        if (attempt === tries) {
          failed += 1;
          failures.push(...earlier);
        }
      }
    }
  }
  console.log(`${prefix}: ${flows.length - failed} passed, ${failed} failed${flaky ? `, ${flaky} of them passed only on a later try` : ''}`);
  for (const m of [...retried.map((m) => `retried: ${m}`), ...failures.map((m) => `failed: ${m}`)]) console.log(`${prefix}:   ${m}`);
  return failed;
}

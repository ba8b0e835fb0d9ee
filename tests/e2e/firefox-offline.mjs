// The offline and update flows in Firefox ESR. Playwright cannot drive Debian's firefox-esr (see
// docs/offline.md), so this script speaks WebDriver to geckodriver directly, against a private copy of
// the build: first visit online; wait until the service worker controls the page; stop the
// server; open the app again: the seed renders analyzed, a pasted article is analyzed, and
// location.reload() is served too, with the pasted article still saved. Then a new version is deployed into the copy (a changed
// index.html and the precache list rebuilt by the build's own hook) with the server back up:
// the open app shows its banner and "Reload" switches to the new version.
// WebDriver's Refresh command is a hard reload in Firefox (Marionette's navigate.refresh passes
// LOAD_FLAGS_BYPASS_CACHE), which bypasses service workers as a shift-reload does, so the
// script navigates instead. It cannot read Firefox's console (WebDriver classic).
// Usage: node firefox-offline.mjs [dir] [mount]   (make test-e2e-firefox)
// Env: GECKODRIVER (default: geckodriver on PATH), FIREFOX (default /usr/bin/firefox-esr).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? new URL('../../dist', import.meta.url).pathname);
const mount = process.argv[3] ?? '/';
const SEED_TITLE = "Russia says it will build close ties with North Korea 'in all areas'";
const PASTED_TITLE = 'Kremlin says talks with Kyiv are on hold';

const children = [];
function run(command, args, pattern) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let log = '';
  return new Promise((resolve, reject) => {
    const scan = (d) => {
      log += d;
      const m = pattern.exec(log);
      if (m) resolve({ child, match: m });
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', scan);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${log}`)));
  });
}
const stop = (child) => new Promise((r) => {
  if (child.exitCode !== null || child.signalCode !== null) r();
  else { child.once('exit', r); child.kill(); }
});
const freePort = () => new Promise((r) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => r(port)); }); });

let driverUrl = '';
async function wd(method, path, body) {
  const res = await fetch(driverUrl + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

// Polls a condition in the page (a function body returning a truthy value when done).
async function until(session, what, body, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await wd('POST', `/session/${session}/execute/sync`, { script: body, args: [] });
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lede-ff-'));
cpSync(dist, dir, { recursive: true });
let session = '';
let failed = false;
try {
  const { child: server, match } = await run(process.execPath, [new URL('serve.mjs', import.meta.url).pathname, '0', dir, mount], /on (http:\S+)/);
  const url = match[1];
  const port = await freePort();
  await run(process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(port)], /Listening on/);
  driverUrl = `http://127.0.0.1:${port}`;
  session = (await wd('POST', '/session', {
    capabilities: { alwaysMatch: { 'moz:firefoxOptions': { binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr', args: ['-headless'] } } },
  })).sessionId;

  await wd('POST', `/session/${session}/url`, { url });
  await until(session, 'the seed', `return !!document.querySelector('[data-testid=mention]')`);
  const scope = await until(session, 'the service worker to control the page',
    `return navigator.serviceWorker && navigator.serviceWorker.controller ? navigator.serviceWorker.controller.scriptURL : null`);
  console.log(`firefox-offline: online visit done, controlled by ${scope}`);

  await stop(server);
  await wd('POST', `/session/${session}/url`, { url });
  const title = await until(session, 'the seed title offline', `const t = document.querySelector('[data-testid=title]'); return t && t.textContent`);
  if (title !== SEED_TITLE) throw new Error(`offline title: ${JSON.stringify(title)}`);
  await until(session, 'an entity highlight offline', `const m = document.querySelector('[data-testid=mention]'); return !!m && m.getBoundingClientRect().height > 0`);
  const controlled = await wd('POST', `/session/${session}/execute/sync`, { script: 'return !!navigator.serviceWorker.controller', args: [] });
  if (!controlled) throw new Error('the offline page is not controlled by the service worker');
  console.log('firefox-offline: with the server stopped, the seed renders analyzed');

  // Paste an article, the way a user does: New article, type, Analyze.
  await wd('POST', `/session/${session}/execute/sync`, { script: `document.querySelector('[data-testid=new-article]').click()`, args: [] });
  const draft = await until(session, 'the editor', `return document.querySelector('[data-testid=draft]')`);
  const draftId = Object.values(draft)[0];
  await wd('POST', `/session/${session}/element/${draftId}/value`, { text: `${PASTED_TITLE}\nBy Jane Doe\n\nMOSCOW, Oct 27 (Reuters) - The Kremlin said on Friday that peace talks were on hold.` });
  const analyze = await wd('POST', `/session/${session}/element`, { using: 'css selector', value: '[data-testid=analyze]' });
  await wd('POST', `/session/${session}/element/${Object.values(analyze)[0]}/click`, {});
  await until(session, 'the pasted article analyzed offline',
    `const t = document.querySelector('[data-testid=title]'); return t && t.textContent === ${JSON.stringify(PASTED_TITLE)}`);
  await until(session, 'the byline of the pasted article', `const m = document.querySelector('[data-testid=metadata-panel]'); return m && m.textContent.includes('Jane Doe')`);
  console.log('firefox-offline: with the server stopped, a pasted article is analyzed');

  // A reload from the page (what a user's reload and the update banner do) is served too.
  await wd('POST', `/session/${session}/execute/sync`, { script: `document.querySelector('[data-testid=title]').dataset.before = '1'; location.reload()`, args: [] });
  // The reloaded app shows an analyzed article, and the pasted one is still in the library
  // (saved in localStorage), whichever of them the URL selects.
  await until(session, 'the reloaded app offline, with the pasted article saved', `const t = document.querySelector('[data-testid=title]');
    const saved = [...document.querySelectorAll('[data-testid=library-entry]')].some((e) => e.textContent.includes(${JSON.stringify(PASTED_TITLE)}));
    return !!t && !t.dataset.before && !!document.querySelector('[data-testid=mention]') && saved`);
  console.log('firefox-offline: with the server stopped, location.reload() serves the app again, the pasted article saved');

  // A new version is deployed: the open app says so, and Reload switches to it whole.
  await run(process.execPath, [new URL('serve.mjs', import.meta.url).pathname, new URL(url).port, dir, mount], /on (http:\S+)/);
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</head>', '<meta name="lede-test-build" content="2"></head>'));
  execFileSync(process.execPath, [new URL('../../scripts/precache.mjs', import.meta.url).pathname], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PUBLIC_URL: mount }, stdio: 'ignore',
  });
  await wd('POST', `/session/${session}/execute/sync`, { script: `navigator.serviceWorker.getRegistration().then((r) => r.update())`, args: [] });
  await until(session, 'the update banner', `const b = document.querySelector('[data-testid=update-banner]'); return !!b && !document.querySelector('meta[name=lede-test-build]')`);
  await wd('POST', `/session/${session}/execute/sync`, { script: `document.querySelector('[data-testid=reload]').click()`, args: [] });
  await until(session, 'the new version after Reload',
    `return !!document.querySelector('meta[name=lede-test-build]') && !!document.querySelector('[data-testid=title]') && !document.querySelector('[data-testid=update-banner]')`,
    60_000).catch(async (e) => {
    // What the page and its registration looked like, so a failure here can be understood.
    const state = await wd('POST', `/session/${session}/execute/async`, { script: `const done = arguments[arguments.length - 1];
      navigator.serviceWorker.getRegistration().then((r) => done(JSON.stringify({
        newBuild: !!document.querySelector('meta[name=lede-test-build]'),
        banner: !!document.querySelector('[data-testid=update-banner]'),
        title: document.querySelector('[data-testid=title]')?.textContent ?? null,
        controller: navigator.serviceWorker.controller?.state ?? null,
        active: r?.active?.state ?? null, waiting: r?.waiting?.state ?? null, installing: r?.installing?.state ?? null,
      })), (err) => done(String(err)));`, args: [] }).catch((err) => String(err));
    throw new Error(`${e.message}; page state: ${state}`);
  });
  console.log('firefox-offline: a new version is announced in the open app, and Reload switches to it');
  console.log('firefox-offline: 1 passed, 0 failed');
} catch (e) {
  failed = true;
  console.error(`firefox-offline: FAILED: ${e.message}`);
  console.log('firefox-offline: 0 passed, 1 failed');
} finally {
  if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
  for (const child of children) await stop(child);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

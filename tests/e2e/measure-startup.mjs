// Startup time of the release build: from navigation start to the first analyzed paint of
// the bundled seed (the first entity highlight, [data-testid=mention], painted), in headless
// Chromium, a few runs each, median:
//   online  — cold: a new browser context, no service worker, everything from the server;
//   offline — after one online visit, the service worker controls the app; then the server
//             is stopped, the context goes offline, and each run opens a new tab.
// Usage: node measure-startup.mjs [runs] [dir] [mount]   (make startup)
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';

const runs = Number(process.argv[2] ?? 7);
const dir = resolve(process.argv[3] ?? new URL('../../dist', import.meta.url).pathname);
const mount = process.argv[4] ?? '/';

// Runs in the page before its own scripts. performance.now() counts from the navigation's
// start; the time is taken after the frame that first shows a mention (rAF, then a task).
const PROBE = `(() => {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid=mention]')) return;
    observer.disconnect();
    window.__mentionInDom = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__mentionPainted = performance.now(); }, 0));
  }).observe(document, { childList: true, subtree: true });
})()`;

function startServer() {
  const child = spawn(process.execPath, [new URL('serve.mjs', import.meta.url).pathname, '0', dir, mount], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /on (http:\S+)/.exec(String(d));
      if (m) resolve({ url: m[1], stop: () => new Promise((r) => { if (child.exitCode !== null || child.signalCode !== null) r(); else { child.once('exit', r); child.kill(); } }) });
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

async function measure(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__mentionPainted !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => window.__mentionPainted);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const line = (name, xs) => `${name.padEnd(44)} median ${median(xs).toFixed(0).padStart(5)} ms   min ${Math.min(...xs).toFixed(0).padStart(5)}   max ${Math.max(...xs).toFixed(0).padStart(5)}   runs: ${xs.map((x) => x.toFixed(0)).join(', ')}`;

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const online = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addInitScript(PROBE);
    online.push(await measure(await context.newPage(), server.url));
    await context.close();
  }

  const offline = [];
  const context = await browser.newContext();
  await context.addInitScript(PROBE);
  const first = await context.newPage();
  await measure(first, server.url);
  await first.waitForFunction(() => navigator.serviceWorker?.controller != null);
  await first.close();
  await server.stop();
  await context.setOffline(true);
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    offline.push(await measure(page, server.url));
    await page.close();
  }
  await context.close();

  console.log(`startup of ${dir} (${mount}): navigation start to the first analyzed paint of the seed, Chromium ${browser.version()} headless, ${runs} runs each`);
  console.log(line('online, cold (no service worker)', online));
  console.log(line('offline (service worker, after setOffline)', offline));
} finally {
  await browser.close();
  await server.stop();
}

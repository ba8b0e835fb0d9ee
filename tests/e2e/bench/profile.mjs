// Where the page's time goes: a sampled CPU profile (Chrome DevTools Protocol) of three calls of
// the JS API's analyze() on the ~1 MB corpus, in headless Chromium, printed as self time per
// function. Wasm functions have names only in a build that keeps them: in index.html, give the
// worker's link data-keep-debug and data-wasm-opt="0", then trunk build --release (and undo).
//   cd tests/e2e && node bench/profile.mjs [dist=../../dist] ['["entities"]']
// The whole profile is written to lede.cpuprofile in the system's temporary folder (DevTools'
// Performance panel opens it).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { root, corpus } from './corpus.mjs';

const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const fields = process.argv[3] ? JSON.parse(process.argv[3]) : undefined;
const port = 8193;
const server = spawn('node', [join(root, 'tests/e2e/serve.mjs'), String(port), dist], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.addScriptTag({ url: 'lede-worker.js' });
  await page.evaluate(() => wasm_bindgen({ module_or_path: 'lede-worker_bg.wasm' }));
  await page.evaluate(({ big, fields }) => {
    window.big = big;
    window.options = fields ? { fields } : undefined;
    wasm_bindgen.analyze(big, window.options);
  }, { big: corpus(), fields });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const ms = await page.evaluate(() => {
    const t = performance.now();
    for (let i = 0; i < 3; i++) wasm_bindgen.analyze(window.big, window.options);
    return (performance.now() - t) / 3;
  });
  const { profile } = await cdp.send('Profiler.stop');
  const sampled = new Map();
  profile.samples.forEach((node, i) => sampled.set(node, (sampled.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const t = sampled.get(node.id) ?? 0;
    const name = node.callFrame.functionName || '(anonymous)';
    self.set(name, (self.get(name) ?? 0) + t);
    total += t;
  }
  console.log(`analyze: ${ms.toFixed(0)} ms per call while profiled`);
  for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${((100 * t) / total).toFixed(2).padStart(6)}%  ${name.slice(0, 120)}`);
  }
  const saved = join(tmpdir(), 'lede.cpuprofile');
  writeFileSync(saved, JSON.stringify(profile));
  console.log(`whole profile: ${saved}`);
} finally {
  await browser.close();
  server.kill();
}

// A/B of two release builds in one headless Chromium: the time of the JS API's analyze() on the
// ~1 MB corpus, whole and entities only, the two builds' pages taking turns so that drift in the
// machine's speed falls on both. The single-build figures of `make bench` move by 10% between
// runs here, more than most changes are worth; this is how the speed changes were checked.
//   cd tests/e2e && node bench/ab.mjs <distA> <distB> [runs=9]
// (Build the other dist from a worktree: git worktree add ../old <commit>, then trunk build
// --release there, with CARGO_TARGET_DIR pointing at this checkout's target/ to save a build.)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { root, corpus } from './corpus.mjs';

const dists = process.argv.slice(2, 4).map((d) => resolve(d));
const runs = Number(process.argv[4] ?? 9);
if (dists.length !== 2 || !(runs > 0)) {
  console.error('usage: node bench/ab.mjs <distA> <distB> [runs]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const servers = [];
try {
  const pages = [];
  for (const [k, dist] of dists.entries()) {
    const port = 8200 + k;
    servers.push(spawn('node', [join(root, 'tests/e2e/serve.mjs'), String(port), dist], { stdio: 'ignore' }));
    await new Promise((r) => setTimeout(r, 400));
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.addScriptTag({ url: 'lede-worker.js' });
    await page.evaluate(() => wasm_bindgen({ module_or_path: 'lede-worker_bg.wasm' }));
    // One warm-up call of each kind, so the optimizing compiler has run before timing.
    await page.evaluate((big) => {
      window.big = big;
      wasm_bindgen.analyze(big);
      wasm_bindgen.analyze(big, { fields: ['entities'] });
    }, corpus());
    pages.push(page);
  }
  const times = dists.map(() => ({ whole: [], entities: [] }));
  for (let r = 0; r < runs; r++) {
    for (const [k, page] of pages.entries()) {
      const [whole, entities] = await page.evaluate(() => {
        let t = performance.now();
        wasm_bindgen.analyze(window.big);
        const whole = performance.now() - t;
        t = performance.now();
        wasm_bindgen.analyze(window.big, { fields: ['entities'] });
        return [whole, performance.now() - t];
      });
      times[k].whole.push(whole);
      times[k].entities.push(entities);
    }
  }
  const summary = (xs) => {
    xs.sort((a, b) => a - b);
    return `min ${xs[0].toFixed(0)} ms, median ${xs[xs.length >> 1].toFixed(0)} ms`;
  };
  for (const [k, dist] of dists.entries()) {
    console.log(`${dist}\n  whole analysis: ${summary(times[k].whole)}\n  entities only:  ${summary(times[k].entities)}`);
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.kill());
}

// In-browser benchmark: the release build in headless Chromium, lede's JS API
// (wasm_bindgen.analyze, from the worker's bundle loaded into the page, as README's
// "The JavaScript API" shows) and compromise on the same texts, in one browser page.
// Prints a JSON object; tests/e2e/bench/report.mjs turns it into the tables of docs/figures.md.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root, seed, corpus } from './corpus.mjs';

const port = 8191;
const server = spawn('node', [join(root, 'tests/e2e/serve.mjs'), String(port), join(root, 'dist')], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  // compromise is injected as a script tag, which the app's Content-Security-Policy forbids.
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.querySelector('[data-testid=mention]'));
  await page.addScriptTag({ url: 'lede-worker.js' });
  await page.evaluate(() => wasm_bindgen({ module_or_path: 'lede-worker_bg.wasm' }));
  await page.addScriptTag({ path: join(root, 'tests/e2e/node_modules/compromise/builds/compromise.js') });
  const result = await page.evaluate(({ seedText, big }) => {
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = (fn, runs, warmup) => {
      // Warm-up runs let the engine's optimizing tier compile the code first (V8 starts
      // wasm in its baseline compiler); without them the seed's median swung from 3.5 to 6.5 ms.
      for (let i = 0; i < warmup; i++) fn();
      const xs = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        fn();
        xs.push(performance.now() - t0);
      }
      return median(xs);
    };
    const lede = (t) => wasm_bindgen.analyze(t, undefined).entities.length;
    // The same analysis, returning only the entities (what compromise's side returns).
    const ledeEntities = (t) => wasm_bindgen.analyze(t, { fields: ['entities'] }).entities.length;
    const comp = (t) => {
      const doc = window.nlp(t);
      return doc.people().out('array').length + doc.places().out('array').length + doc.organizations().out('array').length;
    };
    const out = {
      seedBytes: new TextEncoder().encode(seedText).length,
      corpusBytes: new TextEncoder().encode(big).length,
      ledeSeedMs: time(() => lede(seedText), 100, 20),
      compromiseSeedMs: time(() => comp(seedText), 100, 20),
      ledeCorpusMs: time(() => lede(big), 3, 1),
      ledeEntitiesSeedMs: time(() => ledeEntities(seedText), 100, 20),
      ledeEntitiesCorpusMs: time(() => ledeEntities(big), 3, 1),
      compromiseCorpusMs: time(() => comp(big), 3, 1),
      wasmMemoryBytes: wasm_bindgen.wasmMemoryBytes(),
      userAgent: navigator.userAgent,
    };
    return out;
  }, { seedText: seed(), big: corpus() });
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server.kill();
}

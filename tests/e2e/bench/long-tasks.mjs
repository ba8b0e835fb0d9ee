// Responsiveness with a long article: the release build in headless Chromium, 1 MB of
// quote-heavy news text pasted and analyzed; prints when the article is fully drawn and every
// task that held the page's thread over 50 ms (the Long Tasks API), relative to the click.
// Run: (make dist) cd tests/e2e && node bench/long-tasks.mjs
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './corpus.mjs';

const port = 8193;
const server = spawn('node', [join(root, 'tests/e2e/serve.mjs'), String(port), join(root, 'dist')], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId('title').waitFor();
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
  });
  await page.getByTestId('new-article').click();
  const p = 'MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said on Thursday that President Vladimir Putin would meet North Korean leader Kim Jong Un in Pyongyang. "There are many such reports," Peskov told reporters.\n\n';
  const text = 'A very long article\n\n' + p.repeat(5000);
  await page.getByTestId('draft').evaluate((a, t) => { a.value = t; a.dispatchEvent(new InputEvent('input', { bubbles: true })); }, text);
  const clicked = await page.evaluate(() => performance.now());
  await page.getByTestId('analyze').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=body] p').length >= 5000, null, { timeout: 120_000 });
  const drawn = await page.evaluate(() => performance.now());
  const tasks = (await page.evaluate(() => window.__long)).filter(([t]) => t >= clicked);
  console.log(`${(text.length / 1e6).toFixed(2)} MB: article fully drawn ${Math.round(drawn - clicked)} ms after Analyze`);
  console.log(`tasks over 50 ms on the page's thread: ${tasks.length}, longest ${Math.round(Math.max(0, ...tasks.map(([, d]) => d)))} ms`);
  console.log(tasks.map(([t, d]) => `  at +${Math.round(t - clicked)} ms: ${Math.round(d)} ms`).join('\n'));
} finally {
  await browser.close();
  server.kill();
}

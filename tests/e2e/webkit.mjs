// The end-to-end flows (flows.mjs) in WebKit, Safari's engine: Debian's WebKitGTK through its
// WebDriver (WebKitWebDriver), which starts WebKitGTK's MiniBrowser for each session. Playwright
// drives only its own patched WebKit, which cannot be downloaded here. MiniBrowser needs a
// display: make test-e2e-webkit runs this under scripts/xvfb.sh.
// Usage: [../../scripts/xvfb.sh] node webkit.mjs [dir] [mount] [flow id...]
// Env: WEBKITWEBDRIVER (default: WebKitWebDriver on PATH).
import { resolve } from 'node:path';
import { ALL } from './flows.mjs';
import { runEngine } from './webdriver.mjs';

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('webkit: FAILED: no display; run under scripts/xvfb.sh (make test-e2e-webkit does)');
  process.exit(1);
}

const failed = await runEngine({
  name: 'webkit',
  driver: [process.env.WEBKITWEBDRIVER ?? 'WebKitWebDriver'],
  // MiniBrowser's own arguments replace the driver's default (--automation) when given.
  // Storage disabled is WebKit's own setting, under which window.localStorage is null.
  capabilities: (options) => ({
    'webkitgtk:browserOptions': { args: ['--automation', ...(options.localStorage === false ? ['--enable-html5-local-storage=false'] : [])] },
  }),
}, ALL, {
  dist: resolve(process.argv[2] ?? new URL('../../dist', import.meta.url).pathname),
  mount: process.argv[3] ?? '/',
  only: process.argv.slice(4),
});
process.exit(failed ? 1 : 0);

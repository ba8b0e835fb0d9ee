// The end-to-end flows (flows.mjs) in Firefox ESR. Playwright cannot drive Debian's firefox-esr
// (see docs/offline.md), so this speaks WebDriver to geckodriver (webdriver.mjs), a new headless
// Firefox with a fresh profile for each flow.
// Usage: node firefox.mjs [dir] [mount] [flow id...]   (make test-e2e-firefox)
// Env: GECKODRIVER (default: geckodriver on PATH), FIREFOX (default /usr/bin/firefox-esr).
import { resolve } from 'node:path';
import { ALL } from './flows.mjs';
import { runEngine } from './webdriver.mjs';

const failed = await runEngine({
  name: 'firefox',
  driver: [process.env.GECKODRIVER ?? 'geckodriver'],
  // Storage disabled is Firefox's own setting (dom.storage.enabled), under which
  // window.localStorage is null.
  capabilities: (options) => ({
    'moz:firefoxOptions': {
      binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
      args: ['-headless'],
      prefs: options.localStorage === false ? { 'dom.storage.enabled': false } : {},
    },
  }),
}, ALL, {
  dist: resolve(process.argv[2] ?? new URL('../../dist', import.meta.url).pathname),
  mount: process.argv[3] ?? '/',
  only: process.argv.slice(4),
});
process.exit(failed ? 1 : 0);

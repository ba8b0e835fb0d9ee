// Loaded first by the page in the WebDriver flows (webdriver.mjs's Site puts it into its copy of
// the build): WebDriver classic cannot read a browser's console, so this records what the page
// would show there as errors: console.error calls, uncaught exceptions, unhandled promise
// rejections and resources that failed to load. The flows read window.__ledeErrors before each
// navigation and fail on any entry, as the Playwright fixture does in Chromium.
(() => {
  const errors = [];
  window.__ledeErrors = errors;
  const original = console.error;
  console.error = function (...args) {
    errors.push(`console: ${args.map(String).join(' ')}`);
    return original.apply(this, args);
  };
  addEventListener('error', (e) => {
    const target = e.target;
    if (target && target !== window && (target.src || target.href)) errors.push(`failed to load: ${target.src || target.href}`);
    else errors.push(`pageerror: ${e.message}`);
  }, true);
  addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${String(e.reason)}`));
})();

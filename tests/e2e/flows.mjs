// The end-to-end flows run through WebDriver (webdriver.mjs), the same in every engine that
// Playwright cannot drive here. Each is `async (browser, site, log)`: it opens its own browser
// with `browser.open(options)` (a fresh profile: no storage, no service worker), works on
// `site` (a served copy of the build, webdriver.mjs's Site) as a user would, and throws at the
// first thing that is not as that user would expect; `log` reports what it saw on the way.
const SEED_TITLE = "Russia says it will build close ties with North Korea 'in all areas'";
const PASTED_TITLE = 'Kremlin says talks with Kyiv are on hold';
const PASTED = [
  PASTED_TITLE,
  'By Jane Doe',
  'October 27, 2023 9:30 AM GMT',
  '',
  'MOSCOW, Oct 27 (Reuters) - The Kremlin said on Friday that peace talks were on hold.',
  '',
  'Dmitry Peskov told reporters: "There is nothing to discuss."',
].join('\n');
const SHORT = 'Kremlin keeps talks on hold\n\nMOSCOW (Reuters) - Dmitry Peskov said on Friday that talks were on hold.';
const q = JSON.stringify;

/** An expression for the texts of the elements matching `css`. */
const all = (css) => `[...document.querySelectorAll(${q(css)})].map((e) => e.textContent)`;
/** A function body returning them, for `execute`. */
const texts = (css) => `return ${all(css)}`;
/** A function body returning the names of people highlighted in the text once there are some. */
const PEOPLE = `const m = ${all('[data-testid=body] [data-testid=mention].ent-PER')}; return m.length > 0 && m`;

/** Fails unless `got` equals `want` (compared as JSON). */
function same(what, got, want) {
  if (q(got) !== q(want)) throw new Error(`${what}: got ${q(got)}, expected ${q(want)}`);
}

/** Waits for the app to show an article titled `title` (a string, or a RegExp source). */
async function titled(s, title, timeoutMs) {
  return s.until(`the article ${q(title)}`,
    `const t = document.querySelector('[data-testid=title]'); return !!t && t.textContent === ${q(title)} && t.textContent`, timeoutMs);
}

/**
 * Types `text` into the editor and waits until it shows all of it: WebKitWebDriver returns
 * from Send Keys before the page has handled every key.
 */
async function typeDraft(s, text) {
  await s.until('the editor', `return !!document.querySelector('[data-testid=draft]')`);
  await s.type('[data-testid=draft]', text);
  await s.until('the typed text in the editor', `return document.querySelector('[data-testid=draft]').value === ${q(text)}`);
}

/** New article, type the text, Analyze: as a user pastes plain text. */
async function pasteAsText(s, text) {
  await s.click('[data-testid=new-article]');
  await typeDraft(s, text);
  await s.click('[data-testid=analyze]');
}

/**
 * The seed renders as the app's first screen: its header, body, the integrity findings, the
 * names highlighted in the text and listed beside it, and the last paragraph painted (the
 * body's blocks use `content-visibility: auto`, so a block off screen is laid out only once
 * scrolled to).
 */
export async function seed(browser, site, log) {
  const s = await browser.open();
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  same('publisher', await s.execute(texts('[data-testid=publisher]')), ['Reuters']);
  same('published', await s.execute(`return document.querySelector('[data-testid=published]')?.getAttribute('datetime')`), '2023-10-26T10:15:00');
  const mentions = await s.until('the names highlighted', `const m = document.querySelectorAll('[data-testid=mention]');
    return m.length >= 40 && m[0].getBoundingClientRect().height > 0 && m.length`);
  const entities = await s.execute(`return document.querySelector('[data-testid=entities-panel]').textContent`);
  for (const name of ['Vladimir Putin', 'Kim Jong Un', 'Vostochny Cosmodrome', 'Reuters']) {
    if (!entities.includes(name)) throw new Error(`the entities panel has no ${name}: ${entities.slice(0, 300)}`);
  }
  const findings = await s.execute(texts('[data-testid=finding]'));
  if (findings.length !== 2 || !findings[0].includes('Mojibake') || !findings[1].includes('Mixed-script word')) {
    throw new Error(`integrity findings: ${q(findings)}`);
  }
  same('the marked finding', await s.execute(texts('[data-testid=finding-mark]')), ['Cosmodrome']);
  const last = await s.execute(`const b = [...document.querySelectorAll('[data-testid=body] > *')].at(-1);
    b.scrollIntoView(); return b.textContent`);
  if (!last.includes('Reporting by Reuters; Writing by Mark Trevelyan Editing by Andrew Osborn')) throw new Error(`the last paragraph: ${q(last)}`);
  await s.until('the last paragraph painted, once scrolled to',
    `const b = [...document.querySelectorAll('[data-testid=body] > *')].at(-1); const r = b.getBoundingClientRect();
     return r.height > 0 && r.top < innerHeight && document.elementFromPoint(r.left + 2, r.top + r.height / 2)?.closest('[data-testid=body]') != null`);
  log(`${mentions} names highlighted; the entities panel lists ${['Vladimir Putin', 'Kim Jong Un'].join(' and ')}`);
}

/** A plain-text article typed into the editor is analyzed: title, metadata, names, library. */
export async function pasteText(browser, site, log) {
  const s = await browser.open();
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  await pasteAsText(s, PASTED);
  await titled(s, PASTED_TITLE);
  await s.until('the metadata of the pasted article', `const m = document.querySelector('[data-testid=metadata-panel]')?.textContent ?? '';
    return m.includes('Jane Doe') && m.includes('2023-10-27T09:30:00Z') && m.includes('MOSCOW · Oct 27 · Reuters')`);
  same('the people named', await s.until('the names of the pasted article', PEOPLE), ['Dmitry Peskov']);
  same('the library', (await s.execute(texts('[data-testid=library-entry]'))).length, 2);
  log('typed, analyzed and saved');
}

/**
 * Copied from a web page and pasted with the keyboard: the browser's own copy of a rendered
 * page (its HTML on the clipboard) becomes Markdown in the editor, never markup, and is
 * analyzed. A page of the same site holds the text to copy.
 */
export async function pasteFromPage(browser, site, log) {
  const s = await browser.open();
  const page = `<!doctype html><meta charset="utf-8"><title>A news page</title>
    <article id="story"><h1>Web headline</h1><p>Angela Merkel met Emmanuel Macron in <a href="https://example.org/x">Paris</a> on Monday.</p>
    <script>window.pwned = 1</script></article>`;
  site.write('copy-source.html', page);
  await s.navigate(new URL('copy-source.html', site.url).href);
  await s.until('the page to copy from', `return !!document.getElementById('story')`);
  await s.execute(`const range = document.createRange(); range.selectNodeContents(document.getElementById('story'));
    getSelection().removeAllRanges(); getSelection().addRange(range);`);
  await s.chord(browser.keys.control, 'c');
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  await s.click('[data-testid=new-article]');
  await s.click('[data-testid=draft]');
  await s.chord(browser.keys.control, 'v');
  const markdown = await s.until('the pasted page in the editor', `const v = document.querySelector('[data-testid=draft]').value; return v.length > 0 && v`);
  const want = '# Web headline\n\nAngela Merkel met Emmanuel Macron in [Paris](https://example.org/x) on Monday.';
  if (markdown.trim() !== want) throw new Error(`the editor holds ${q(markdown)}, expected ${q(want)}`);
  await s.click('[data-testid=analyze]');
  await titled(s, 'Web headline');
  same('the people named', await s.until('the names of the pasted page', PEOPLE),
    ['Angela Merkel', 'Emmanuel Macron']);
  same('window.pwned', await s.execute('return window.pwned ?? null'), null);
  log('the clipboard held HTML: it became Markdown and was analyzed');
}

/**
 * A file dropped on the library, then one dropped on the editor, become articles. WebDriver
 * cannot drag a file from the desktop, so the drop event is the page's own, carrying a
 * DataTransfer with a File as the browser's would.
 */
export async function dropFile(browser, site, log) {
  const s = await browser.open();
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  const drop = (target, name, type, text) => s.execute(`const d = new DataTransfer();
    d.items.add(new File([arguments[0]], ${q(name)}, { type: ${q(type)} }));
    const target = document.querySelector(${q(target)});
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: d, bubbles: true, cancelable: true }));
    return target.dispatchEvent(new DragEvent('drop', { dataTransfer: d, bubbles: true, cancelable: true }));`, text);
  const accepted = await drop('[data-testid=library]', 'story.md', 'text/markdown', '# Dropped headline\n\nAngela Merkel visited Paris on Monday.');
  same('the drop handled (default prevented)', accepted, false);
  await titled(s, 'Dropped headline');
  same('the people named', await s.until('the names of the dropped file', PEOPLE), ['Angela Merkel']);
  await s.click('[data-testid=new-article]');
  await s.until('the editor', `return !!document.querySelector('[data-testid=draft]')`);
  const html = '<!DOCTYPE html><html><head><title>Saved page headline | Example News</title></head><body><article><h1>Saved page headline</h1><p>Emmanuel Macron visited Berlin on Monday.</p></article></body></html>';
  // A page dropped on the editor becomes its Markdown in the draft (read in the worker), which
  // Analyze then saves as an article.
  await drop('[data-testid=draft]', 'story.html', 'text/html', html);
  await s.until('the dropped page as Markdown in the draft', `return document.querySelector('[data-testid=draft]')?.value.startsWith('# Saved page headline')`);
  await s.click('[data-testid=analyze]');
  await titled(s, 'Saved page headline');
  same('the people named', await s.until('the names of the dropped page', PEOPLE), ['Emmanuel Macron']);
  same('the library', (await s.execute(texts('[data-testid=library-entry]'))).length, 3);
  await drop('[data-testid=library]', 'photo.png', 'image/png', 'not text');
  await s.until('a message for a file lede cannot read', `return document.querySelector('[data-testid=notice]')?.textContent.includes('is not a text, Markdown or HTML file')`);
  log('a Markdown file dropped on the library and a saved page dropped on the editor (its Markdown, analyzed) became articles');
}

/**
 * The library survives a reload: the pasted article and the URL naming it, then back and
 * forward between articles, then a half-typed draft.
 */
export async function library(browser, site, log) {
  const s = await browser.open();
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  await pasteAsText(s, SHORT);
  await titled(s, 'Kremlin keeps talks on hold');
  await s.until('the URL naming the article', `return location.hash === '#article=user-1'`);
  await s.reload('the reloaded app on the saved article', `const t = document.querySelector('[data-testid=title]');
    return !!t && t.textContent === 'Kremlin keeps talks on hold' && document.querySelectorAll('[data-testid=library-entry]').length === 2`);
  // A real click: WebKit's back skips the history entries of a document the user never
  // interacted with, and a click from a script is no interaction.
  await s.click('[data-testid=library-entry]');
  await titled(s, SEED_TITLE);
  await s.back();
  await titled(s, 'Kremlin keeps talks on hold');
  await s.click('[data-testid=new-article]');
  await typeDraft(s, 'Half a thought');
  same('the draft after a reload', await s.reload('the draft after a reload',
    `const d = document.querySelector('[data-testid=draft]'); return !!d && d.value.length > 0 && d.value`), 'Half a thought');
  log('the saved article, the URL, back, and the draft all survive a reload');
}

/**
 * Offline after the first visit: once the service worker controls the page, the server is
 * stopped; the app opens, renders the seed analyzed, analyzes a pasted article, and a reload
 * is served too, the pasted article still saved.
 */
export async function offline(browser, site, log) {
  const s = await browser.open();
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  const scope = await s.until('the service worker to control the page',
    `return navigator.serviceWorker && navigator.serviceWorker.controller ? navigator.serviceWorker.controller.scriptURL : null`);
  log(`online visit done, controlled by ${scope}`);

  await site.stop();
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  await s.until('an entity highlight offline', `const m = document.querySelector('[data-testid=mention]'); return !!m && m.getBoundingClientRect().height > 0`);
  if (!(await s.execute('return !!navigator.serviceWorker.controller'))) throw new Error('the offline page is not controlled by the service worker');
  log('with the server stopped, the seed renders analyzed');

  await pasteAsText(s, PASTED);
  await titled(s, PASTED_TITLE);
  await s.until('the byline of the pasted article', `const m = document.querySelector('[data-testid=metadata-panel]'); return m && m.textContent.includes('Jane Doe')`);
  log('with the server stopped, a pasted article is analyzed');

  // A reload from the page (what a user's reload and the update banner do) is served too.
  // The reloaded app shows an analyzed article, and the pasted one is still in the library
  // (saved in localStorage), whichever of them the URL selects.
  await s.reload('the reloaded app offline, with the pasted article saved', `const t = document.querySelector('[data-testid=title]');
    const saved = [...document.querySelectorAll('[data-testid=library-entry]')].some((e) => e.textContent.includes(${q(PASTED_TITLE)}));
    return !!t && !!document.querySelector('[data-testid=mention]') && saved`);
  log('with the server stopped, location.reload() serves the app again, the pasted article saved');
}

/**
 * A new version is deployed while the app is open: the app says so; a plain reload keeps the
 * old version whole; "Reload" switches to the new one, and the old version's cache is gone.
 */
export async function update(browser, site, log) {
  const s = await browser.open();
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  await s.until('the service worker to control the page', `return !!navigator.serviceWorker?.controller`);
  site.deployNewVersion();
  await s.execute(`navigator.serviceWorker.getRegistration().then((r) => r.update())`);
  await s.until('the update banner', `const b = document.querySelector('[data-testid=update-banner]'); return !!b && !document.querySelector('meta[name=lede-test-build]')`);
  log('a new version is announced in the open app');

  await s.reload('the old version after a plain reload, the banner still there', `return !!document.querySelector('[data-testid=title]')
    && !document.querySelector('meta[name=lede-test-build]') && !!document.querySelector('[data-testid=update-banner]')`);

  await s.collectErrors();
  await s.click('[data-testid=reload]');
  await s.until('the new version after Reload',
    `return !!document.querySelector('meta[name=lede-test-build]') && !!document.querySelector('[data-testid=mention]') && !document.querySelector('[data-testid=update-banner]')`,
    60_000).catch(async (e) => { throw new Error(`${e.message}; page state: ${await s.pageState()}`); });
  const names = await s.executeAsync(`const done = arguments[arguments.length - 1]; caches.keys().then(done, (e) => done(String(e)))`);
  if (!Array.isArray(names) || names.length !== 1) throw new Error(`the caches after the switch: ${q(names)}`);
  log('Reload switches to the new version, and the old cache is deleted');
}

/**
 * The browser's storage is full (filled up to its real quota): the app says so, the text
 * stays in the editor, and the article is still analyzed while the tab is open.
 */
export async function storageFull(browser, site, log) {
  const s = await browser.open();
  await s.navigate(site.url);
  await titled(s, SEED_TITLE);
  const filled = await s.execute(`let size = 1 << 20, stored = 0, i = 0;
    while (size >= 1) {
      try { localStorage.setItem('filler-' + i++, 'x'.repeat(size)); stored += size; } catch (e) {
        if (e.name !== 'QuotaExceededError') return e.name;
        size >>= 1;
      }
    }
    return stored;`);
  if (typeof filled !== 'number') throw new Error(`filling the storage failed with ${filled}, not QuotaExceededError`);
  log(`the storage took ${(filled / 1e6).toFixed(2)} M characters before it was full`);
  await s.click('[data-testid=new-article]');
  await typeDraft(s, SHORT);
  await s.until('the message that the storage is full', `const n = document.querySelector('[data-testid=notice]')?.textContent ?? '';
    return n.includes('storage is full') && n.includes('the text stays in the editor')`);
  same('the editor', await s.execute(`return document.querySelector('[data-testid=draft]').value`), SHORT);
  await s.click('[data-testid=analyze]');
  await titled(s, 'Kremlin keeps talks on hold');
  same('the library', (await s.execute(texts('[data-testid=library-entry]'))).length, 2);
}

/**
 * Storage disabled by the browser (`options` says how the engine disables it): a message,
 * and the app works while the tab is open.
 */
export function storageDisabled(options) {
  return async (browser, site, log) => {
    const s = await browser.open(options);
    await s.navigate(site.url);
    await titled(s, SEED_TITLE);
    const storage = await s.execute(`try { return String(window.localStorage); } catch (e) { return e.name; }`);
    await s.until('the message that storage is disabled', `return document.querySelector('[data-testid=notice]')?.textContent.includes('storage is disabled')`);
    await pasteAsText(s, SHORT);
    await titled(s, 'Kremlin keeps talks on hold');
    await s.until('a name highlighted', `const m = document.querySelector('[data-testid=mention]'); return !!m && m.getBoundingClientRect().height > 0`);
    log(`window.localStorage is ${storage}: the app says so and works while the tab is open`);
  };
}

/** Every flow: `[id, title, flow, { ownSite }]`, as webdriver.mjs's runEngine takes them. */
export const ALL = [
  ['seed', 'the seed renders with its entities', seed],
  ['paste', 'a typed article is analyzed and saved', pasteText],
  ['clipboard', 'a web page copied and pasted with the keyboard becomes Markdown and is analyzed', pasteFromPage],
  ['drop', 'dropped files become articles', dropFile],
  ['library', 'the library, the URL and the draft survive a reload', library],
  ['offline', 'offline after the first visit: the seed, a pasted article, a reload', offline, { ownSite: true }],
  ['update', 'a new version is announced and Reload switches to it', update, { ownSite: true }],
  ['storage-full', 'storage full: a message, the text stays, the article is analyzed', storageFull],
  ['storage-disabled', 'storage disabled: a message, and the app works while the tab is open', storageDisabled({ localStorage: false })],
];

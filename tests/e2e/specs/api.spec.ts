import { test, expect } from '../fixtures/app';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The JavaScript API (README, "The JavaScript API"): the worker's bundle loaded into a page as
// a classic script, the way another page would use it.
const seedDir = join(__dirname, '../../../seeds');
const seed = readFileSync(join(seedDir, readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()[0]), 'utf8');

type Api = {
  analyze: (text: string, options?: unknown) => Record<string, unknown>;
  schemaVersion: () => number;
};
// The bundle's `let wasm_bindgen` is a global binding of the page, not a property of window.
declare const wasm_bindgen: Api & ((options: unknown) => Promise<unknown>);

test.describe('the JavaScript API', () => {
  test.beforeEach(async ({ app, page }) => {
    await app.open();
    await page.addScriptTag({ url: 'lede-worker.js' });
    await page.evaluate(() => wasm_bindgen({ module_or_path: 'lede-worker_bg.wasm' }));
  });

  test('analyze returns the analysis as a plain object', async ({ page }) => {
    const result = await page.evaluate((text) => {
      const api = wasm_bindgen;
      const a = api.analyze(text) as { schema_version: number; entities: { name: string; label: string }[]; tokens: unknown[] };
      return {
        version: a.schema_version,
        apiVersion: api.schemaVersion(),
        people: a.entities.filter((e) => e.label === 'PER').map((e) => e.name),
        keys: Object.keys(a),
        tokens: a.tokens.length,
      };
    }, seed);
    expect(result.version).toBe(result.apiVersion);
    expect(result.people).toContain('Vladimir Putin');
    expect(result.keys).toEqual(expect.arrayContaining(['text', 'article', 'tokens', 'mentions', 'entities', 'quotes', 'times', 'stats']));
    expect(result.tokens).toBeGreaterThan(300);
  });

  test('fields returns only the parts asked for, equal to the whole analysis', async ({ page }) => {
    const result = await page.evaluate((text) => {
      const api = wasm_bindgen;
      const whole = api.analyze(text);
      const some = api.analyze(text, { fields: ['entities', 'quotes'] });
      // Quotes, dates, key phrases and the summary are then not computed; the entities are the same.
      const entities = api.analyze(text, { fields: ['entities'] });
      return {
        keys: Object.keys(some),
        same: JSON.stringify([whole.entities, whole.quotes]) === JSON.stringify([some.entities, some.quotes]),
        sameEntities: JSON.stringify(whole.entities) === JSON.stringify(entities.entities),
        quotes: (whole.quotes as unknown[]).length,
        // Every part of the whole analysis can be asked for alone, and comes back the same.
        eachAlone: Object.keys(whole).filter((k) => JSON.stringify(api.analyze(text, { fields: [k] })[k]) !== JSON.stringify(whole[k])),
      };
    }, seed);
    expect(result.keys).toEqual(['entities', 'quotes']);
    expect(result.quotes).toBeGreaterThan(0);
    expect(result.same).toBe(true);
    expect(result.sameEntities).toBe(true);
    expect(result.eachAlone).toEqual([]);
  });

  test('malformed options throw a message naming the problem', async ({ page }) => {
    const errors = await page.evaluate((text) => {
      const api = wasm_bindgen;
      const attempt = (options: unknown) => {
        try {
          api.analyze(text, options);
          return 'no error';
        } catch (e) {
          return String(e);
        }
      };
      return [attempt({ fields: ['entites'] }), attempt({ format: 'pdf' }), attempt(undefined)];
    }, seed);
    expect(errors[0]).toContain('unknown field `entites`');
    expect(errors[0]).toContain('entities');
    expect(errors[1]).toContain('lede: bad options');
    expect(errors[2]).toBe('no error');
  });
});

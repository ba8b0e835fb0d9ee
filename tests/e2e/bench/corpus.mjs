// The texts the benchmarks share: the seed, a ~1 MB corpus made from the CoNLL-2003
// dev split (detokenized sentences, ten to a paragraph, as in benches/pipeline.rs),
// and the dev split's sentences with their gold labels for the accuracy comparison.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const devPath = join(root, '../shared/data/conll2003/eng.testa');

export function seed() {
  const dir = join(root, 'seeds');
  const file = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()[0];
  return readFileSync(join(dir, file), 'utf8');
}

/** Sentences of a CoNLL file: [{ tokens: [...], gold: ['B-PER', ...] }]. */
export function conllSentences(path = devPath) {
  const out = [];
  let cur = { tokens: [], gold: [] };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (!line.trim() || cols[0] === '-DOCSTART-') {
      if (cur.tokens.length) out.push(cur);
      cur = { tokens: [], gold: [] };
      continue;
    }
    cur.tokens.push(cols[0]);
    cur.gold.push(cols[cols.length - 1]);
  }
  if (cur.tokens.length) out.push(cur);
  return out;
}

/** Detokenized text of one sentence, with each token's character offset. */
export function detokenize(tokens) {
  let text = '';
  const offsets = [];
  for (const t of tokens) {
    if (text && !/^[,.;:)?!]$|^'s$/.test(t) && !text.endsWith('(')) text += ' ';
    offsets.push(text.length);
    text += t;
  }
  return { text, offsets };
}

export function corpus() {
  if (!existsSync(devPath)) return seed().repeat(Math.ceil(1_000_000 / seed().length)).slice(0, 1_000_000);
  const sents = conllSentences();
  let out = 'Dev split corpus\n\n';
  sents.forEach((s, i) => { out += detokenize(s.tokens).text + (i % 10 === 9 ? '\n\n' : ' '); });
  let text = '';
  while (text.length < 1_000_000) text += out;
  return text.slice(0, 1_000_000);
}

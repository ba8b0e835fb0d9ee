// Prints the benchmark tables (markdown) from: criterion's estimates under
// target/criterion, the browser benchmark's JSON (argv[2]), and the two
// accuracy reports (argv[3] lede, argv[4] compromise: `lede eval` / `lede score` output),
// then the same two on recent news (argv[5], argv[6]), then lede's whole analysis on the
// text (`lede eval --shown`) on the dev split and on recent news (argv[7], argv[8]).
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './corpus.mjs';

const [browserFile, ledeAcc, compAcc, ledeModern, compModern, shownAcc, shownModern] = process.argv.slice(2);
const ms = (ns) => (ns / 1e6).toFixed(ns < 1e6 ? 3 : 1);

console.log('### Native (criterion, one core, median)\n');
console.log('| stage | seed (2.1 KB) | 1 MB corpus | 1 MB throughput |');
console.log('| --- | ---: | ---: | ---: |');
const base = join(root, 'target/criterion/stage');
if (existsSync(base)) {
  for (const stage of readdirSync(base).filter((d) => d !== 'report').sort()) {
    const est = (input) => {
      const f = join(base, stage, input, 'new/estimates.json');
      return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')).median.point_estimate : null;
    };
    const seed = est('seed');
    const big = est('1MB');
    const mbps = big ? (1e6 / 1048576 / (big / 1e9)).toFixed(1) + ' MiB/s' : '-';
    console.log(`| ${stage} | ${seed ? ms(seed) + ' ms' : '-'} | ${big ? ms(big) + ' ms' : '-'} | ${mbps} |`);
  }
}

// Text pasted that is not an article: each input was once quadratic somewhere.
const unusual = join(root, 'target/criterion/unusual/analyze');
if (existsSync(unusual)) {
  console.log('\n### Native, text that is not an article (criterion, whole analysis, median)\n');
  console.log('| input | size | time | throughput |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const input of readdirSync(unusual).filter((d) => d !== 'report').sort()) {
    const dir = join(unusual, input, 'new');
    if (!existsSync(join(dir, 'estimates.json'))) continue;
    const median = JSON.parse(readFileSync(join(dir, 'estimates.json'), 'utf8')).median.point_estimate;
    const bytes = JSON.parse(readFileSync(join(dir, 'benchmark.json'), 'utf8')).throughput?.Bytes ?? 0;
    const mbps = bytes ? (bytes / 1048576 / (median / 1e9)).toFixed(1) + ' MiB/s' : '-';
    console.log(`| ${input} | ${(bytes / 1000).toFixed(0)} KB | ${ms(median)} ms | ${mbps} |`);
  }
}

const b = JSON.parse(readFileSync(browserFile, 'utf8'));
console.log('\n### In the browser (headless Chromium, same page, median)\n');
console.log('| text | lede | compromise 14.17.0 | compromise / lede |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| seed (${b.seedBytes} B) | ${b.ledeSeedMs.toFixed(1)} ms | ${b.compromiseSeedMs.toFixed(1)} ms | ${(b.compromiseSeedMs / b.ledeSeedMs).toFixed(1)}x |`);
console.log(`| 1 MB corpus | ${(b.ledeCorpusMs / 1000).toFixed(2)} s | ${(b.compromiseCorpusMs / 1000).toFixed(2)} s | ${(b.compromiseCorpusMs / b.ledeCorpusMs).toFixed(1)}x |`);
if (b.ledeEntitiesCorpusMs) {
  console.log(`| seed, entities only | ${b.ledeEntitiesSeedMs.toFixed(1)} ms | ${b.compromiseSeedMs.toFixed(1)} ms | ${(b.compromiseSeedMs / b.ledeEntitiesSeedMs).toFixed(1)}x |`);
  console.log(`| 1 MB corpus, entities only | ${(b.ledeEntitiesCorpusMs / 1000).toFixed(2)} s | ${(b.compromiseCorpusMs / 1000).toFixed(2)} s | ${(b.compromiseCorpusMs / b.ledeEntitiesCorpusMs).toFixed(1)}x |`);
}
console.log(`\nPeak wasm memory after the 1 MB corpus: ${(b.wasmMemoryBytes / 1048576).toFixed(1)} MiB. The first two rows run the whole analysis (entities, quotes, dates, key phrases, summary, statistics) and return all of it as one JS object; "entities only" asks for \`{ fields: ['entities'] }\`, which returns the entities alone and does not compute the quotes, dates, key phrases, summary, tokens or statistics (the article, sentences, tagging and linking still run). compromise's times are nlp() plus people(), places() and organizations().`);

const f1 = (file) => {
  const text = readFileSync(file, 'utf8');
  const all = /FB1:\s+([\d.]+)/.exec(text)?.[1];
  const per = Object.fromEntries([...text.matchAll(/(\w+): precision:\s+([\d.]+)%; recall:\s+([\d.]+)%; FB1:\s+([\d.]+)/g)].map((m) => [m[1], m[4]]));
  return { all, per };
};
const accuracy = (title, ledeFile, compFile, shownFile) => {
  const l = f1(ledeFile);
  const c = f1(compFile);
  console.log(`\n### Accuracy on ${title}, same scorer\n`);
  console.log('| | overall F1 | PER | LOC | ORG | MISC |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(`| lede's tagger (the file's tokens and sentences) | ${l.all} | ${l.per.PER} | ${l.per.LOC} | ${l.per.ORG} | ${l.per.MISC} |`);
  if (shownFile) {
    const s = f1(shownFile);
    console.log(`| lede's whole analysis on the text (what the app shows) | ${s.all} | ${s.per.PER} | ${s.per.LOC} | ${s.per.ORG} | ${s.per.MISC} |`);
  }
  console.log(`| compromise (people/places/organizations → PER/LOC/ORG) | ${c.all} | ${c.per.PER} | ${c.per.LOC} | ${c.per.ORG} | n/a |`);
};
accuracy('the CoNLL-2003 dev split (eng.testa)', ledeAcc, compAcc, shownAcc);
if (ledeModern && compModern) accuracy('recent news (tests/inputs/modern-news.conll, 163 names)', ledeModern, compModern, shownModern);

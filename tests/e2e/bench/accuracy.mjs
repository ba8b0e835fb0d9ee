// compromise on the CoNLL-2003 dev split (or the CoNLL file given second): its
// people, places and organizations mapped to PER, LOC and ORG, written as
// "token gold prediction" lines that `lede score` grades with the same scorer as
// `lede eval`. Usage: node bench/accuracy.mjs OUT [IN.conll]
import nlp from 'compromise';
import { writeFileSync } from 'node:fs';
import { conllSentences, detokenize } from './corpus.mjs';

const outFile = process.argv[2] ?? '/dev/stdout';
const lines = [];
for (const s of conllSentences(process.argv[3])) {
  const { text, offsets } = detokenize(s.tokens);
  const pred = s.tokens.map(() => 'O');
  const doc = nlp(text);
  for (const [method, type] of [['people', 'PER'], ['places', 'LOC'], ['organizations', 'ORG']]) {
    for (const m of doc[method]().json({ offset: true })) {
      const start = m.offset.start;
      const end = start + m.offset.length;
      const covered = offsets.map((o, i) => [o, i]).filter(([o, i]) => o >= start && o + s.tokens[i].length <= end).map(([, i]) => i);
      covered.forEach((i, k) => { if (pred[i] === 'O') pred[i] = (k === 0 ? 'B-' : 'I-') + type; });
    }
  }
  s.tokens.forEach((t, i) => lines.push(`${t} ${s.gold[i]} ${pred[i]}`));
  lines.push('');
}
writeFileSync(outFile, lines.join('\n') + '\n');

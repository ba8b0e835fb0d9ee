#!/usr/bin/env node
// Trunk's post_build hook (see Trunk.toml): writes the service worker's precache list into the
// staged sw.js, from the build output itself, so the list is never maintained by hand.
//
// Every file of the build but sw.js is listed, with $TRUNK_PUBLIC_URL as prefix (trunk's
// hashed file names included); index.html is listed as the public URL itself, the address
// the app is opened at. The version is a hash of the listed files' names and contents:
// any change to the build gives sw.js new bytes, which is how browsers notice a new version.
//
// Usage: run by trunk, or by hand on a built folder:
//   TRUNK_STAGING_DIR=dist TRUNK_PUBLIC_URL=/ node scripts/precache.mjs
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
if (!dir) {
  console.error('precache: TRUNK_STAGING_DIR is not set (run by trunk, or set it to a built folder)');
  process.exit(1);
}
const prefix = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
const SW = 'sw.js';

async function files(root, at = root) {
  const out = [];
  for (const entry of await readdir(at, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue; // trunk's .stage and the like
    const path = join(at, entry.name);
    if (entry.isDirectory()) out.push(...await files(root, path));
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

// wasm-bindgen's JavaScript glue and the style sheet, minified (release builds; esbuild from
// tools/, which scripts/setup.sh installs): a fifth of the glue's gzipped size is comments and
// white space (13.8 KB gzipped before, 11.1 KB after, 2026-12-03), and the style sheet's
// comments explain its rules to its readers, not to browsers. Names are kept: the worker's loader calls
// `wasm_bindgen`, and a second run (the end-to-end tests run this hook again on a copy of the
// build) leaves the JavaScript as it is. A file index.html loads with an integrity hash gets
// the hash of its new bytes. sw.js is minified below, where this hook writes its precache list.
let minify = null;
if ((process.env.TRUNK_PROFILE ?? 'release') === 'release') {
  const { transform } = await import(new URL('../tools/node_modules/esbuild/lib/main.js', import.meta.url).href).catch((e) => {
    console.error(`precache: esbuild is missing from tools/ (scripts/setup.sh installs it): ${e.message}`);
    process.exit(1);
  });
  minify = transform;
  const indexPath = join(dir, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  let before = 0;
  let after = 0;
  for (const name of (await readdir(dir)).filter((n) => (n.endsWith('.js') || n.endsWith('.css')) && n !== SW)) {
    const path = join(dir, name);
    const code = await readFile(path, 'utf8');
    const loader = name.endsWith('.css') ? 'css' : 'js';
    const min = (await transform(code, { minifyWhitespace: true, minifySyntax: true, loader, legalComments: 'none' })).code;
    before += code.length;
    after += min.length;
    await writeFile(path, min);
    const integrity = `sha384-${createHash('sha384').update(min).digest('base64')}`;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    html = html.replace(new RegExp(`(<[^>]*${escaped}[^>]*integrity=")[^"]*(")`, 'g'), `$1${integrity}$2`);
  }
  await writeFile(indexPath, html);
  console.log(`minify: JavaScript and CSS ${before} → ${after} B`);
}

// Content-Security-Policy (release builds): no inline or remote script but trunk's own
// loader, which is allowed by its hash; 'wasm-unsafe-eval' lets WebAssembly compile. Done
// before the precache version is computed, since it changes index.html.
if ((process.env.TRUNK_PROFILE ?? 'release') === 'release') {
  const indexPath = join(dir, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
  // The policy's line goes with the line break before it, so that a second run (the
  // end-to-end tests run this hook again on a copy) writes the same bytes.
  html = html.replace(/\n?[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  html = html.replace(/(<meta charset="utf-8"\s*\/?>)/i, `$1\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
  await writeFile(indexPath, html);
  console.log(`csp: ${hashes.length} inline script(s) allowed by hash`);
}

const names = (await files(dir)).filter((name) => name !== SW).sort();
if (!names.includes('index.html')) {
  console.error(`precache: no index.html in ${dir}`);
  process.exit(1);
}
const hash = createHash('sha256');
for (const name of names) {
  hash.update(name).update('\0').update(await readFile(join(dir, name))).update('\0');
}
const version = hash.digest('hex').slice(0, 16);
const url = (name) => (name === 'index.html' ? prefix : prefix + name);
const precache = { version, index: prefix, files: names.map(url) };

const swPath = join(dir, SW);
const sw = await readFile(swPath, 'utf8').catch(() => {
  console.error(`precache: ${swPath} is missing (index.html copies it with rel="copy-file")`);
  process.exit(1);
});
const marked = /\/\* precache:begin \*\/\n[\s\S]*?\n\/\* precache:end \*\//;
if (!marked.test(sw)) {
  console.error(`precache: ${swPath} has no /* precache:begin */ ... /* precache:end */ block`);
  process.exit(1);
}
const block = `/* precache:begin */\n// Generated by scripts/precache.mjs from the build output; do not edit.\nconst PRECACHE = ${JSON.stringify(precache, null, 2)};\n/* precache:end */`;
// In release builds the code on either side of the list is minified too; the list and its
// markers stay as they are, for the next run.
const found = sw.match(marked);
const [head, tail] = [sw.slice(0, found.index), sw.slice(found.index + found[0].length)];
const min = async (code) => (minify ? (await minify(code, { minifyWhitespace: true, minifySyntax: true, loader: 'js', legalComments: 'none' })).code : code);
await writeFile(swPath, `${await min(head)}${block}\n${await min(tail)}`);
console.log(`precache: ${names.length} files, version ${version}, prefix ${prefix}`);

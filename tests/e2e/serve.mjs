// A dependency-free static server for the release build (dist/), used by the
// end-to-end tests. Usage: node serve.mjs [port] [dir] [mount]
// `mount` is the path the build is served under ("/" or e.g. "/lede/", as given to
// `trunk build --public-url`); anything outside it is a 404, and the mount without its
// trailing slash redirects to it. Port 0 picks a free port; the line printed on start
// names the address.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const port = Number(process.argv[2] ?? 8181);
const root = resolve(process.argv[3] ?? new URL('../../dist', import.meta.url).pathname);
let mount = process.argv[4] ?? '/';
if (!mount.startsWith('/')) mount = `/${mount}`;
if (!mount.endsWith('/')) mount = `${mount}/`;
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (mount !== '/' && path === mount.slice(0, -1)) {
    res.writeHead(301, { location: mount }).end();
    return;
  }
  if (!path.startsWith(mount)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
  let file = normalize(join(root, path.slice(mount.length)));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${server.address().port}${mount}`);
});

// Real-browser test of `bengal serve` live reload.
//
//   node live_reload_test.mjs path/to/bengal
//
// Starts `bengal serve` on a temporary site, opens pages in headless Debian
// chromium (driven by playwright-core over the DevTools protocol) and, with
// no action in the browser:
//   1. a Markdown edit shows the new text (the page reloads itself), while a
//      second open page that did not change is not reloaded;
//   2. a stylesheet edit (a fingerprinted theme asset) restyles the page
//      without a reload;
//   3. broken front matter shows the error overlay with file and line, the
//      last good page stays, and fixing the file clears the overlay.
// Every wait has a timeout; the server and the browser are always stopped.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TIMEOUT = 20000;
const bengal = path.resolve(process.argv[2] || '../../build/release/src/cli/bengal');
const chromiumPath = process.env.BENGAL_CHROMIUM || '/usr/bin/chromium';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`);
  }
}

function write(root, rel, text) {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

function startServer(site) {
  return new Promise((resolve, reject) => {
    const child = spawn(bengal, ['serve', '-s', site, '--port', '0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error('bengal serve did not start:\n' + log)), TIMEOUT);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m && log.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, url: m[0], log: () => log });
      }
    });
    child.on('exit', (code) => reject(new Error(`bengal serve exited (${code}):\n` + log)));
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (!server || server.child.exitCode !== null) return resolve();
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 10000);
    server.child.removeAllListeners('exit');
    server.child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    server.child.kill('SIGINT');
  });
}

async function main() {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'bengal-browser-'));
  write(site, 'bengal.toml', 'theme = "probe"\n');
  write(site, 'content/_index.md', '---\ntitle: Home\n---\nWelcome.\n');
  write(site, 'content/page.md', '---\ntitle: Page\n---\nOriginal text.\n');
  write(site, 'content/other.md', '---\ntitle: Other\n---\nNever edited.\n');
  // Overrides the default theme's stylesheet: served as css/main.<hash>.css.
  write(site, 'themes/probe/assets/css/main.css', 'h1 { color: rgb(255, 0, 0); }\n');

  let server = null;
  let browser = null;
  try {
    server = await startServer(site);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      // launch() gives every run a fresh temporary profile (--user-data-dir).
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    const other = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    const connected = (p) => p.waitForFunction(() => window.__bengal && window.__bengal.connected, null,
      { timeout: TIMEOUT });
    await page.goto(server.url + 'page/');
    await other.goto(server.url + 'other/');
    await connected(page);
    await connected(other);
    check('page is served with the live-reload script', await page.evaluate(() => !!window.__bengal));

    // 1. Markdown edit: the page reloads itself and shows the new text.
    await page.evaluate(() => { window.__marker = 'before-edit'; });
    await other.evaluate(() => { window.__marker = 'untouched'; });
    write(site, 'content/page.md', '---\ntitle: Page\n---\nEdited text, no click needed.\n');
    await page.waitForFunction(() => document.body.innerText.includes('Edited text, no click needed.'), null,
      { timeout: TIMEOUT });
    check('markdown edit appears without any action in the browser', true);
    check('the edited page reloaded', await page.evaluate(() => window.__marker === undefined));
    await connected(page);
    check('an open page that did not change was not reloaded',
      await other.evaluate(() => window.__marker === 'untouched'));

    // 2. CSS edit: restyled without a reload.
    await page.evaluate(() => { window.__marker = 'before-css'; });
    const colour = () => page.evaluate(() => getComputedStyle(document.querySelector('h1')).color);
    check('initial stylesheet applies', (await colour()) === 'rgb(255, 0, 0)', await colour());
    write(site, 'themes/probe/assets/css/main.css', 'h1 { color: rgb(0, 0, 255); }\n');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('h1')).color === 'rgb(0, 0, 255)',
      null, { timeout: TIMEOUT });
    check('stylesheet edit restyles the page', true);
    check('stylesheet edit did not reload the page', await page.evaluate(() => window.__marker === 'before-css'));
    check('the swapped stylesheet is the new fingerprinted file', await page.evaluate(() =>
      [...document.querySelectorAll('link[rel=stylesheet]')].some((l) => /main\.[0-9a-f]{8}\.css/.test(l.href)) &&
      [...document.querySelectorAll('link[rel=stylesheet]')].length === 2));

    // 3. Broken front matter: the overlay shows file and line; fixing clears it.
    write(site, 'content/page.md', '---\ntitle: Page\ntags: [a, b\n---\nBroken.\n');
    const overlay = await page.waitForSelector('#__bengal_overlay__', { timeout: TIMEOUT });
    const text = await overlay.innerText();
    check('a broken page shows the overlay with file and line', text.includes('content/page.md:3'), text);
    check('the overlay shows the message', /YAML|front matter/i.test(text), text);
    check('the last good page is still shown under the overlay',
      await page.evaluate(() => document.body.innerText.includes('Edited text, no click needed.')));
    write(site, 'content/page.md', '---\ntitle: Page\ntags: [a, b]\n---\nFixed text.\n');
    await page.waitForFunction(() => !document.getElementById('__bengal_overlay__') &&
      document.body.innerText.includes('Fixed text.'), null, { timeout: TIMEOUT });
    check('fixing the file clears the overlay and shows the fix', true);
    check('no script errors in the page', errors.length === 0, errors.join('; '));
  } catch (e) {
    check('browser test ran to the end', false, String(e && e.stack || e) + (server ? '\nserver log:\n' +
      server.log() : ''));
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopServer(server);
    fs.rmSync(site, { recursive: true, force: true });
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main();

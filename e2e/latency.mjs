// Latency of gradbook's interactive figures (lib/interactive) in Chromium:
// from a slider move to the new frame on screen, for every figure, as the
// median over many moves.
//
// Usage: node latency.mjs [-moves N] FILE...
//
// FILE is an executed lecture (.ipynb, e.g. from `go run ./kernel exec -out
// out/executed notebooks/01-optimization-recap.ipynb`) or an HTML page
// (one written by lib/interactive outside a notebook, or from `make html`).
// A notebook's figures (their HTML outputs) are laid out on a plain page,
// as the HTML site shows them; an HTML page is opened as it is. Debian's
// Chromium runs them, through playwright-core.
//
// One move: set the slider to its next setting and dispatch the input event
// the browser fires for a drag, then wait until the new frame is decoded
// ("decoded") and two animation frames have passed, so that it has been
// painted ("on screen"). Waiting for the second animation frame makes "on
// screen" an upper bound, rounded up to whole frame intervals (16.7 ms at
// 60 Hz): 33.3 ms means the new frame was painted at the next vsync.
import { chromium } from 'playwright-core';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
let moves = 30;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-moves') moves = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0 || !(moves >= 1)) {
  console.error('usage: node latency.mjs [-moves N] FILE.ipynb|FILE.html ...');
  process.exit(2);
}

// figuresOf returns the HTML of every interactive figure in a notebook.
function figuresOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const cell of JSON.parse(text).cells) {
    for (const o of cell.outputs ?? []) {
      let h = o.data?.['text/html'];
      if (Array.isArray(h)) h = h.join('');
      if (h && h.includes('gradbook-interactive')) out.push(h);
    }
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const dir = mkdtempSync(path.join(tmpdir(), 'gradbook-latency-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failed = false;
try {
  for (const file of files) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    if (file.endsWith('.ipynb')) {
      const figs = figuresOf(file);
      if (figs.length === 0) {
        console.error(`${file}: no interactive figure`);
        failed = true;
        await page.close();
        continue;
      }
      const html = path.join(dir, 'page.html');
      writeFileSync(html, `<!DOCTYPE html><meta charset="utf-8"><body>${figs.join('\n<hr>\n')}</body>`);
      await page.goto('file://' + html);
    } else {
      // A page as it is: one from the HTML site, or written outside a notebook.
      await page.goto('file://' + path.resolve(file));
    }
    const n = await page.locator('.gradbook-interactive[data-ready]').count();
    if (n === 0) {
      console.error(`${file}: the figures' script did not run: ${errors.join('; ')}`);
      failed = true;
    }
    for (let f = 0; f < n; f++) {
      const root = page.locator('.gradbook-interactive[data-ready]').nth(f);
      await root.scrollIntoViewIfNeeded();
      const times = await root.evaluate(async (root, moves) => {
        const img = root.querySelector('img.gradbook-frame');
        const sliders = [...root.querySelectorAll('input[type=range]')];
        const painted = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const times = [];
        for (let m = 0; m < moves; m++) {
          const s = sliders[m % sliders.length];
          const next = (Number(s.value) + 1) % (Number(s.max) + 1);
          const before = img.getAttribute('data-frame');
          const t0 = performance.now();
          s.value = String(next);
          s.dispatchEvent(new Event('input', { bubbles: true }));
          await img.decode();
          const decoded = performance.now() - t0;
          await painted();
          const t = performance.now() - t0;
          if (img.getAttribute('data-frame') === before) throw new Error('the frame did not change');
          times.push([t, decoded]);
        }
        return times;
      }, moves);
      const title = await root.locator('img').first().getAttribute('alt');
      const onScreen = times.map((t) => t[0]);
      const decoded = times.map((t) => t[1]);
      console.log(`${path.basename(file)} figure ${f + 1} (${title.slice(0, 60)}): on screen median ${median(onScreen).toFixed(1)} ms, max ${Math.max(...onScreen).toFixed(1)} ms; frame decoded median ${median(decoded).toFixed(1)} ms; ${times.length} moves`);
    }
    if (errors.length) {
      console.error(`${file}: page errors: ${errors.join('; ')}`);
      failed = true;
    }
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

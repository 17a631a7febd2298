// Real-browser test of a gradbook lecture in the classic Jupyter Notebook.
//
// Run by e2e/run.sh (make e2e), which starts the notebook server on
// 127.0.0.1 with a token and passes these variables:
//
//   GRADBOOK_E2E_URL        http://127.0.0.1:PORT
//   GRADBOOK_E2E_TOKEN      the server's token
//   GRADBOOK_E2E_NOTEBOOK   the lecture, relative to the server's root (outputs cleared)
//   GRADBOOK_E2E_EXECUTED   the same lecture executed headless, never opened (so untrusted)
//   GRADBOOK_E2E_OUT        folder for screenshots
//
// Debian's Chromium is driven by playwright-core: `npx playwright install`
// cannot download a browser on these machines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { openNotebook as open, ensureKernel, codeCells, runAll, chromiumOptions } from './jupyter.mjs';
import { outputLayout } from './layout.mjs';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this test through e2e/run.sh (make e2e)`);
  return v;
};
const base = env('GRADBOOK_E2E_URL');
const token = env('GRADBOOK_E2E_TOKEN');
const lecture = env('GRADBOOK_E2E_NOTEBOOK');
// Optional: the fresh-machine test (e2e/fresh.sh) runs the lecture only.
const executed = process.env.GRADBOOK_E2E_EXECUTED || '';
const outDir = env('GRADBOOK_E2E_OUT');
const runAllTimeout = Number(process.env.GRADBOOK_E2E_TIMEOUT_MS || 10 * 60 * 1000);

let browser;

before(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch(chromiumOptions);
});

const openNotebook = (name) => open(browser, base, token, name);

after(async () => {
  await browser?.close();
});

// plotSelector matches the elements a plot output becomes: an <img> for
// image/png, an inline SVG block for image/svg+xml (what a trusted notebook
// prefers when a bundle holds both).
const plotSelector = '.output_area img, .output_area .output_svg';

// checkPlots asserts that every plot element on the page is visible and
// drawn at a real size (a decoded image, a laid-out SVG), and returns how
// many there are.
async function checkPlots(page) {
  const plots = page.locator(plotSelector);
  const n = await plots.count();
  for (let i = 0; i < n; i++) {
    const el = plots.nth(i);
    await el.scrollIntoViewIfNeeded();
    assert.ok(await el.isVisible(), `plot ${i} is visible`);
    const size = await el.evaluate((e) => {
      const r = e.getBoundingClientRect();
      const natural = e.tagName === 'IMG' ? Math.min(e.naturalWidth, e.naturalHeight) : Infinity;
      return { tag: e.tagName, w: Math.round(r.width), h: Math.round(r.height), natural };
    });
    assert.ok(size.w > 50 && size.h > 50 && size.natural > 50, `plot ${i} is drawn (${JSON.stringify(size)})`);
  }
  return n;
}

// screenshotAtFirstImage scrolls the first plot into view and saves the page.
async function screenshotAtFirstImage(page, file) {
  const first = page.locator(plotSelector).first();
  if (await first.count()) await first.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(outDir, file) });
}

test('Cell → Run All runs the lecture on the Go (gradbook) kernel without errors and shows its plots', { timeout: runAllTimeout + 180_000 }, async () => {
  const { page, problems } = await openNotebook(lecture);
  try {
    await ensureKernel(page);
    const before = await codeCells(page);
    assert.ok(before.length > 0, 'the lecture has code cells');
    assert.ok(before.every((c) => c.prompt === null), 'the lecture is committed with cleared outputs');

    const t0 = Date.now();
    let firstPlot = null;
    page.waitForSelector(plotSelector, { timeout: runAllTimeout })
      .then(() => { firstPlot = (Date.now() - t0) / 1000; }, () => {});
    await runAll(page, runAllTimeout);
    const seconds = (Date.now() - t0) / 1000;

    const cells = await codeCells(page);
    const failed = cells.filter((c) => c.errors.length > 0);
    assert.deepEqual(failed.map((c) => `cell ${c.index} (${c.firstLine}): ${c.errors.join('; ')}`), [], 'no cell has an error output');
    const notRun = cells.filter((c) => typeof c.prompt !== 'number');
    assert.deepEqual(notRun.map((c) => `cell ${c.index} (${c.firstLine})`), [], 'every code cell ran');

    const pngs = cells.reduce((s, c) => s + c.pngs, 0);
    const plotOutputs = cells.reduce((s, c) => s + c.plots, 0);
    const shown = await checkPlots(page);
    assert.ok(pngs > 0, 'the lecture displays at least one PNG plot');
    assert.ok(shown >= plotOutputs, `every plot output is a drawn element of the page (${shown} elements, ${plotOutputs} plot outputs)`);
    // Nothing wider than the output column; colour maps stretched to
    // their frames (see layout.mjs).
    const layout = await outputLayout(page);
    assert.deepEqual(layout.wide, [], 'no output is wider than the output column');
    assert.deepEqual(layout.squeezed, [], 'every colour map in an SVG plot has preserveAspectRatio="none"');
    await screenshotAtFirstImage(page, 'run-all.png');
    assert.deepEqual(problems, [], 'no JavaScript errors on the page');
    console.log(`# run all: ${cells.length} code cells in ${seconds.toFixed(1)} s, first plot on screen after ${firstPlot?.toFixed(1)} s, ${plotOutputs} plot outputs, ${shown} drawn on the page`);
  } finally {
    await page.close();
  }
});

test('an executed notebook opened untrusted still shows its plots as PNG', { skip: !executed && 'no executed copy given' }, async () => {
  const { page, problems } = await openNotebook(executed);
  try {
    const trusted = await page.evaluate(() => Jupyter.notebook.trusted);
    assert.equal(trusted, false, 'a notebook executed headless opens as Not Trusted');
    const cells = await codeCells(page);
    const pngs = cells.reduce((s, c) => s + c.pngs, 0);
    assert.ok(pngs > 0, 'the executed notebook holds PNG outputs');
    // Untrusted, Jupyter drops SVG and HTML: each plot must be an <img>.
    const svgShown = await page.locator('.output_area .output_svg').count();
    const imgs = await page.locator('.output_area img').count();
    const shown = await checkPlots(page);
    assert.ok(imgs >= pngs, `untrusted, every PNG output is still an image (${imgs} images, ${pngs} PNG outputs)`);
    await screenshotAtFirstImage(page, 'untrusted.png');
    assert.deepEqual(problems, [], 'no JavaScript errors on the page');
    console.log(`# untrusted: ${imgs} PNG images drawn (${shown} plot elements), ${svgShown} SVG outputs rendered`);
  } finally {
    await page.close();
  }
});

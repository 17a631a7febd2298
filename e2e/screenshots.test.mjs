// make screenshots: Cell → Run All of every lecture in Debian's Chromium,
// the layout checks of layout.mjs on each, and a full-page screenshot per
// lecture, also cut into screen-sized parts that a person can look at.
//
// Run by e2e/run.sh --screenshots, which starts the classic Notebook and
// passes GRADBOOK_E2E_URL, GRADBOOK_E2E_TOKEN, GRADBOOK_E2E_OUT and
// GRADBOOK_E2E_NOTEBOOKS (comma-separated names relative to the server's
// root).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { openNotebook, ensureKernel, codeCells, runAll, chromiumOptions } from './jupyter.mjs';
import { outputLayout, unscrollNotebook } from './layout.mjs';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this through e2e/run.sh --screenshots (make screenshots)`);
  return v;
};
const base = env('GRADBOOK_E2E_URL');
const token = env('GRADBOOK_E2E_TOKEN');
const outDir = env('GRADBOOK_E2E_OUT');
const lectures = env('GRADBOOK_E2E_NOTEBOOKS').split(',').filter(Boolean);
const runAllTimeout = Number(process.env.GRADBOOK_E2E_TIMEOUT_MS || 15 * 60 * 1000);
// The height of one part: about one and a half screens, small enough to
// read when looked at whole.
const partHeight = 1500;

let browser;
before(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch(chromiumOptions);
});
after(async () => { await browser?.close(); });

for (const lecture of lectures) {
  const stem = lecture.replace(/\.ipynb$/, '');
  test(`${stem}: Run All, layout, screenshot`, { timeout: runAllTimeout + 300_000 }, async () => {
    const { page, problems } = await openNotebook(browser, base, token, lecture);
    try {
      await ensureKernel(page);
      const t0 = Date.now();
      await runAll(page, runAllTimeout);
      const seconds = (Date.now() - t0) / 1000;
      // Let the last images decode and MathJax finish before measuring.
      await page.waitForFunction(() => !window.MathJax?.Hub || window.MathJax.Hub.queue.running === 0 && window.MathJax.Hub.queue.pending === 0, null, { timeout: 60_000 }).catch(() => {});
      await page.waitForTimeout(1000);

      const cells = await codeCells(page);
      const layout = await outputLayout(page);
      await unscrollNotebook(page);
      await page.waitForTimeout(500);
      const full = path.join(outDir, `${stem}.png`);
      await page.screenshot({ path: full, fullPage: true });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      const dir = path.join(outDir, stem);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      let parts = 0;
      for (let y = 0; y < height; y += partHeight) {
        parts++;
        await page.screenshot({
          path: path.join(dir, `${String(parts).padStart(2, '0')}.png`),
          fullPage: true,
          clip: { x: 0, y, width, height: Math.min(partHeight, height - y) },
        });
      }
      console.log(`# ${stem}: ${cells.length} code cells in ${seconds.toFixed(0)} s; ${layout.plots} plots, ${layout.images} SVG colour maps; ${height} px tall, ${parts} parts`);

      const failed = cells.filter((c) => c.errors.length > 0);
      assert.deepEqual(failed.map((c) => `cell ${c.index} (${c.firstLine}): ${c.errors.join('; ')}`), [], 'no cell has an error output');
      assert.deepEqual(layout.wide, [], 'no output is wider than the output column');
      assert.deepEqual(layout.squeezed, [], 'every colour map in an SVG plot has preserveAspectRatio="none"');
      assert.deepEqual(problems, [], 'no JavaScript errors on the page');
    } finally {
      await page.close();
    }
  });
}

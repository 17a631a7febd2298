// Real-browser test of an interactive figure (lib/interactive) in a
// gradbook lecture, in the classic Jupyter Notebook.
//
// Run by e2e/run.sh (make e2e) with the variables notebook.test.mjs
// describes. It runs the lecture (Cell → Run All), moves the slider of each
// interactive figure with the mouse, and checks that the figure on screen
// changed, that the value shown next to the slider changed, that the cell
// finished (the kernel is not left busy) and that no error appeared. Then it
// opens the executed copy, which is untrusted: there the figure must show
// as a still image.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { openNotebook as open, ensureKernel, runAll, chromiumOptions } from './jupyter.mjs';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this test through e2e/run.sh (make e2e)`);
  return v;
};
const base = env('GRADBOOK_E2E_URL');
const token = env('GRADBOOK_E2E_TOKEN');
const lecture = env('GRADBOOK_E2E_NOTEBOOK');
const executed = process.env.GRADBOOK_E2E_EXECUTED || '';
const outDir = env('GRADBOOK_E2E_OUT');
const runAllTimeout = Number(process.env.GRADBOOK_E2E_TIMEOUT_MS || 10 * 60 * 1000);

let browser;

before(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
});

const openNotebook = (name) => open(browser, base, token, name);

// usesInteractive tells whether the open notebook's code shows an
// interactive figure at all.
const usesInteractive = (page) => page.evaluate(() => Jupyter.notebook.get_cells()
  .some((c) => c.cell_type === 'code' && /interactive\.(Show|ShowOver|New|Over)\(/.test(c.get_text())));

test('Run All, then moving a slider changes the figure, with no kernel round trip and no error', { timeout: runAllTimeout + 180_000 }, async (t) => {
  const { page, problems } = await openNotebook(lecture);
  try {
    if (!(await usesInteractive(page))) {
      t.skip(`${lecture} has no interactive figure`);
      return;
    }
    await ensureKernel(page);
    await runAll(page, runAllTimeout);
    const errors = await page.evaluate(() => Jupyter.notebook.get_cells().flatMap((c) => c.output_area?.outputs ?? [])
      .filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`));
    assert.deepEqual(errors, [], 'no cell has an error output');

    const figs = page.locator('.output_area .gradbook-interactive');
    const n = await figs.count();
    assert.ok(n > 0, 'the lecture shows an interactive figure');
    assert.equal(await page.locator('.output_area .gradbook-interactive[data-ready]').count(), n,
      'every figure\'s script ran (its controls are live)');
    // The cell that made the figure has finished: a number, not "In [*]".
    const prompts = await page.evaluate(() => Jupyter.notebook.get_cells()
      .filter((c) => c.output_area?.element?.[0]?.querySelector('.gradbook-interactive'))
      .map((c) => c.input_prompt_number));
    assert.ok(prompts.every((p) => typeof p === 'number'), `the figures' cells finished (prompts ${JSON.stringify(prompts)})`);

    for (let f = 0; f < n; f++) {
      const fig = figs.nth(f);
      await fig.scrollIntoViewIfNeeded();
      const figure = fig.locator('.gradbook-figure');
      const slider = fig.locator('input[type=range]').first();
      const shown = fig.locator('output').first();
      const before = { frame: await fig.locator('img.gradbook-frame').getAttribute('data-frame'), value: await shown.textContent(), pixels: await figure.screenshot() };
      // Click on the slider's track far from where its thumb is: a move by mouse.
      const box = await slider.boundingBox();
      const at = (Number(await slider.inputValue()) / Number(await slider.getAttribute('max'))) < 0.5 ? 0.9 : 0.1;
      await page.mouse.click(box.x + at * box.width, box.y + box.height / 2);
      await page.waitForFunction((el) => el.getAttribute('data-frame') !== null, await fig.locator('img.gradbook-frame').elementHandle());
      const after = { frame: await fig.locator('img.gradbook-frame').getAttribute('data-frame'), value: await shown.textContent() };
      assert.notEqual(after.frame, before.frame, `figure ${f + 1}: the slider move selected another frame`);
      assert.notEqual(after.value, before.value, `figure ${f + 1}: the value next to the slider changed (${before.value} → ${after.value})`);
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await fig.locator('img.gradbook-frame').elementHandle());
      const pixels = await figure.screenshot();
      assert.ok(!pixels.equals(before.pixels), `figure ${f + 1}: the figure on screen changed`);
      if (f === 0) await page.screenshot({ path: path.join(outDir, 'interactive-moved.png') });
      console.log(`# figure ${f + 1}: ${before.value} → ${after.value}, frame ${before.frame} → ${after.frame}`);
    }
    const idle = await page.evaluate(() => document.querySelector('#kernel_indicator_icon')?.classList.contains('kernel_idle_icon'));
    assert.ok(idle, 'the kernel is idle after the slider moves: nothing ran on it');
    assert.deepEqual(problems, [], 'no JavaScript errors on the page');
  } finally {
    await page.close();
  }
});

test('untrusted, the executed copy shows each interactive figure as a still image', { skip: !executed && 'no executed copy given' }, async (t) => {
  const { page, problems } = await openNotebook(executed);
  try {
    if (!(await usesInteractive(page))) {
      t.skip(`${lecture} has no interactive figure`);
      return;
    }
    assert.equal(await page.evaluate(() => Jupyter.notebook.trusted), false, 'the executed copy opens as Not Trusted');
    const outputs = await page.evaluate(() => Jupyter.notebook.get_cells().flatMap((c) => c.output_area?.outputs ?? [])
      .filter((o) => String(o.data?.['text/html'] ?? '').includes('gradbook-interactive')).length);
    assert.ok(outputs > 0, 'the executed copy holds interactive figures');
    // No script ran: no live controls; the default frame is an image drawn at a real size.
    assert.equal(await page.locator('.gradbook-interactive[data-ready]').count(), 0, 'no figure script ran in the untrusted notebook');
    const shown = await page.evaluate(() => Jupyter.notebook.get_cells()
      .filter((c) => (c.output_area?.outputs ?? []).some((o) => String(o.data?.['text/html'] ?? '').includes('gradbook-interactive')))
      .map((c) => {
        const imgs = [...c.output_area.element[0].querySelectorAll('img')];
        return {
          drawn: imgs.filter((e) => e.complete && e.naturalWidth > 50 && e.getBoundingClientRect().width > 50).length,
          controls: c.output_area.element[0].querySelectorAll('input, select').length,
          html: c.output_area.element[0].querySelector('.output_html') !== null,
        };
      }));
    assert.equal(shown.length, outputs, 'each figure is in a cell of its own');
    shown.forEach((s, i) => assert.ok(s.drawn >= 1, `figure ${i + 1} shows its still image (${JSON.stringify(s)})`));
    const figs = await page.evaluate(() => Jupyter.notebook.get_cells()
      .findIndex((c) => (c.output_area?.outputs ?? []).some((o) => String(o.data?.['text/html'] ?? '').includes('gradbook-interactive'))));
    await page.locator('.cell').nth(figs).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, 'interactive-untrusted.png') });
    console.log(`# untrusted: ${outputs} interactive figures, the first shown as ${JSON.stringify(shown[0])} (html: true means Jupyter showed the sanitized HTML, not the PNG)`);
    assert.deepEqual(problems, [], 'no JavaScript errors on the page');
  } finally {
    await page.close();
  }
});

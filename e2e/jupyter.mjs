// Driving the classic Jupyter Notebook (6) in Chromium with playwright-core:
// shared by the Run All test (notebook.test.mjs), the interactive-figure test
// (interactive.test.mjs) and the screenshots (screenshots.test.mjs).
import assert from 'node:assert/strict';

// openNotebook loads a notebook page and waits until its kernel is connected.
export async function openNotebook(browser, base, token, name) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  // Generous: the first page load compiles nothing, but a busy two-core
  // machine (CI, or a class on one server) can take a minute to serve it.
  page.setDefaultTimeout(120_000);
  page.setDefaultNavigationTimeout(180_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`${base}/notebooks/${encodeURIComponent(name)}?token=${token}`);
  await page.waitForFunction(
    () => window.Jupyter?.notebook?.kernel?.is_connected?.(),
    null, { timeout: 120_000 });
  return { page, problems };
}

// ensureKernel makes the page's kernel the gradbook one, choosing it in the
// Kernel → Change kernel menu if the notebook opened on another.
export async function ensureKernel(page) {
  const current = await page.evaluate(() => Jupyter.notebook.kernel.name);
  if (current !== 'gradbook') {
    await page.click('#kernellink');
    await page.hover('#menu-change-kernel');
    await page.click('#kernel-submenu-gradbook');
    await page.waitForFunction(
      () => Jupyter.notebook.kernel?.name === 'gradbook' && Jupyter.notebook.kernel.is_connected(),
      null, { timeout: 120_000 });
  }
  const shown = (await page.textContent('.kernel_indicator_name'))?.trim();
  assert.equal(shown, 'Go (gradbook)', 'the kernel indicator names the gradbook kernel');
}

// codeCells describes each non-empty code cell from the notebook's model.
export function codeCells(page) {
  return page.evaluate(() => Jupyter.notebook.get_cells()
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.cell_type === 'code' && c.get_text().trim() !== '')
    .map(({ c, index }) => ({
      index,
      firstLine: c.get_text().split('\n')[0],
      prompt: c.input_prompt_number ?? null,
      errors: c.output_area.outputs.filter((o) => o.output_type === 'error')
        .map((o) => `${o.ename}: ${o.evalue}`),
      pngs: c.output_area.outputs.filter((o) => o.data?.['image/png']).length,
      plots: c.output_area.outputs.filter((o) => o.data?.['image/png'] || o.data?.['image/svg+xml']).length,
    })));
}

// runAll clicks Cell → Run All and waits until no cell waits or runs
// ("In [*]") and the kernel is idle, or until the kernel is idle after an
// error (the rest is then aborted).
export async function runAll(page, timeout) {
  await page.click('#celllink');
  await page.click('#run_all_cells');
  await page.waitForFunction(() => {
    const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code' && c.get_text().trim() !== '');
    const idle = document.querySelector('#kernel_indicator_icon')?.classList.contains('kernel_idle_icon');
    const failed = cells.some((c) => c.output_area.outputs.some((o) => o.output_type === 'error'));
    const started = cells.length > 0 && cells[0].input_prompt_number != null;
    return idle && started && (failed || cells.every((c) => c.input_prompt_number !== '*'));
  }, null, { timeout, polling: 500 });
}

// chromiumOptions launches Debian's Chromium: no sandbox as root (CI); the
// other flags keep it from reaching for Google's services, which a closed
// network refuses, many at a time.
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

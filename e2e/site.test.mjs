// make site-e2e: the static site (make html) in Debian's Chromium, opened
// from file:// with every network request refused, as a course site behind
// a firewall or on a USB stick is read. On every page MathJax must finish
// without errors and leave no raw TeX ($…$, $$…$$, \(…\)) in the text, and
// every lecture page must show at least one typeset formula.
//
// Run by e2e/site.sh, which passes GRADBOOK_SITE (the site's folder).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdirSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumOptions } from './jupyter.mjs';

const site = process.env.GRADBOOK_SITE;
if (!site || !existsSync(path.join(site, 'index.html'))) {
  throw new Error(`GRADBOOK_SITE=${site}: no index.html there; build the site with make html`);
}

// pages lists the site's HTML pages relative to it.
function pages(dir, rel = '') {
  const out = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory() && e.name !== 'mathjax' && e.name !== 'executed') out.push(...pages(dir, r));
    else if (e.isFile() && e.name.endsWith('.html')) out.push(r);
  }
  return out.sort();
}

let browser;
before(async () => { browser = await chromium.launch(chromiumOptions); });
after(async () => { await browser?.close(); });

for (const rel of pages(site)) {
  const lecture = /^\d\d-.*\.html$/.test(rel);
  test(`${rel}: math typeset offline${lecture ? ', at least one formula' : ''}`, { timeout: 180_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const refused = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      refused.push(url);
      return route.abort();
    });
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    try {
      await page.goto(pathToFileURL(path.join(site, rel)).href);
      const loaded = await page.waitForFunction(() => window.MathJax?.Hub, null, { timeout: 30_000 })
        .then(() => true, () => false);
      assert.ok(loaded, `MathJax loaded (network requests refused: ${JSON.stringify(refused)})`);
      // MathJax 2 is ready when its startup is done and its queue empty.
      await page.waitForFunction(() => window.MathJax?.Hub && window.MathJax.isReady
        && window.MathJax.Hub.queue.pending === 0 && !window.MathJax.Hub.queue.running,
      null, { timeout: 120_000, polling: 250 });
      const r = await page.evaluate(() => {
        // Text the reader sees as prose: not code, not program output.
        const skip = (el) => el.closest('pre, code, script, style, textarea, .highlight, .jp-OutputArea-output, .MathJax_Preview, .MathJax, .MJX_Assistive_MathML, mjx-container');
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const raw = [];
        const rawRE = /\$\$[^$]+\$\$|\$[^$\s][^$]*?\$|\\\(.+?\\\)|\\\[.+?\\\]/;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.parentElement || skip(n.parentElement)) continue;
          const m = n.textContent.match(rawRE);
          if (m) raw.push(m[0].slice(0, 80));
        }
        return {
          raw,
          formulas: document.querySelectorAll('.MathJax_CHTML, .mjx-chtml, mjx-container').length,
          errors: [...document.querySelectorAll('.mjx-merror, .MathJax_Error, merror')].map((e) => e.textContent.slice(0, 80)),
        };
      });
      assert.deepEqual(r.raw, [], 'no raw TeX left in the text');
      assert.deepEqual(r.errors, [], 'no MathJax errors');
      if (lecture) assert.ok(r.formulas > 0, `at least one typeset formula (found ${r.formulas})`);
      assert.deepEqual(problems, [], 'no JavaScript errors');
      console.log(`# ${rel}: ${r.formulas} formulas, ${refused.length} network requests refused`);
    } finally {
      await page.close();
    }
  });
}

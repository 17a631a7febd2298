// Checks of how a lecture looks in the browser, shared by the Run All test
// (make e2e) and the screenshots (make screenshots).

// outputLayout measures, on a page of the classic Notebook after Run All,
// every output that is wider than the output column (the reader would
// have to scroll sideways, and a figure is cut off), and every colour-map
// <image> inside an inline SVG plot that lacks preserveAspectRatio="none"
// (the browser would squeeze the colour map into a centred square, off the
// contour lines). It returns {wide: [...], squeezed: [...], plots, images}.
export function outputLayout(page) {
  return page.evaluate(() => {
    const wide = [];
    const squeezed = [];
    const cells = Jupyter.notebook.get_cells();
    let plots = 0;
    let images = 0;
    cells.forEach((cell, index) => {
      if (cell.cell_type !== 'code') return;
      const area = cell.element[0].querySelector('.output');
      if (!area) return;
      // The column: the width an output may take without a scroll bar.
      for (const sub of area.querySelectorAll('.output_subarea')) {
        const column = sub.getBoundingClientRect();
        if (sub.scrollWidth > sub.clientWidth + 1) {
          wide.push(`cell ${index}: output scrolls sideways (${sub.scrollWidth} px of content in ${sub.clientWidth} px)`);
        }
        for (const el of sub.querySelectorAll('img, svg')) {
          if (el.closest('svg') !== el && el.tagName.toLowerCase() === 'svg') continue; // nested
          const r = el.getBoundingClientRect();
          plots++;
          if (r.right > column.right + 1 || r.width > column.width + 1) {
            wide.push(`cell ${index}: ${el.tagName.toLowerCase()} ${Math.round(r.width)} px wide in a ${Math.round(column.width)} px column`);
          }
        }
        for (const im of sub.querySelectorAll('svg image')) {
          images++;
          if (im.getAttribute('preserveAspectRatio') !== 'none') {
            squeezed.push(`cell ${index}: SVG <image> with preserveAspectRatio=${JSON.stringify(im.getAttribute('preserveAspectRatio'))}`);
          }
        }
      }
    });
    return { wide, squeezed, plots, images };
  });
}

// fullPage lets the whole notebook flow in the document (Notebook 6 scrolls
// inside #site, so a full-page screenshot would show one screen only).
export async function unscrollNotebook(page) {
  await page.addStyleTag({ content: `
    html, body { height: auto !important; overflow: visible !important; }
    #site { height: auto !important; overflow: visible !important; position: static !important; }
    #header { position: static !important; }
  ` });
}

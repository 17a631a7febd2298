package interactive

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html"
	"strings"
	"sync/atomic"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// DisplayData is the notebook display bundle of b, ONE message holding
//
//   - text/html: the controls, the default frame as an <img>, and a small
//     script holding every frame as a data URI that swaps frames when a
//     control moves. Nothing goes back to the kernel, so the cell ends at
//     once, and the figure keeps working after the kernel stops, in a saved
//     and trusted notebook, and in the static HTML site.
//   - image/png: the default frame, for front ends that show no HTML or
//     do not run its script (an untrusted notebook).
//   - text/plain: what the figure shows, for text-only front ends.
func (b *Bundle) DisplayData() *protocol.DisplayData {
	return &protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  b.HTML(),
		protocol.MIMEImagePNG:  b.Static,
		protocol.MIMETextPlain: b.Text,
	}}
}

var figures atomic.Uint64 // figures made by this process, for unique ids

// id is unique per figure on a page: a page may show the same figure
// twice (a cell run twice, in two notebooks).
func (b *Bundle) id() string {
	h := fnv.New64a()
	for _, f := range b.Frames {
		h.Write(f)
	}
	fmt.Fprintf(h, "%d/%d", time.Now().UnixNano(), figures.Add(1))
	return fmt.Sprintf("gradbook-fig-%x", h.Sum64())
}

func dataURI(png []byte) string {
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)
}

func htmlText(s string) string { return html.EscapeString(s) }

// HTML is the figure's text/html: the controls, disabled until the script
// runs, a note that says so, and the default frame. Without the script
// (an untrusted notebook strips it) the page still shows the default
// frame as a plain image.
func (b *Bundle) HTML() string {
	id := b.id()
	var sb strings.Builder
	fmt.Fprintf(&sb, `<div class="gradbook-interactive" id="%s" style="font-family: sans-serif; font-size: 13px">`+"\n", id)
	sb.WriteString(`<div class="gradbook-controls" style="display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 2px 0 4px 0">` + "\n")
	for i, c := range b.Controls {
		def := c.def
		if c.slider {
			// Inline styles throughout: Notebook 6's CSS makes labels and
			// range inputs blocks, which would stack value under slider.
			fmt.Fprintf(&sb, `<label style="display: inline-flex; align-items: center; gap: 6px; margin: 0; font-weight: normal">%s <input type="range" data-control="%d" min="0" max="%d" step="1" value="%d" disabled style="display: inline-block; width: 160px; margin: 0"> <output data-control="%d" style="display: inline-block; min-width: 4em; font-family: monospace">%s</output></label>`+"\n",
				htmlText(c.name), i, c.Len()-1, def, i, htmlText(c.labels[def]))
			continue
		}
		fmt.Fprintf(&sb, `<label style="display: inline-flex; align-items: center; gap: 6px; margin: 0; font-weight: normal">%s <select data-control="%d" disabled>`, htmlText(c.name), i)
		for j, o := range c.labels {
			sel := ""
			if j == def {
				sel = " selected"
			}
			fmt.Fprintf(&sb, `<option value="%d"%s>%s</option>`, j, sel, htmlText(o))
		}
		sb.WriteString("</select></label>\n")
	}
	sb.WriteString(`<span class="gradbook-static-note" style="color: #777">(a still image: run the cell, or trust the notebook, to move the controls)</span>` + "\n")
	sb.WriteString("</div>\n")
	fmt.Fprintf(&sb, `<div class="gradbook-figure" style="position: relative; width: %dpx; max-width: 100%%">`, b.W)
	fmt.Fprintf(&sb, `<img class="gradbook-frame" src="%s" alt="%s" style="display: block; width: 100%%">`, dataURI(b.Static), htmlText(b.Text))
	sb.WriteString("</div>\n</div>\n")

	frames := make([]string, len(b.Frames))
	for i, f := range b.Frames {
		frames[i] = dataURI(f)
	}
	labels := make([][]string, len(b.Controls))
	for i, c := range b.Controls {
		labels[i] = c.labels
	}
	base := ""
	if b.Base != nil {
		base = dataURI(b.Base)
	}
	data, _ := json.Marshal(map[string]any{ // strings and ints only: cannot fail
		"id": id, "frames": frames, "labels": labels, "stride": b.Stride, "base": base,
	})
	sb.WriteString("<script>\n(function (fig) {\n")
	sb.WriteString(script)
	sb.WriteString("})(")
	sb.Write(data) // json.Marshal escapes <, > and &, so no "</script>" inside
	sb.WriteString(");\n</script>\n")
	return sb.String()
}

// script swaps frames in the browser. It finds its figure by id, lays the
// frames over the base image if there is one, and on every input event
// shows frame Σ setting(i)·stride[i] and the current values. It is plain
// ES5 with no globals, so that Notebook 6, JupyterLab and a static page all
// run it as is.
const script = `var roots = document.querySelectorAll('[id="' + fig.id + '"]');
for (var r = 0; r < roots.length; r++) (function (root) {
  if (root.getAttribute('data-ready')) return;
  var img = root.querySelector('img.gradbook-frame');
  if (!img) return;
  if (fig.base) {
    var under = document.createElement('img');
    under.className = 'gradbook-base';
    under.src = fig.base;
    under.alt = img.alt;
    under.style.cssText = 'display: block; width: 100%';
    img.parentNode.insertBefore(under, img);
    img.style.cssText = 'display: block; width: 100%; position: absolute; left: 0; top: 0';
    img.alt = '';
  }
  var inputs = root.querySelectorAll('[data-control]');
  var controls = [];
  for (var i = 0; i < inputs.length; i++) {
    if (inputs[i].tagName !== 'OUTPUT') controls.push(inputs[i]);
  }
  function update() {
    var k = 0;
    for (var i = 0; i < controls.length; i++) {
      var c = +controls[i].getAttribute('data-control');
      var j = +controls[i].value;
      k += j * fig.stride[c];
      var out = root.querySelector('output[data-control="' + c + '"]');
      if (out) out.textContent = fig.labels[c][j];
    }
    if (img.getAttribute('data-frame') !== String(k)) {
      img.src = fig.frames[k];
      img.setAttribute('data-frame', String(k));
    }
  }
  for (var i = 0; i < controls.length; i++) {
    controls[i].disabled = false;
    controls[i].addEventListener('input', update);
    controls[i].addEventListener('change', update);
  }
  var note = root.querySelector('.gradbook-static-note');
  if (note) note.parentNode.removeChild(note);
  update();
  root.setAttribute('data-ready', '1');
})(roots[r]);
`

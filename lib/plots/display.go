package plots

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DPI is the resolution of the PNG images: at 96 dots per inch a length in
// vg units maps to the CSS pixels a browser shows it at, so the PNG and the
// SVG of one bundle appear at the same size.
const DPI = 96

// Default sizes. A single plot is 6 × 4 in (576 × 384 px); a Row gives each
// plot 3.4 × 3 in, and at most 10 in (960 px) of width in all.
const (
	DefaultWidth     = 6 * vg.Inch
	DefaultHeight    = 4 * vg.Inch
	RowTileWidth     = 3.4 * vg.Inch
	RowHeight        = 3 * vg.Inch
	MaxDefaultWidth  = 10 * vg.Inch
	PlotDirEnv       = "GRADBOOK_PLOT_DIR"
	rowPad           = 0.15 * vg.Inch
	textPlainMaxLine = 200
)

// Option changes how Display and Row render.
type Option func(*settings)

type settings struct {
	w, h vg.Length
	name string
}

// Size sets the size of the whole image, for Row the size of the row, in
// points (1 pt = 4/3 px). Non-positive values keep the default. A figure
// wider than MaxWidth is laid out at this size and then scaled down as a
// whole to MaxWidth.
func Size(w, h vg.Length) Option {
	return func(s *settings) {
		if w > 0 {
			s.w = w
		}
		if h > 0 {
			s.h = h
		}
	}
}

// Name sets the base name of the files written outside a notebook (without
// extension; path separators are replaced). The default is made from the
// plot titles.
func Name(base string) Option {
	return func(s *settings) { s.name = base }
}

// Image is one rendered figure, in the three forms a notebook bundle holds.
type Image struct {
	PNG  []byte    // image/png, DPI dots per inch (less for a figure scaled down to MaxWidth)
	SVG  string    // image/svg+xml
	Text string    // text/plain: a one-line description for text-only front ends
	W, H vg.Length // size of the figure as shown, at most MaxWidth wide
	name string    // base name for files
}

// Render draws p into an Image. It returns the error recorded for p by the
// helper that made it (see Err), if any.
func Render(p *plot.Plot, opts ...Option) (*Image, error) {
	if p == nil {
		return nil, errors.New("plots: Render: nil plot")
	}
	return render("Render", []*plot.Plot{p}, opts, DefaultWidth, DefaultHeight, true)
}

// RenderRow draws the plots side by side into one Image, with their data
// areas aligned.
func RenderRow(ps []*plot.Plot, opts ...Option) (*Image, error) {
	w := min(vg.Length(len(ps))*RowTileWidth, MaxDefaultWidth)
	return render("RenderRow", ps, opts, w, RowHeight, true)
}

// RenderPNG is Render without the SVG, for figures shown only as images:
// the frames of an interactive figure (lib/interactive), say.
func RenderPNG(p *plot.Plot, opts ...Option) (*Image, error) {
	if p == nil {
		return nil, errors.New("plots: RenderPNG: nil plot")
	}
	return render("RenderPNG", []*plot.Plot{p}, opts, DefaultWidth, DefaultHeight, false)
}

func render(op string, ps []*plot.Plot, opts []Option, w, h vg.Length, withSVG bool) (*Image, error) {
	if len(ps) == 0 {
		return nil, fmt.Errorf("plots: %s: no plots", op)
	}
	for i, p := range ps {
		if p == nil {
			return nil, fmt.Errorf("plots: %s: plot %d is nil", op, i)
		}
		if err := Err(p); err != nil {
			return nil, fmt.Errorf("plots: %s: plot %d (%q): %w", op, i, p.Title.Text, err)
		}
		if err := checkGlyphs(p); err != nil {
			return nil, fmt.Errorf("plots: %s: plot %d: %w", op, i, err)
		}
	}
	s := settings{w: w, h: h}
	for _, o := range opts {
		o(&s)
	}
	scale := fitScale(s.w)
	img := &Image{W: s.w * vg.Length(scale), H: s.h * vg.Length(scale), Text: describe(ps), name: s.name}
	if img.name == "" {
		img.name = defaultName(ps)
	}
	for _, p := range ps {
		placeLegendIfAuto(p, s.w/vg.Length(len(ps)), s.h)
	}

	png := vgimg.NewWith(vgimg.UseWH(s.w, s.h), vgimg.UseDPI(pngDPI(scale)))
	if err := drawRow(ps, draw.New(png)); err != nil {
		return nil, fmt.Errorf("plots: %s: %w", op, err)
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: png}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: %s: encoding PNG: %w", op, err)
	}
	img.PNG = buf.Bytes()

	if withSVG {
		svg := vgsvg.New(s.w, s.h)
		if err := drawRow(ps, draw.New(svg)); err != nil {
			return nil, fmt.Errorf("plots: %s: %w", op, err)
		}
		var sb bytes.Buffer
		if _, err := svg.WriteTo(&sb); err != nil {
			return nil, fmt.Errorf("plots: %s: encoding SVG: %w", op, err)
		}
		fixed, err := fixSVG(sb.String(), scale)
		if err != nil {
			return nil, fmt.Errorf("plots: %s: %w", op, err)
		}
		img.SVG = fixed
	}
	return img, nil
}

// drawRow draws ps side by side on c. gonum/plot panics on some bad states
// (a log axis over non-positive values, for one); that becomes an error.
func drawRow(ps []*plot.Plot, c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing: %v", r)
		}
	}()
	// The x axis runs to the canvas's right edge, so a tick label at the
	// end of the axis would be cut in half ("1." for 1.6): keep room for it.
	c = draw.Crop(c, 0, -rightMargin(ps[len(ps)-1]), 0, 0)
	if len(ps) == 1 {
		ps[0].Draw(c)
		return nil
	}
	tiles := draw.Tiles{Rows: 1, Cols: len(ps), PadX: rowPad}
	cs := plot.Align([][]*plot.Plot{ps}, tiles, c)
	for i, p := range ps {
		p.Draw(cs[0][i])
	}
	return nil
}

// describe is the text/plain alternative: titles, axis labels and ranges.
func describe(ps []*plot.Plot) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		title := p.Title.Text
		if title == "" {
			title = "untitled"
		}
		parts[i] = fmt.Sprintf("plot %q: x-axis %s from %.4g to %.4g, y-axis %s from %.4g to %.4g",
			title, label(p.X.Label.Text), p.X.Min, p.X.Max, label(p.Y.Label.Text), p.Y.Min, p.Y.Max)
	}
	s := strings.Join(parts, "; ")
	if len(s) > textPlainMaxLine*len(ps) {
		s = s[:textPlainMaxLine*len(ps)] + "…"
	}
	return s
}

func label(s string) string {
	if s == "" {
		return "(no label)"
	}
	return strings.ReplaceAll(s, "\n", " ")
}

// DisplayData returns the notebook display bundle of img: image/png,
// image/svg+xml (when rendered) and text/plain in one message, so that every
// front end shows something. An untrusted notebook drops the SVG and shows
// the PNG. A non-empty id makes it a display that later bundles with the
// same id replace in place.
func (img *Image) DisplayData(id string) *protocol.DisplayData {
	data := map[protocol.MIMEType]any{
		protocol.MIMEImagePNG:  img.PNG, // []byte: sent base64-encoded, as Jupyter wants
		protocol.MIMETextPlain: img.Text,
	}
	if img.SVG != "" {
		data[protocol.MIMEImageSVG] = img.SVG
	}
	return &protocol.DisplayData{Data: data, DisplayID: id}
}

// Output hooks, variables so that tests can play notebook.
var (
	inNotebook            = gonbui.IsNotebook
	send                  = gonbui.SendData
	syncDisplay           = gonbui.Sync
	logTo       io.Writer = os.Stderr
	textOut     io.Writer = os.Stdout
	writtenMu   sync.Mutex
	writtenName = map[string]int{} // base name → times used in this process
)

// Display shows p. In a gonb notebook it sends one display bundle with PNG,
// SVG and text. Elsewhere (go test, go run) it prints the text alternative,
// one line describing the axes, to standard output, and writes NAME.png
// and NAME.svg only when $GRADBOOK_PLOT_DIR names a directory — so tests
// leave no files behind. It returns the error recorded for p by the helper
// that made it (bad input), or any rendering or file error.
func Display(p *plot.Plot, opts ...Option) error {
	img, err := Render(p, opts...)
	if err != nil {
		return err
	}
	return img.Show()
}

// Row shows the plots side by side in one image, as Display does.
func Row(ps []*plot.Plot, opts ...Option) error {
	img, err := RenderRow(ps, opts...)
	if err != nil {
		return err
	}
	return img.Show()
}

// Show sends img to the notebook; outside one it prints img.Text and
// writes the files if $GRADBOOK_PLOT_DIR is set (see Display).
func (img *Image) Show() error {
	if inNotebook {
		send(img.DisplayData(""))
		// Wait until gonb has taken the bundle: it stops reading the pipe
		// when the cell's program exits, and a large image still in the
		// pipe's buffer would be lost (seen on a loaded machine).
		syncDisplay()
		return gonbui.Error()
	}
	fmt.Fprintln(textOut, img.Text)
	dir := PlotDir()
	if dir == "" {
		return nil
	}
	png, err := img.WriteFiles(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(logTo, "plots: wrote %s (and .svg)\n", png)
	return nil
}

// PlotDir is where plots are written outside a notebook:
// $GRADBOOK_PLOT_DIR, or "" (write nothing) when it is not set.
func PlotDir() string { return os.Getenv(PlotDirEnv) }

// WriteFiles writes img as NAME.png and NAME.svg into dir, creating it, and
// returns the PNG's path. A name already written by this process gets a
// suffix -2, -3, … so that two plots with one title do not overwrite each
// other.
func (img *Image) WriteFiles(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("plots: %w", err)
	}
	base := slug(img.name)
	writtenMu.Lock()
	writtenName[base]++
	if n := writtenName[base]; n > 1 {
		base = fmt.Sprintf("%s-%d", base, n)
	}
	writtenMu.Unlock()
	png := filepath.Join(dir, base+".png")
	if err := os.WriteFile(png, img.PNG, 0o644); err != nil {
		return "", fmt.Errorf("plots: %w", err)
	}
	if img.SVG != "" {
		if err := os.WriteFile(filepath.Join(dir, base+".svg"), []byte(img.SVG), 0o644); err != nil {
			return "", fmt.Errorf("plots: %w", err)
		}
	}
	return png, nil
}

func defaultName(ps []*plot.Plot) string {
	var names []string
	for _, p := range ps {
		if p.Title.Text != "" {
			names = append(names, p.Title.Text)
		}
	}
	if len(names) == 0 {
		return "plot"
	}
	return strings.Join(names, "+")
}

// slug keeps letters, digits, '-', '+' and '.', turns runs of anything else
// into '_', and limits the length.
func slug(s string) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		ok := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-+.", r))
		if ok {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	out := strings.Trim(b.String(), "_.")
	if len(out) > 60 {
		out = out[:60]
	}
	if out == "" {
		out = "plot"
	}
	return out
}

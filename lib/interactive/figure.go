package interactive

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"image"
	"image/color"
	imgdraw "image/draw"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/gradbook/gradbook/lib/plots"
	"github.com/janpfeifer/gonb/gonbui"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Figure is an interactive figure: controls, and how to draw the plot at
// each of their settings. Make one with New or Over, adjust its size with
// Size, and show it with Show.
type Figure struct {
	controls []Control
	draw     func(Values) *plot.Plot        // New
	base     *plot.Plot                     // Over
	over     func(Values, *plot.Plot) error // Over
	w, h     vg.Length
}

// New makes a figure that draws a whole plot for each setting of the
// controls: f is called once per frame, before anything is shown.
func New(f func(Values) *plot.Plot, controls ...Control) *Figure {
	return &Figure{controls: controls, draw: f, w: plots.DefaultWidth, h: plots.DefaultHeight}
}

// Over makes a figure whose frames are drawn over a fixed base plot, which
// is drawn once: a contour plot of a cost, say, under the path that an
// optimiser takes for each setting of the controls. For each frame, f adds
// plotters (plots.AddPath, for one) to a fresh plot that shares base's
// axes; it must not change the axes or the title. Frames then cost only
// what they add, and are small: mostly transparent images laid over the
// base in the browser. base should keep the corner where f's legend
// entries go free of a legend of its own.
func Over(base *plot.Plot, f func(Values, *plot.Plot) error, controls ...Control) *Figure {
	return &Figure{controls: controls, base: base, over: f, w: plots.DefaultWidth, h: plots.DefaultHeight}
}

// Size sets the size of the figure; non-positive values keep the default,
// plots.DefaultWidth × plots.DefaultHeight. A width over plots.MaxWidth is
// brought down to it, and the height with it, as lib/plots scales a wide
// figure. It returns fig.
func (fig *Figure) Size(w, h vg.Length) *Figure {
	if w > 0 {
		fig.w = w
	}
	if h > 0 {
		fig.h = h
	}
	if fig.w > plots.MaxWidth {
		fig.h *= plots.MaxWidth / fig.w
		fig.w = plots.MaxWidth
	}
	return fig
}

// Show renders every frame and shows the figure. In a gonb notebook it
// sends one display bundle (see Bundle.DisplayData) and returns at once:
// the cell ends, and the sliders keep working in the browser. Outside a
// notebook it writes interactive-N.png (the default frame) and
// interactive-N.html (the interactive page) into plots.PlotDir() and says
// where on standard error; with no $GRADBOOK_PLOT_DIR it writes nothing.
func (fig *Figure) Show() error {
	b, err := fig.Render()
	if err != nil {
		return err
	}
	return b.Show()
}

// Show is New(f, controls...).Show().
func Show(f func(Values) *plot.Plot, controls ...Control) error {
	return New(f, controls...).Show()
}

// ShowOver is Over(base, f, controls...).Show().
func ShowOver(base *plot.Plot, f func(Values, *plot.Plot) error, controls ...Control) error {
	return Over(base, f, controls...).Show()
}

// Bundle is a rendered interactive figure.
type Bundle struct {
	Controls []Control
	Frames   [][]byte // PNG per setting; index Σ setting(i)·Stride[i]
	Stride   []int
	Base     []byte // PNG of the base plot under every frame (Over), or nil
	Static   []byte // PNG of the default frame, over the base if any
	Default  int    // index of the default frame
	Text     string // text/plain: what the figure shows and its controls
	W, H     int    // size in CSS pixels
	name     string // the plot's title, for the page written outside a notebook
}

// Render draws every frame. It returns the first error: a bad control,
// more than MaxFrames frames, a nil plot, a plot error recorded by
// lib/plots' helpers, or a panic while drawing, naming the frame's values.
func (fig *Figure) Render() (*Bundle, error) {
	if fig.draw == nil && fig.over == nil {
		return nil, errors.New("interactive: nil drawing function")
	}
	if fig.over != nil && fig.base == nil {
		return nil, errors.New("interactive: Over: nil base plot")
	}
	if len(fig.controls) == 0 {
		return nil, errors.New("interactive: no controls")
	}
	n := 1
	seen := map[string]bool{}
	for _, c := range fig.controls {
		if c.err != nil {
			return nil, c.err
		}
		if c.Len() == 0 {
			return nil, fmt.Errorf("interactive: control %q was not made with Slider, SliderOver or Select", c.name)
		}
		if seen[c.name] {
			return nil, fmt.Errorf("interactive: two controls are called %q", c.name)
		}
		seen[c.name] = true
		n *= c.Len()
		if n > MaxFrames {
			return nil, fmt.Errorf("interactive: %s: more than MaxFrames = %d frames", sizes(fig.controls), MaxFrames)
		}
	}
	b := &Bundle{Controls: fig.controls, Frames: make([][]byte, n), Stride: make([]int, len(fig.controls))}
	s := 1
	for i := len(fig.controls) - 1; i >= 0; i-- {
		b.Stride[i] = s
		s *= fig.controls[i].Len()
	}
	def := Values{controls: fig.controls, at: make([]int, len(fig.controls))}
	for i, c := range fig.controls {
		def.at[i] = c.def
		b.Default += c.def * b.Stride[i]
	}

	var base *image.RGBA
	if fig.base != nil {
		if err := plots.Err(fig.base); err != nil {
			return nil, fmt.Errorf("interactive: Over: base plot: %w", err)
		}
		// lib/plots draws the base, so that it looks like every other
		// figure (and places its legend); frames are drawn to match it.
		img, err := plots.RenderPNG(fig.base, plots.Size(fig.w, fig.h))
		if err != nil {
			return nil, fmt.Errorf("interactive: Over: base plot: %w", err)
		}
		if base, err = decodeRGBA(img.PNG); err != nil {
			return nil, fmt.Errorf("interactive: Over: base plot: %w", err)
		}
		if b.Base, err = encodeExact(base); err != nil {
			return nil, err
		}
	}
	for k := range n {
		v := Values{controls: fig.controls, at: make([]int, len(fig.controls))}
		for i, c := range fig.controls {
			v.at[i] = k / b.Stride[i] % c.Len()
		}
		frame, img, title, err := fig.frame(v)
		if err != nil {
			return nil, fmt.Errorf("interactive: frame at %s: %w", v, err)
		}
		b.Frames[k] = frame
		if base != nil && img.Bounds() != base.Bounds() {
			return nil, fmt.Errorf("interactive: frame at %s is %v, the base %v", v, img.Bounds(), base.Bounds())
		}
		if k == b.Default {
			b.name = title
			if base != nil {
				// The static image is the base with the default frame on it.
				comp := image.NewRGBA(base.Bounds())
				imgdraw.Draw(comp, comp.Bounds(), base, image.Point{}, imgdraw.Src)
				imgdraw.Draw(comp, comp.Bounds(), img, img.Bounds().Min, imgdraw.Over)
				img = comp
				if b.Static, err = encodeExact(img); err != nil {
					return nil, err
				}
				b.W, b.H = img.Bounds().Dx(), img.Bounds().Dy()
			} else {
				b.Static = b.Frames[k]
				b.W, b.H = int(math.Round(float64(fig.w/vg.Inch)*plots.DPI)), int(math.Round(float64(fig.h/vg.Inch)*plots.DPI))
			}
			b.Text = fmt.Sprintf("interactive plot %q at %s (%d frames; move the controls in a trusted notebook)", title, def, n)
		}
	}
	if b.name == "" {
		b.name = "interactive"
	}
	return b, nil
}

// frame draws one frame as PNG: the whole plot, drawn by lib/plots (New),
// or what f adds over the base, on a transparent background, with the
// image too for compositing (Over). A panic in the cell's drawing code
// becomes an error.
func (fig *Figure) frame(v Values) (frame []byte, img *image.RGBA, title string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	if fig.draw != nil {
		p := fig.draw(v)
		if p == nil {
			return nil, nil, "", errors.New("the drawing function returned a nil plot")
		}
		out, err := plots.RenderPNG(p, plots.Size(fig.w, fig.h))
		if err != nil {
			return nil, nil, "", err
		}
		rgba, err := decodeRGBA(out.PNG)
		if err != nil {
			return nil, nil, "", err
		}
		frame, err = encode(rgba) // smaller than lib/plots' PNG: see encode
		return frame, nil, p.Title.Text, err
	}
	p := overlay(fig.base)
	if err := fig.over(v, p); err != nil {
		return nil, nil, "", err
	}
	// Plotters added by f widen the axes to their data; the frame must
	// keep the base's, or it would not line up with it.
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = fig.base.X.Min, fig.base.X.Max, fig.base.Y.Min, fig.base.Y.Max
	if img, err = rasterize(p, fig.w, fig.h, color.Transparent); err != nil {
		return nil, nil, "", err
	}
	frame, err = encode(img)
	return frame, img, fig.base.Title.Text, err
}

// overlay is a plot laid out exactly as base (same title, axes, ticks and
// legend placement) with every part of that layout invisible and a
// transparent background, so what is added to it lands on base's data area.
func overlay(base *plot.Plot) *plot.Plot {
	p := plot.New()
	p.Title = base.Title
	p.X, p.Y = base.X, base.Y
	p.TextHandler = base.TextHandler
	p.BackgroundColor = color.Transparent
	p.Title.TextStyle.Color = color.Transparent
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Color = color.Transparent
		a.Tick.Label.Color = color.Transparent
		a.LineStyle.Color = color.Transparent
		a.Tick.LineStyle.Color = color.Transparent
	}
	l := &p.Legend
	l.TextStyle, l.Padding = base.Legend.TextStyle, base.Legend.Padding
	l.Top, l.Left = base.Legend.Top, base.Legend.Left
	l.XOffs, l.YOffs, l.YPosition = base.Legend.XOffs, base.Legend.YOffs, base.Legend.YPosition
	l.ThumbnailWidth = base.Legend.ThumbnailWidth
	return p
}

// rasterize draws p at plots.DPI, so that one vg length is the same number
// of CSS pixels as in lib/plots' images.
func rasterize(p *plot.Plot, w, h vg.Length, bg color.Color) (img *image.RGBA, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing: %v", r)
		}
	}()
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(plots.DPI), vgimg.UseBackgroundColor(bg))
	p.Draw(draw.New(c))
	rgba, ok := c.Image().(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(c.Image().Bounds())
		imgdraw.Draw(rgba, rgba.Bounds(), c.Image(), c.Image().Bounds().Min, imgdraw.Src)
	}
	return rgba, nil
}

// decodeRGBA decodes a PNG into an RGBA image.
func decodeRGBA(data []byte) (*image.RGBA, error) {
	dec, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("interactive: decoding PNG: %w", err)
	}
	if rgba, ok := dec.(*image.RGBA); ok {
		return rgba, nil
	}
	rgba := image.NewRGBA(dec.Bounds())
	imgdraw.Draw(rgba, rgba.Bounds(), dec, dec.Bounds().Min, imgdraw.Src)
	return rgba, nil
}

// encode writes img as PNG. Frames are sent to the browser all at once, so
// their size matters more than the time, within reason.
// An image that 256 colours show faithfully is written with a palette (see
// paletted), one byte a pixel instead of four: plot frames come out two to
// three times smaller.
func encode(img *image.RGBA) ([]byte, error) { return encodeWith(img, paletted) }

// encodeExact is encode with a palette only when the image has at most 256
// colours: for Over's base (and the still image made from it), which is
// sent once, and is often a smooth heat map that rounding would band.
func encodeExact(img *image.RGBA) ([]byte, error) {
	return encodeWith(img, func(img *image.RGBA) *image.Paletted { return rounded(img, 0) })
}

func encodeWith(img *image.RGBA, palette func(*image.RGBA) *image.Paletted) ([]byte, error) {
	var buf bytes.Buffer
	// Best compression pays for one byte a pixel (a third smaller, 30 ms);
	// for four it takes 15 times as long as the default for 3 %.
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	var out image.Image = img
	if p := palette(img); p != nil {
		out, enc.CompressionLevel = p, png.BestCompression
	}
	if err := enc.Encode(&buf, out); err != nil {
		return nil, fmt.Errorf("interactive: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// paletted returns img with a palette of at most 256 colours, or nil when
// that would show. A plot has a few colours that fill most of it (the
// background, lines, markers) and many shades at anti-aliased edges. It
// tries the exact colours, then each channel rounded to a multiple of 4, 8
// and 16 (merged shades compress well); if there are still too many, the
// palette is the 256 most frequent colours and every other colour becomes
// the nearest of them. That is invisible as long as few pixels (one in two
// hundred, at edges where colours cross) move by more than maxShift in a
// channel; otherwise the image keeps all its colours (a smooth heat map,
// say).
func paletted(img *image.RGBA) *image.Paletted {
	for _, shift := range []uint{0, 2, 3, 4} {
		if p := rounded(img, shift); p != nil {
			return p
		}
	}
	return popular(img)
}

// rounded is img with each channel rounded to a multiple of 1<<shift
// (premultiplied alpha kept valid), if that leaves at most 256 colours.
func rounded(img *image.RGBA, shift uint) *image.Paletted {
	q := func(v uint8) uint8 {
		if shift == 0 {
			return v
		}
		return uint8(min((int(v)+1<<(shift-1))>>shift<<shift, 255))
	}
	b := img.Bounds()
	index := map[color.RGBA]uint8{}
	out := image.NewPaletted(b, nil)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.RGBAAt(x, y)
			a := q(c.A)
			c = color.RGBA{min(q(c.R), a), min(q(c.G), a), min(q(c.B), a), a}
			i, seen := index[c]
			if !seen {
				if len(out.Palette) == 256 {
					return nil
				}
				i = uint8(len(out.Palette))
				index[c] = i
				out.Palette = append(out.Palette, c)
			}
			out.SetColorIndex(x, y, i)
		}
	}
	return out
}

// popular is img with the palette of its 256 most frequent colours, each
// other colour mapped to the nearest of them, or nil if that moves more
// than one pixel in two hundred by more than maxShift in a channel.
func popular(img *image.RGBA) *image.Paletted {
	const maxShift = 24
	b := img.Bounds()
	count := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			count[img.RGBAAt(x, y)]++
		}
	}
	pal := make([]color.RGBA, 0, len(count))
	for c := range count {
		pal = append(pal, c)
	}
	slices.SortFunc(pal, func(p, q color.RGBA) int {
		if d := count[q] - count[p]; d != 0 {
			return d
		}
		return cmp.Compare(uint32(p.R)<<24|uint32(p.G)<<16|uint32(p.B)<<8|uint32(p.A),
			uint32(q.R)<<24|uint32(q.G)<<16|uint32(q.B)<<8|uint32(q.A))
	})
	pal = pal[:min(len(pal), 256)]
	index := make(map[color.RGBA]uint8, len(count))
	for i, c := range pal {
		index[c] = uint8(i)
	}
	far := 0 // pixels moved by more than maxShift
	for c := range count {
		if _, ok := index[c]; ok {
			continue
		}
		best, bestD := 0, math.MaxInt
		for i, p := range pal {
			if d := dist2(c, p); d < bestD {
				best, bestD = i, d
			}
		}
		if chanDiff(c, pal[best]) > maxShift {
			if far += count[c]; far > b.Dx()*b.Dy()/200 {
				return nil
			}
		}
		index[c] = uint8(best)
	}
	out := image.NewPaletted(b, make(color.Palette, len(pal)))
	for i, c := range pal {
		out.Palette[i] = c
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.SetColorIndex(x, y, index[img.RGBAAt(x, y)])
		}
	}
	return out
}

func dist2(p, q color.RGBA) int {
	d := func(a, b uint8) int { return (int(a) - int(b)) * (int(a) - int(b)) }
	return d(p.R, q.R) + d(p.G, q.G) + d(p.B, q.B) + d(p.A, q.A)
}

func chanDiff(p, q color.RGBA) int {
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	return max(d(p.R, q.R), d(p.G, q.G), d(p.B, q.B), d(p.A, q.A))
}

// String is the settings as "name = value, …".
func (v Values) String() string {
	parts := make([]string, len(v.controls))
	for i, c := range v.controls {
		parts[i] = c.name + " = " + c.labels[v.at[i]]
	}
	return strings.Join(parts, ", ")
}

func sizes(cs []Control) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%d settings of %q", c.Len(), c.name)
	}
	return strings.Join(parts, " × ")
}

// Size is the number of bytes the figure adds to a notebook: every PNG,
// base64-encoded as in the notebook's JSON.
func (b *Bundle) Size() int {
	n := len(b.Static) * 2 // image/png and the static <img> of the HTML
	n += len(b.Base)
	for _, f := range b.Frames {
		n += len(f)
	}
	return n * 4 / 3
}

// Output hooks, variables so that tests can play notebook.
var (
	inNotebook              = gonbui.IsNotebook
	send                    = gonbui.SendData
	logTo      io.Writer    = os.Stderr
	shown      atomic.Int64 // figures written outside a notebook, for file names
)

// Show sends b to the notebook. Outside one it writes interactive-N.png
// and interactive-N.html into plots.PlotDir() when that is set ($GRADBOOK_PLOT_DIR),
// N counting the figures this process has written, and otherwise names
// the figure on standard error.
func (b *Bundle) Show() error {
	if inNotebook {
		send(b.DisplayData())
		// gonb stops reading when the cell's program exits; wait until it
		// has taken the bundle (see lib/plots).
		gonbui.Sync()
		return gonbui.Error()
	}
	dir := plots.PlotDir()
	if dir == "" {
		// As lib/plots: describe the figure, write files only on request.
		fmt.Fprintf(logTo, "interactive: figure %q (set $%s to write its PNG and HTML)\n", b.name, plots.PlotDirEnv)
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("interactive: %w", err)
	}
	base := filepath.Join(dir, fmt.Sprintf("interactive-%d", shown.Add(1)))
	if err := os.WriteFile(base+".png", b.Static, 0o644); err != nil {
		return fmt.Errorf("interactive: %w", err)
	}
	page := "<!DOCTYPE html>\n<meta charset=\"utf-8\">\n<title>" + htmlText(b.name) + "</title>\n" + b.HTML()
	if err := os.WriteFile(base+".html", []byte(page), 0o644); err != nil {
		return fmt.Errorf("interactive: %w", err)
	}
	fmt.Fprintf(logTo, "interactive: wrote %s.png and %s.html\n", base, base)
	return nil
}

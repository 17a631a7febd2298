package interactive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gradbook/gradbook/lib/plots"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func TestSliderValues(t *testing.T) {
	for _, tc := range []struct {
		name                string
		min, max, step, def float64
		want                []float64
		wantDef             int
	}{
		{"exact grid", 0, 1, 0.25, 0.5, []float64{0, 0.25, 0.5, 0.75, 1}, 2},
		// 0.1 is not exact in binary: 0.1·k must not drift past max.
		{"tenths", 0, 0.3, 0.1, 0.3, []float64{0, 0.1, 0.2, 0.3}, 3},
		{"short last step ends at max", 0, 1, 0.4, 0.95, []float64{0, 0.4, 0.8, 1}, 3},
		{"default snapped to nearest", 1, 2, 0.5, 1.3, []float64{1, 1.5, 2}, 1},
	} {
		c := Slider("a", tc.min, tc.max, tc.step, tc.def)
		if c.Err() != nil {
			t.Fatalf("%s: %v", tc.name, c.Err())
		}
		if len(c.values) != len(tc.want) {
			t.Fatalf("%s: values %v, want %v", tc.name, c.values, tc.want)
		}
		for i := range tc.want {
			if math.Abs(c.values[i]-tc.want[i]) > 1e-12 {
				t.Errorf("%s: value %d = %v, want %v", tc.name, i, c.values[i], tc.want[i])
			}
		}
		if c.def != tc.wantDef {
			t.Errorf("%s: default index %d, want %d", tc.name, c.def, tc.wantDef)
		}
	}
}

func TestControlErrors(t *testing.T) {
	for _, tc := range []struct {
		c    Control
		want string
	}{
		{Slider("a", 1, 0, 0.1, 0.5), "min < max"},
		{Slider("a", 0, 1, 0, 0.5), "step > 0"},
		{Slider("a", 0, 1, 0.1, 2), "outside"},
		{Slider("a", 0, math.NaN(), 0.1, 0), "finite"},
		{Slider("a", 0, 1, 1e-4, 0), "MaxFrames"},
		{SliderOver("h", nil, 1), "no values"},
		{SliderOver("h", []float64{1, math.Inf(1)}, 1), "value 1"},
		{Select("k", nil, ""), "no options"},
		{Select("k", []string{"a", "b"}, "c"), "not one of"},
		{Select("k", []string{"a", "a"}, "a"), "twice"},
	} {
		if tc.c.Err() == nil || !strings.Contains(tc.c.Err().Error(), tc.want) {
			t.Errorf("control %q: error %v, want one containing %q", tc.c.name, tc.c.Err(), tc.want)
		}
		// A bad control is reported by Render, not drawn.
		_, err := New(func(Values) *plot.Plot { t.Fatal("drawn with a bad control"); return nil }, tc.c).Render()
		if err != tc.c.Err() {
			t.Errorf("Render with control %q: %v, want %v", tc.c.name, err, tc.c.Err())
		}
	}
}

func line(title string, slope float64) *plot.Plot {
	return plots.Functions(title, 0, 1, plots.Curve{Label: "y", F: func(x float64) float64 { return slope * x }})
}

func TestRenderErrors(t *testing.T) {
	ok := Slider("a", 0, 1, 0.5, 0)
	for _, tc := range []struct {
		name string
		fig  *Figure
		want string
	}{
		{"nil function", New(nil, ok), "nil drawing function"},
		{"no controls", New(func(Values) *plot.Plot { return line("", 1) }), "no controls"},
		{"zero control", New(func(Values) *plot.Plot { return line("", 1) }, Control{name: "z"}), "not made with"},
		{"same name twice", New(func(Values) *plot.Plot { return line("", 1) }, ok, ok), "two controls"},
		{"too many frames", New(func(Values) *plot.Plot { return line("", 1) }, Slider("a", 0, 1, 0.01, 0), Slider("b", 0, 1, 0.1, 0)), "101 settings of \"a\" × 11 settings of \"b\""},
		{"nil plot", New(func(v Values) *plot.Plot { return nil }, ok), "frame at a = 0: the drawing function returned a nil plot"},
		{"plot error", New(func(v Values) *plot.Plot { return plots.Lines("t", "x", "y") }, ok), "frame at a = 0"},
		{"panic names the frame", New(func(v Values) *plot.Plot {
			if v.Float("a") == 1 {
				panic("boom")
			}
			return line("", 1)
		}, ok), "frame at a = 1: panic: boom"},
		{"unknown control", New(func(v Values) *plot.Plot { v.Float("b"); return nil }, ok), `no control named "b"`},
		{"Float of a Select", New(func(v Values) *plot.Plot { v.Float("k"); return nil }, Select("k", []string{"x"}, "x")), "is a Select"},
		{"nil base", Over(nil, func(Values, *plot.Plot) error { return nil }, ok), "nil base"},
		{"base error", Over(plots.Lines("t", "x", "y"), func(Values, *plot.Plot) error { return nil }, ok), "base plot"},
		{"over error", Over(line("", 1), func(v Values, p *plot.Plot) error {
			return plots.AddPath(p, 0, plots.Series{Y: []float64{math.NaN()}})
		}, ok), "no finite point"},
	} {
		_, err := tc.fig.Render()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestFrameOrder checks that frame k is drawn at the settings the page's
// script computes for it, Σ setting(i)·Stride[i], by recording the calls.
func TestFrameOrder(t *testing.T) {
	type call struct {
		a float64
		k string
	}
	var calls []call
	fig := New(func(v Values) *plot.Plot {
		calls = append(calls, call{v.Float("a"), v.Text("k")})
		return line("", v.Float("a"))
	}, Slider("a", 1, 3, 1, 2), Select("k", []string{"x", "y"}, "y"))
	b, err := fig.Render()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Frames) != 6 || len(calls) != 6 {
		t.Fatalf("%d frames from %d calls, want 6", len(b.Frames), len(calls))
	}
	opts := []string{"x", "y"}
	for ia := range 3 {
		for ik := range 2 {
			k := ia*b.Stride[0] + ik*b.Stride[1]
			if calls[k] != (call{float64(ia + 1), opts[ik]}) {
				t.Errorf("frame %d drawn at %v, want a = %d, k = %s", k, calls[k], ia+1, opts[ik])
			}
		}
	}
	if want := 1*b.Stride[0] + 1*b.Stride[1]; b.Default != want {
		t.Errorf("default frame %d, want %d (a = 2, k = y)", b.Default, want)
	}
	if !bytes.Equal(b.Static, b.Frames[b.Default]) {
		t.Error("the static image is not the default frame")
	}
	// Frames differ where the plots differ: slope 1 and slope 3.
	if bytes.Equal(b.Frames[0], b.Frames[4]) {
		t.Error("frames for a = 1 and a = 3 are the same image")
	}
	img := decode(t, b.Static)
	// 6 × 4 in at 96 dpi.
	if img.Bounds().Dx() != 576 || img.Bounds().Dy() != 384 || b.W != 576 || b.H != 384 {
		t.Errorf("frame %v, bundle %d×%d, want 576×384", img.Bounds(), b.W, b.H)
	}
	if !strings.Contains(b.Text, "a = 2, k = y") {
		t.Errorf("text %q does not give the default values", b.Text)
	}
}

// TestOverlayLinesUp checks that an Over frame draws only what f adds: with
// nothing added every pixel is transparent (the copied axes, ticks, title
// and legend are invisible), and a point added at the data position (x, y)
// lands on the base's pixel for (x, y), found independently from the
// base's own data canvas.
func TestOverlayLinesUp(t *testing.T) {
	base := line("base", 1)
	base.X.Min, base.X.Max, base.Y.Min, base.Y.Max = 0, 1, 0, 1
	w, h := 4*vg.Inch, 3*vg.Inch
	fig := Over(base, func(v Values, p *plot.Plot) error {
		if v.Index("n") == 0 {
			return nil
		}
		return plots.AddPath(p, 0, plots.Series{X: []float64{0.25}, Y: []float64{0.75}})
	}, Slider("n", 0, 1, 1, 0)).Size(w, h)
	b, err := fig.Render()
	if err != nil {
		t.Fatal(err)
	}
	// The base is sent exactly as lib/plots draws it: no palette rounding.
	ref, err := plots.RenderPNG(base, plots.Size(w, h))
	if err != nil {
		t.Fatal(err)
	}
	if !sameImage(decode(t, b.Base), decode(t, ref.PNG)) {
		t.Error("the base differs from lib/plots' image of it")
	}
	empty := decode(t, b.Frames[0])
	for y := empty.Bounds().Min.Y; y < empty.Bounds().Max.Y; y++ {
		for x := empty.Bounds().Min.X; x < empty.Bounds().Max.X; x++ {
			if _, _, _, a := empty.At(x, y).RGBA(); a != 0 {
				t.Fatalf("empty overlay has a visible pixel at (%d, %d)", x, y)
			}
		}
	}
	if !bytes.Equal(b.Static, b.Base) {
		// The default frame is empty, so the static image is the base.
		if !sameImage(decode(t, b.Static), decode(t, b.Base)) {
			t.Error("static image with an empty default frame differs from the base")
		}
	}
	// Where (0.25, 0.75) is on the base: its data area in pixels.
	dc, err := dataArea(base, w, h)
	if err != nil {
		t.Fatal(err)
	}
	px := dc.Min.X + int(0.25*float64(dc.Dx()))
	py := dc.Max.Y - int(0.75*float64(dc.Dy()))
	dot := decode(t, b.Frames[1])
	if _, _, _, a := dot.At(px, py).RGBA(); a == 0 {
		t.Errorf("no mark at pixel (%d, %d), where the base has (0.25, 0.75)", px, py)
	}
	// And nothing far from it.
	if _, _, _, a := dot.At(dc.Max.X-3, dc.Min.Y+dc.Dy()/2).RGBA(); a != 0 {
		t.Error("the overlay draws far from its one point")
	}
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// dataArea is where p's data area falls in an image of p of size w × h:
// the bounding box of the pixels that change when the data area of a plot
// with p's title and axes, and nothing else, is painted black.
func dataArea(p *plot.Plot, w, h vg.Length) (image.Rectangle, error) {
	q := plot.New()
	q.Title, q.X, q.Y, q.TextHandler = p.Title, p.X, p.Y, p.TextHandler
	white, err := rasterize(q, w, h, imageWhite)
	if err != nil {
		return image.Rectangle{}, err
	}
	q.Add(fill{})
	filled, err := rasterize(q, w, h, imageWhite)
	if err != nil {
		return image.Rectangle{}, err
	}
	var r image.Rectangle
	for y := filled.Bounds().Min.Y; y < filled.Bounds().Max.Y; y++ {
		for x := filled.Bounds().Min.X; x < filled.Bounds().Max.X; x++ {
			if filled.RGBAAt(x, y) != white.RGBAAt(x, y) {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r, nil
}

func TestHTML(t *testing.T) {
	b, err := New(func(v Values) *plot.Plot { return line("a <b>", v.Float("a")) },
		Slider("a", 1, 2, 1, 2), Select("kind", []string{"x&y", "z"}, "z")).Render()
	if err != nil {
		t.Fatal(err)
	}
	h := b.HTML()
	for _, want := range []string{
		`<input type="range" data-control="0" min="0" max="1" step="1" value="1" disabled `,
		`<output data-control="0"`, `>2</output>`,
		`<option value="1" selected>z</option>`, `x&amp;y`,
		`class="gradbook-frame" src="data:image/png;base64,`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(h, "a <b>") {
		t.Error("the title is not escaped")
	}
	// The script's data: one frame per setting, in order, and the strides.
	m := regexp.MustCompile(`(?s)\}\)\((\{.*\})\);\n</script>`).FindStringSubmatch(h)
	if m == nil {
		t.Fatal("no script data in the HTML")
	}
	var data struct {
		ID     string
		Frames []string
		Labels [][]string
		Stride []int
	}
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Frames) != 4 || data.Stride[0] != 2 || data.Stride[1] != 1 || data.Labels[1][0] != "x&y" {
		t.Errorf("script data: %d frames, strides %v, labels %q", len(data.Frames), data.Stride, data.Labels)
	}
	if !strings.Contains(h, `id="`+data.ID+`"`) {
		t.Error("the script's id is not the figure's")
	}
	if b.HTML() == h {
		t.Error("two displays of one figure share an id")
	}
	if strings.Count(h, "</script>") != 1 {
		t.Error("a </script> inside the script's data")
	}
}

func TestShow(t *testing.T) {
	fig := New(func(v Values) *plot.Plot { return line("slope", v.Float("a")) }, Slider("a", 1, 2, 1, 1))

	var got *protocol.DisplayData
	inNotebook, send = true, func(d *protocol.DisplayData) { got = d }
	defer func() { inNotebook, send = false, nil }()
	if err := fig.Show(); err != nil {
		t.Fatal(err)
	}
	if got == nil {
		t.Fatal("nothing sent")
	}
	if got.DisplayID != "" {
		t.Error("a display id would make a re-run update the old output instead of replacing it")
	}
	html, _ := got.Data[protocol.MIMETextHTML].(string)
	pngData, _ := got.Data[protocol.MIMEImagePNG].([]byte)
	text, _ := got.Data[protocol.MIMETextPlain].(string)
	if !strings.Contains(html, "gradbook-interactive") || len(pngData) == 0 || !strings.Contains(text, "a = 1") {
		t.Errorf("bundle: html %d bytes, png %d bytes, text %q", len(html), len(pngData), text)
	}
	decode(t, pngData)

	inNotebook = false
	dir := t.TempDir()
	t.Setenv(plots.PlotDirEnv, dir)
	var log bytes.Buffer
	logTo = &log
	defer func() { logTo = os.Stderr }()
	if err := fig.Show(); err != nil {
		t.Fatal(err)
	}
	n := shown.Load()
	for _, name := range []string{fmt.Sprintf("interactive-%d.png", n), fmt.Sprintf("interactive-%d.html", n)} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
		if !strings.Contains(log.String(), name) {
			t.Errorf("log %q does not name %s", log.String(), name)
		}
	}
}

var imageWhite = color.White

// fill paints the whole data area black.
type fill struct{}

func (fill) Plot(c draw.Canvas, _ *plot.Plot) {
	c.SetColor(color.Black)
	c.Fill(c.Rectangle.Path())
}

// TestPaletted checks the palette encoding: exact for an image of at most
// 256 colours; the frequent colours exact and the rare ones close for more;
// and no palette for an image that 256 colours cannot show.
func TestPaletted(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			a := uint8(x * 6) // 40 shades of half-transparent blue
			img.SetRGBA(x, y, color.RGBA{0, 0, a / 2, a})
		}
	}
	data, err := encode(img)
	if err != nil {
		t.Fatal(err)
	}
	// PNG stores a palette unpremultiplied: a translucent colour comes back
	// within 1 of each channel, no closer.
	back := decode(t, data)
	for y := range 30 {
		for x := range 40 {
			if d := maxDiff(back.At(x, y), img.At(x, y)); d > 1 {
				t.Fatalf("pixel (%d, %d) of 40 colours moved by %d", x, y, d)
			}
		}
	}
	if p := paletted(img); p == nil || len(p.Palette) != 40 {
		t.Errorf("40 colours: palette %v", p)
	}

	// Like a plot: three colours fill it, 300 anti-aliasing shades within 10
	// of them are rare. The three stay exact, the shades move by at most 10.
	plotLike := image.NewRGBA(image.Rect(0, 0, 100, 100))
	solid := []color.RGBA{{255, 255, 255, 255}, {31, 119, 180, 255}, {255, 127, 14, 255}}
	for y := range 100 {
		for x := range 100 {
			plotLike.SetRGBA(x, y, solid[(x/10+y/10)%3])
		}
	}
	for i := range 300 {
		c := solid[i%3]
		c.R, c.G = c.R-uint8(i%10), c.G-uint8(i/30)
		plotLike.SetRGBA(i%100, i/100, c)
	}
	p := popular(plotLike)
	if p == nil {
		t.Fatal("a plot-like image of 303 colours got no palette of its most frequent colours")
	}
	for y := range 100 {
		for x := range 100 {
			d := maxDiff(p.At(x, y), plotLike.At(x, y))
			if d > 10 || (y >= 3 && d != 0) {
				t.Fatalf("most frequent colours: pixel (%d, %d) moved by %d", x, y, d)
			}
		}
	}
	// paletted rounds first: by 4 here, so no pixel moves by more than 2.
	if p = paletted(plotLike); p == nil {
		t.Fatal("a plot-like image of 303 colours got no palette")
	}
	for y := range 100 {
		for x := range 100 {
			if d := maxDiff(p.At(x, y), plotLike.At(x, y)); d > 2 {
				t.Fatalf("rounded: pixel (%d, %d) moved by %d", x, y, d)
			}
		}
	}
	noise := image.NewRGBA(image.Rect(0, 0, 256, 256))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(rng.Uint32())
	}
	for i := 3; i < len(noise.Pix); i += 4 {
		noise.Pix[i] = 255
	}
	if paletted(noise) != nil {
		t.Error("noise got a palette of 256 colours")
	}
}

// maxDiff is the largest difference of two colours in one 8-bit channel.
func maxDiff(a, b color.Color) int {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	d := 0
	for _, v := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		d = max(d, int(v[0]>>8)-int(v[1]>>8), int(v[1]>>8)-int(v[0]>>8))
	}
	return d
}

package plots

import (
	"bytes"
	"image/png"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// svgSize reads the outer width and height (in pt) of an SVG.
func svgSize(t *testing.T, svg string) (w, h float64) {
	t.Helper()
	m := regexp.MustCompile(`<svg width="([^"]+)pt" height="([^"]+)pt"`).FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("SVG has no width/height in pt: %.200s", svg)
	}
	w, _ = strconv.ParseFloat(m[1], 64)
	h, _ = strconv.ParseFloat(m[2], 64)
	return w, h
}

func TestWideFiguresScaledToMaxWidth(t *testing.T) {
	sq := func(x float64) float64 { return x * x }
	for _, tc := range []struct {
		name string
		w, h vg.Length
	}{
		{"fits", 500, 300},
		{"at the limit", MaxWidth, 300},
		{"1000 pt as in 01", 1000, 420},
		{"12 in", 12 * vg.Inch, 5 * vg.Inch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := []*plot.Plot{
				Functions("a", -1, 1, Curve{"x²", sq}),
				Functions("b", -1, 1, Curve{"x²", sq}),
			}
			img, err := RenderRow(ps, Size(tc.w, tc.h))
			if err != nil {
				t.Fatal(err)
			}
			// The figure keeps the shape asked for and is no wider than
			// MaxWidth: 720 pt, 960 px.
			wantScale := math.Min(1, float64(MaxWidth/tc.w))
			sw, sh := svgSize(t, img.SVG)
			if sw > float64(MaxWidth)+0.01 {
				t.Errorf("SVG is %.1f pt wide, more than MaxWidth %v", sw, MaxWidth)
			}
			if math.Abs(sw-float64(tc.w)*wantScale) > 0.5 || math.Abs(sh-float64(tc.h)*wantScale) > 0.5 {
				t.Errorf("SVG is %.1f × %.1f pt, want %.1f × %.1f", sw, sh, float64(tc.w)*wantScale, float64(tc.h)*wantScale)
			}
			// The drawing inside is not cropped: the viewBox still spans
			// the size the figure was laid out at.
			if !strings.Contains(img.SVG, `viewBox="0 0 `+strconv.FormatFloat(float64(tc.w), 'g', -1, 64)) {
				t.Errorf("SVG viewBox changed; header %.200s", img.SVG)
			}
			pic, err := png.Decode(bytes.NewReader(img.PNG))
			if err != nil {
				t.Fatal(err)
			}
			pxMax := float64(MaxWidth) * DPI / 72
			if dx := float64(pic.Bounds().Dx()); dx > pxMax {
				t.Errorf("PNG is %v px wide, more than %v", dx, pxMax)
			}
			// Aspect ratio within a pixel's rounding.
			if r, want := float64(pic.Bounds().Dx())/float64(pic.Bounds().Dy()), float64(tc.w/tc.h); math.Abs(r-want) > 0.02*want {
				t.Errorf("PNG aspect %.3f, want %.3f", r, want)
			}
		})
	}
}

func TestSVGFixes(t *testing.T) {
	c := Contour(func(x, y float64) float64 { return x*x + 10*y*y }, -2, 2, -1, 1)
	img, err := Render(c, Size(600, 300)) // a wide frame around a square colour map
	if err != nil {
		t.Fatal(err)
	}
	images := regexp.MustCompile(`<image [^>]*>`).FindAllString(img.SVG, -1)
	if len(images) == 0 {
		t.Fatal("contour SVG has no <image> for its colour map")
	}
	for _, im := range images {
		if !strings.Contains(im, `preserveAspectRatio="none"`) {
			t.Errorf("colour map %.120s… lacks preserveAspectRatio=\"none\"", im)
		}
	}
	fams := regexp.MustCompile(`font-family:([^;]+);`).FindAllStringSubmatch(img.SVG, -1)
	if len(fams) == 0 {
		t.Fatal("SVG names no font family")
	}
	for _, f := range fams {
		if !strings.HasPrefix(f[1], "'Liberation Sans'") || !strings.HasSuffix(f[1], "sans-serif") {
			t.Errorf("font-family %q, want Liberation Sans with a sans-serif fallback", f[1])
		}
	}
}

func TestFixSVGBadHeader(t *testing.T) {
	if _, err := fixSVG("<svg viewBox='0 0 1 1'></svg>", 0.5); err == nil {
		t.Error("fixSVG scaled an SVG without width and height: want an error")
	}
}

func TestLogTickLabelsOverManyDecades(t *testing.T) {
	// Every labelled tick over 1e-300 … 1 reads as a clean power of ten
	// (math.Pow10(-44) would print as 1.0000000000000001e-44).
	clean := regexp.MustCompile(`^(1e[-+]?\d+|0\.0*1|1|10*)$`)
	n := 0
	for _, tk := range (logTicks{}).Ticks(1e-300, 1) {
		if tk.Label == "" {
			continue
		}
		n++
		if !clean.MatchString(tk.Label) {
			t.Errorf("tick at %g labelled %q", tk.Value, tk.Label)
		}
	}
	if n < 5 {
		t.Errorf("only %d labelled ticks over 300 decades", n)
	}
}

func TestLastTickLabelNotCut(t *testing.T) {
	// 0.9 … 1.6 as in lecture 02: the last label "1.6" sits on the right
	// edge. Drawn, its text must end inside the figure.
	p := Lines("slopes", "I", "r", Series{Label: "r", X: []float64{0.9, 1.6}, Y: []float64{0, 1}})
	const w, h = 432, 288
	rec := &recorder.Canvas{}
	if err := drawRow([]*plot.Plot{p}, draw.NewCanvas(rec, w, h)); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range rec.Actions {
		fs, ok := a.(*recorder.FillString)
		if !ok || fs.String != "1.6" {
			continue
		}
		found = true
		// FillString is called with the text's left end; its width in
		// the tick label style. A browser showing the SVG measures text
		// with its own font engine, a little differently: keep 2 pt clear.
		if right := fs.Point.X + p.X.Tick.Label.Width("1.6"); right > w-2 {
			t.Errorf("label 1.6 ends at %.1f pt, less than 2 pt inside the %v pt figure", right, w)
		}
	}
	if !found {
		t.Fatal("no tick label 1.6 drawn")
	}
}

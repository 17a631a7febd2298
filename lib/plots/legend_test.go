package plots

import (
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// legendBox is where gonum/plot draws p's legend on a w × h figure,
// computed from the laid-out plot (not from PlaceLegend's estimate): the
// box of the legend's size in its corner of the area inside the axes.
func legendBox(p *plot.Plot, w, h vg.Length) (vg.Rectangle, func(float64, float64) vg.Point) {
	c := draw.New(vgimg.New(w, h))
	dc := p.DataCanvas(c)
	tx, ty := p.Transforms(&dc)
	sz := p.Legend.Rectangle(dc).Size()
	// The legend is drawn in the area inside the axes, which is the data
	// canvas plus the axis padding.
	area := dc.Rectangle
	area.Min.X -= p.X.Padding
	area.Max.X += p.X.Padding
	area.Min.Y -= p.Y.Padding
	area.Max.Y += p.Y.Padding
	var r vg.Rectangle
	if p.Legend.Left {
		r.Min.X = area.Min.X + p.Legend.XOffs
		r.Max.X = r.Min.X + sz.X
	} else {
		r.Max.X = area.Max.X + p.Legend.XOffs
		r.Min.X = r.Max.X - sz.X
	}
	if p.Legend.Top {
		r.Max.Y = area.Max.Y + p.Legend.YOffs
		r.Min.Y = r.Max.Y - sz.Y
	} else {
		r.Min.Y = area.Min.Y + p.Legend.YOffs
		r.Max.Y = r.Min.Y + sz.Y
	}
	return r, func(x, y float64) vg.Point { return vg.Point{X: tx(x), Y: ty(y)} }
}

// covered counts the points of the series, and of the segments between
// them, that fall inside the legend's box.
func covered(p *plot.Plot, w, h vg.Length, series ...Series) int {
	box, at := legendBox(p, w, h)
	n := 0
	for _, s := range series {
		for i := range s.Y {
			x, y := s.xy(i)
			steps := 1
			if i > 0 {
				steps = 50
			}
			for k := 1; k <= steps; k++ {
				px, py := x, y
				if i > 0 {
					x0, y0 := s.xy(i - 1)
					t := float64(k) / float64(steps)
					px, py = x0+t*(x-x0), y0+t*(y-y0)
				}
				q := at(px, py)
				if q.X >= box.Min.X && q.X <= box.Max.X && q.Y >= box.Min.Y && q.Y <= box.Max.Y {
					n++
				}
			}
		}
	}
	return n
}

func TestLegendClearOfData(t *testing.T) {
	xs := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	rising := make([]float64, len(xs))  // fills the bottom left to the top right
	falling := make([]float64, len(xs)) // top left to bottom right
	wave := make([]float64, len(xs))    // crosses every corner's column
	for i, x := range xs {
		rising[i] = x
		falling[i] = 10 - x
		wave[i] = 5 + 5*math.Cos(x*math.Pi/2)
	}
	const w, h = 432, 288
	for _, tc := range []struct {
		name   string
		series []Series
		want   []Corner // acceptable corners; nil: any, as long as nothing is covered
	}{
		{"rising line", []Series{{"rising", xs, rising}}, []Corner{TopLeft, BottomRight}},
		{"falling line", []Series{{"falling", xs, falling}}, []Corner{TopRight, BottomLeft}},
		{"both diagonals", []Series{{"rising", xs, rising}, {"falling", xs, falling}}, nil},
		{"a wave through every corner", []Series{{"wave", xs, wave}, {"rising", xs, rising}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Lines("t", "x", "y", tc.series...)
			if _, err := Render(p, Size(w, h)); err != nil {
				t.Fatal(err)
			}
			if n := covered(p, w, h, tc.series...); n > 0 {
				t.Errorf("legend (top %v, left %v) covers %d samples of the data", p.Legend.Top, p.Legend.Left, n)
			}
			if tc.want != nil {
				got := corner(p.Legend)
				ok := false
				for _, c := range tc.want {
					ok = ok || c == got
				}
				if !ok {
					t.Errorf("legend in the %v, want one of %v", got, tc.want)
				}
			}
		})
	}
}

func corner(l plot.Legend) Corner {
	switch {
	case l.Top && l.Left:
		return TopLeft
	case l.Top:
		return TopRight
	case l.Left:
		return BottomLeft
	}
	return BottomRight
}

func TestLegendLeftAloneWhenMoved(t *testing.T) {
	xs := []float64{0, 10}
	p := Lines("t", "x", "y", Series{"rising", xs, xs})
	p.Legend.Top, p.Legend.Left = false, false // the caller's choice, on the data
	if _, err := Render(p); err != nil {
		t.Fatal(err)
	}
	if p.Legend.Top || p.Legend.Left {
		t.Errorf("Render moved a legend the caller had placed")
	}
}

func TestContourLegendKeepsTheBox(t *testing.T) {
	// Paths through every corner: the legend cannot be clear of them, and
	// the box must not grow (the colour map fills it).
	path := Series{Label: "path", X: []float64{-1, 1, -1, 1}, Y: []float64{-1, -1, 1, 1}}
	c := Contour(func(x, y float64) float64 { return x*x + y*y }, -1, 1, -1, 1, path)
	if _, err := Render(c); err != nil {
		t.Fatal(err)
	}
	if c.Y.Max != 1 || c.Y.Min != -1 || c.X.Min != -1 || c.X.Max != 1 {
		t.Errorf("contour box changed to [%v, %v] × [%v, %v]", c.X.Min, c.X.Max, c.Y.Min, c.Y.Max)
	}
}

func TestPlaceLegendOnPlainPlot(t *testing.T) {
	// A plot made with plot.New: PlaceLegend looks at the plotters' points.
	p := plot.New()
	pts := plotter.XYs{}
	for i := 0; i <= 20; i++ {
		pts = append(pts, plotter.XY{X: float64(i), Y: float64(i)})
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		t.Fatal(err)
	}
	p.Add(sc)
	p.Legend.Add("points", sc)
	const w, h = 432, 288
	got := PlaceLegend(p, w, h)
	if got != TopLeft && got != BottomRight {
		t.Errorf("legend in the %v for points on the rising diagonal, want top left or bottom right", got)
	}
	xs := make([]float64, len(pts))
	for i := range pts {
		xs[i] = pts[i].X
	}
	if n := covered(p, w, h, Series{X: xs, Y: xs}); n > 0 {
		t.Errorf("legend covers %d points", n)
	}
}

func TestLegendDoesNotRaiseACutCurve(t *testing.T) {
	// A parabola the caller cut off at y = 12 (as 01's φ(α)), plus lines
	// through every corner and the middle of both edges: raising the top
	// would only show more of the parabola.
	p := Functions("cut", 0, 1,
		Curve{"steep", func(x float64) float64 { return 400 * (x - 0.5) * (x - 0.5) }},
		Curve{"low", func(x float64) float64 { return 0.5 }},
		Curve{"high", func(x float64) float64 { return 11.5 }})
	p.Y.Min, p.Y.Max = 0, 12
	if _, err := Render(p); err != nil {
		t.Fatal(err)
	}
	if p.Y.Max != 12 {
		t.Errorf("y range raised to %v over a curve cut at 12", p.Y.Max)
	}
}

func TestAvoid(t *testing.T) {
	// Points in the bottom right; a hand-made line through the top left
	// that only Avoid tells the placement about.
	p := Scatter("classes", "x", "y", Series{Label: "points", X: []float64{8, 9, 10}, Y: []float64{0, 1, 0.5}})
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 10, 0, 10
	diag := Series{X: []float64{-12345.6, 31234.5}, Y: []float64{10 + 12345.6, 10 - 31234.5}} // y = 10 − x, far beyond the box
	Avoid(p, diag)
	const w, h = 432, 288
	if _, err := Render(p, Size(w, h)); err != nil {
		t.Fatal(err)
	}
	line := Series{X: []float64{0, 10}, Y: []float64{10, 0}}
	if n := covered(p, w, h, line); n > 0 {
		t.Errorf("legend in the %v covers %d samples of the avoided line", corner(p.Legend), n)
	}
}

func TestWideLegendShrinks(t *testing.T) {
	// A narrow panel with a long label: the legend text gets smaller so
	// that the legend fits the panel's width.
	p := LogLog("iterations until the gradient norm ≤ 1e-8", "κ", "n",
		Series{Label: "gradient descent (exact line search), the long way", X: []float64{1, 10}, Y: []float64{3, 30}})
	const w, h = 245, 216 // a 3.4 in panel
	before := p.Legend.TextStyle.Font.Size
	PlaceLegend(p, w, h)
	c := draw.New(vgimg.New(w, h))
	dc := p.DataCanvas(c)
	if lw := p.Legend.Rectangle(dc).Size().X; lw > dc.Size().X {
		t.Errorf("legend %.0f pt wide in a %.0f pt data area (text %v pt, was %v)", lw, dc.Size().X, p.Legend.TextStyle.Font.Size, before)
	}
}

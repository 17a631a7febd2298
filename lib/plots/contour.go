package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// GridSize is the number of grid points per side at which Contour
// evaluates f.
const GridSize = 120

// ContourLevels is the number of contour lines Contour draws.
const ContourLevels = 12

// PathMarkers is the longest path drawn with a marker at every point;
// longer paths get markers at the start and the end only.
const PathMarkers = 80

// grid is f sampled on a regular grid; it implements plotter.GridXYZ.
type grid struct {
	xs, ys []float64
	z      []float64 // row-major: z[r*len(xs)+c]
}

func (g *grid) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g *grid) Z(c, r int) float64 { return g.z[r*len(g.xs)+c] }
func (g *grid) X(c int) float64    { return g.xs[c] }
func (g *grid) Y(r int) float64    { return g.ys[r] }
func linspace(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	v[n-1] = hi
	return v
}

// Contour draws the cost f over [xmin, xmax] × [ymin, ymax] as a heat map
// with contour lines, and the optimisation paths on top: each path is a
// line in its own colour with a marker at every iterate (at the first and
// last only for paths longer than PathMarkers), the start marked by a larger
// ring.
//
// Costs often span many orders of magnitude (Rosenbrock's valley is 1e-2
// deep in a 1e3 landscape), so both the colours and the contour levels
// follow the rank of f's values on the grid, not the values: the levels are
// quantiles, evenly spaced in probability, and the colour of a cell is its
// quantile (dark blue lowest, red highest). Where f is NaN or ±Inf the cell
// is grey. Bad bounds, a nil f, a grid with fewer than two finite values or
// a malformed path are recorded as the plot's error (see Err).
func Contour(f func(x, y float64) float64, xmin, xmax, ymin, ymax float64, paths ...Series) *plot.Plot {
	p := newPlot("", "x", "y")
	p.Legend.Top, p.Legend.Left = true, false
	p.Legend.XOffs = -vg.Points(6) // keep the thumbnails inside the frame
	switch {
	case f == nil:
		return fail(p, fmt.Errorf("Contour: nil f"))
	case !(xmin < xmax && ymin < ymax) || !finite(xmin) || !finite(xmax) || !finite(ymin) || !finite(ymax):
		return fail(p, fmt.Errorf("Contour: box [%v, %v] × [%v, %v] is not finite with min < max", xmin, xmax, ymin, ymax))
	}
	for i, s := range paths {
		if err := s.check("Contour", i); err != nil {
			return fail(p, err)
		}
	}
	g := &grid{xs: linspace(xmin, xmax, GridSize), ys: linspace(ymin, ymax, GridSize)}
	g.z = make([]float64, GridSize*GridSize)
	var vals []float64
	for r, y := range g.ys {
		for c, x := range g.xs {
			v := f(x, y)
			g.z[r*GridSize+c] = v
			if finite(v) {
				vals = append(vals, v)
			}
		}
	}
	if len(vals) < 2 {
		return fail(p, fmt.Errorf("Contour: f has fewer than 2 finite values on the grid"))
	}
	slices.Sort(vals)

	// Heat map of ranks in [0, 1].
	ranks := &grid{xs: g.xs, ys: g.ys, z: make([]float64, len(g.z))}
	for i, v := range g.z {
		if finite(v) {
			k, _ := slices.BinarySearch(vals, v)
			ranks.z[i] = float64(k) / float64(len(vals)-1)
		} else {
			ranks.z[i] = math.NaN()
		}
	}
	pal := lightPalette(moreland.SmoothBlueRed().Palette(64).Colors())
	hm := plotter.NewHeatMap(ranks, pal)
	hm.Min, hm.Max = 0, 1
	hm.NaN = color.Gray{Y: 200}
	hm.Rasterized = true // one image: no seams between cells, and a small SVG
	p.Add(hm)

	levels := quantileLevels(vals, ContourLevels)
	if len(levels) > 0 && vals[0] < vals[len(vals)-1] {
		// The contour plotter wants infinities replaced: it traces a grid
		// of finite numbers. Non-finite cells become the top value.
		fin := &grid{xs: g.xs, ys: g.ys, z: slices.Clone(g.z)}
		for i, v := range fin.z {
			if !finite(v) {
				fin.z[i] = vals[len(vals)-1]
			}
		}
		ct := plotter.NewContour(fin, levels, nil)
		ct.Min, ct.Max = vals[0], vals[len(vals)-1]
		ct.LineStyles = []draw.LineStyle{{Color: color.RGBA{40, 40, 40, 150}, Width: vg.Points(0.6)}}
		p.Add(ct)
	}

	for i, s := range paths {
		if err := addPath(p, "Contour", i, s); err != nil {
			return fail(p, err)
		}
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xmin, xmax, ymin, ymax
	p.X.Padding, p.Y.Padding = 0, 0 // the heat map fills the frame
	markAuto(p, true)
	return p
}

// pathColor picks dark, saturated colours that stand out on the light heat
// map: black first, then the palette's darker hues.
func pathColor(i int) color.Color {
	dark := []color.Color{color.Black, colors[3], colors[4], colors[2], colors[1], colors[0]}
	return dark[i%len(dark)]
}

// lightPalette blends each colour of p halfway to white, so that paths and
// contour lines drawn on top stay readable.
type lightPalette []color.Color

func (lp lightPalette) Colors() []color.Color {
	out := make([]color.Color, len(lp))
	for i, c := range lp {
		r, g, b, _ := c.RGBA()
		mix := func(v uint32) uint8 { return uint8((float64(v>>8) + 255) / 2) }
		out[i] = color.RGBA{mix(r), mix(g), mix(b), 255}
	}
	return out
}

var _ palette.Palette = lightPalette(nil)

// quantileLevels returns up to n contour levels at quantiles of the sorted
// values vals, each halfway between a grid value and the next value that is
// clearly larger (by more than 1e-9 of the range). A level equal to, or within
// rounding of, a grid value makes the contour tracer meet a degenerate
// crossing: on a grid symmetric about a saddle (f = x⁴/4 − x²/2 + y²/2 over
// [−1.6, 1.6]×[−1.2, 1.2], where mirrored points differ by one ulp) gonum/plot
// v0.17.0's tracer then never returned. Flat regions would repeat a level, so
// levels are de-duplicated.
func quantileLevels(vals []float64, n int) []float64 {
	var levels []float64
	for k := 1; k <= n; k++ {
		i := (len(vals) - 1) * k / (n + 1)
		tol := 1e-9 * (vals[len(vals)-1] - vals[0])
		j := i + 1
		for j < len(vals) && vals[j]-vals[i] <= tol {
			j++
		}
		if j == len(vals) {
			break
		}
		q := vals[i] + (vals[j]-vals[i])/2
		if len(levels) == 0 || q > levels[len(levels)-1] {
			levels = append(levels, q)
		}
	}
	return levels
}

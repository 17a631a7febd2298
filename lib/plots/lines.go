package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is a set of points (X[i], Y[i]) with a legend label. A nil X means
// X = 0, 1, 2, …, which suits a loss per iteration.
type Series struct {
	Label string
	X, Y  []float64
}

// xy returns the i-th point of s.
func (s Series) xy(i int) (x, y float64) {
	if s.X == nil {
		return float64(i), s.Y[i]
	}
	return s.X[i], s.Y[i]
}

// check reports a series with no points or mismatched lengths.
func (s Series) check(op string, i int) error {
	switch {
	case len(s.Y) == 0:
		return fmt.Errorf("%s: series %d (%q) has no points", op, i, s.Label)
	case s.X != nil && len(s.X) != len(s.Y):
		return fmt.Errorf("%s: series %d (%q): len(X) = %d, len(Y) = %d", op, i, s.Label, len(s.X), len(s.Y))
	}
	return nil
}

// runs splits s into runs of points that keep(x, y) accepts, and counts
// the points dropped. A dropped point breaks the line: the points either
// side are not joined across it.
func (s Series) runs(keep func(x, y float64) bool) (out []plotter.XYs, dropped int) {
	var cur plotter.XYs
	for i := range s.Y {
		x, y := s.xy(i)
		if !keep(x, y) {
			dropped++
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, plotter.XY{X: x, Y: y})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out, dropped
}

func finiteXY(x, y float64) bool { return finite(x) && finite(y) }

// positive keeps the points a log–log plot can show.
func positive(x, y float64) bool { return finiteXY(x, y) && x > 0 && y > 0 }

// Lines plots each series as a line, in its own colour, with a legend.
// Non-finite points (NaN, ±Inf, as from a diverging run) are left out and
// break the line; the legend says how many were left out. No series, a
// series with no points or mismatched X and Y, or a series with no finite
// point is recorded as the plot's error (see Err).
func Lines(title, xlabel, ylabel string, series ...Series) *plot.Plot {
	p := newPlot(title, xlabel, ylabel)
	if err := addSeries(p, "Lines", series, finiteXY, "non-finite"); err != nil {
		return fail(p, err)
	}
	markAuto(p, false)
	return p
}

// LogLog plots the series on logarithmic x and y axes, the natural scale
// for errors against step sizes: a power law y = C x^k is a straight line of
// slope k. Points with x ≤ 0 or y ≤ 0 cannot be drawn there; they are left
// out, the line is broken at them rather than joined across, and the legend
// says how many were left out (an error of exactly 0 is common and worth
// knowing about). Use Slope to add reference lines. Errors as for Lines,
// and also when a series has no positive point.
func LogLog(title, xlabel, ylabel string, series ...Series) *plot.Plot {
	p := newPlot(title, xlabel, ylabel)
	if err := addSeries(p, "LogLog", series, positive, "non-positive"); err != nil {
		return fail(p, err)
	}
	LogAxis(&p.X)
	LogAxis(&p.Y)
	markAuto(p, false)
	return p
}

func addSeries(p *plot.Plot, op string, series []Series, keep func(x, y float64) bool, what string) error {
	if len(series) == 0 {
		return fmt.Errorf("%s: no series", op)
	}
	for i, s := range series {
		if err := s.check(op, i); err != nil {
			return err
		}
	}
	for i, s := range series {
		runs, dropped := s.runs(keep)
		if len(runs) == 0 {
			return fmt.Errorf("%s: series %d (%q) has no %s point", op, i, s.Label, map[string]string{"non-finite": "finite", "non-positive": "positive finite"}[what])
		}
		label := s.Label
		if dropped > 0 {
			label = fmt.Sprintf("%s (%d %s not shown)", s.Label, dropped, what)
		}
		for k, xys := range runs {
			var thumb plot.Thumbnailer
			if len(xys) == 1 {
				// A lone point would be an invisible zero-length line.
				sc, err := plotter.NewScatter(xys)
				if err != nil {
					return fmt.Errorf("%s: series %q: %w", op, s.Label, err)
				}
				sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(p, i, s.Label), Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
				p.Add(sc)
				recordPoints(p, xys)
				thumb = sc
			} else {
				l, err := plotter.NewLine(xys)
				if err != nil {
					return fmt.Errorf("%s: series %q: %w", op, s.Label, err)
				}
				l.LineStyle = lineStyle(p, i, s.Label)
				p.Add(l)
				recordLine(p, xys)
				recordLabel(p, s.Label, l)
				thumb = l
			}
			if k == 0 && label != "" {
				p.Legend.Add(label, thumb)
			}
		}
	}
	return nil
}

// Slope adds to a log–log plot the reference line y = y0·(x/x0)^slope, a
// power law through (x0, y0), grey and dashed (each further reference line
// on the same plot with another dash pattern, so that the legend tells
// them apart), across the plot's current x
// range, with label in the legend (for instance "O(h²)"). Call it after the
// data are added. It records an error on p for x0 or y0 ≤ 0 or a
// non-finite slope.
func Slope(p *plot.Plot, x0, y0, slope float64, label string) {
	if !(x0 > 0 && y0 > 0) || !finite(x0) || !finite(y0) || !finite(slope) {
		fail(p, fmt.Errorf("Slope: need x0, y0 > 0 and a finite slope, got (%v, %v) and %v", x0, y0, slope))
		return
	}
	if r, ok := missingGlyph(SansFont, label); ok {
		fail(p, fmt.Errorf("Slope: label %q: the plot font has no glyph for %q (U+%04X); write it another way", label, r, r))
		return
	}
	lo, hi := p.X.Min, p.X.Max
	if !(lo > 0 && hi > lo) {
		lo, hi = x0/10, x0*10
	}
	line := func(x float64) float64 { return y0 * math.Pow(x/x0, slope) }
	const n = 2 // straight on log–log axes: two points suffice
	xys := make(plotter.XYs, 0, n)
	for _, x := range []float64{lo, hi} {
		if y := line(x); y > 0 && finite(y) {
			xys = append(xys, plotter.XY{X: x, Y: y})
		}
	}
	if len(xys) < 2 {
		fail(p, fmt.Errorf("Slope: reference line %q under- or overflows over [%v, %v]", label, lo, hi))
		return
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		fail(p, fmt.Errorf("Slope: %w", err))
		return
	}
	l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 110}, Width: vg.Points(1.2), Dashes: slopeDashes(p)}
	p.Add(l)
	recordLine(p, xys)
	if label != "" {
		p.Legend.Add(label, l)
	}
}

// Scatter plots each series as points, with a different colour and marker
// shape per series: two classes of a classification problem, say. Errors as
// for Lines.
func Scatter(title, xlabel, ylabel string, series ...Series) *plot.Plot {
	p := newPlot(title, xlabel, ylabel)
	if len(series) == 0 {
		return fail(p, fmt.Errorf("Scatter: no series"))
	}
	for i, s := range series {
		if err := s.check("Scatter", i); err != nil {
			return fail(p, err)
		}
	}
	for i, s := range series {
		runs, dropped := s.runs(finiteXY)
		var pts plotter.XYs
		for _, r := range runs {
			pts = append(pts, r...)
		}
		if len(pts) == 0 {
			return fail(p, fmt.Errorf("Scatter: series %d (%q) has no finite point", i, s.Label))
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return fail(p, fmt.Errorf("Scatter: series %q: %w", s.Label, err))
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(p, i, s.Label), Radius: vg.Points(2.5), Shape: glyphs[i%len(glyphs)]}
		p.Add(sc)
		recordPoints(p, pts)
		label := s.Label
		if dropped > 0 {
			label = fmt.Sprintf("%s (%d non-finite not shown)", s.Label, dropped)
		}
		if label != "" {
			p.Legend.Add(label, sc)
		}
	}
	markAuto(p, false)
	return p
}

// slopeDash are the dash patterns of a plot's reference lines, in order:
// dashes, dots, dash-dot, long dashes.
var slopeDash = [][]vg.Length{
	{vg.Points(5), vg.Points(3)},
	{vg.Points(1.2), vg.Points(2.4)},
	{vg.Points(6), vg.Points(2.5), vg.Points(1.2), vg.Points(2.5)},
	{vg.Points(10), vg.Points(4)},
}

// slopeDashes returns the dash pattern for the next reference line on p.
func slopeDashes(p *plot.Plot) []vg.Length {
	i := info(p)
	d := slopeDash[i.slopes%len(slopeDash)]
	i.slopes++
	return d
}

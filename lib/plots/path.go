package plots

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// AddPath draws s on p as an optimisation path in the i-th path style: a
// line in a dark colour (the label's colour, see ColorOf) on a white
// casing that stands out on Contour's heat map, a
// marker at every iterate (at the first and last only when there are more
// than PathMarkers), and a larger ring at the start. A non-empty label gets
// a legend entry, which says how many non-finite points were left out.
//
// Contour draws its paths with AddPath; call it directly to add a path to a
// plot made earlier, for example one step of an interactive figure drawn
// over a fixed contour plot. It returns an error, and adds nothing, when s
// has mismatched lengths or no finite point.
func AddPath(p *plot.Plot, i int, s Series) error {
	if p == nil {
		return fmt.Errorf("plots: AddPath: nil plot")
	}
	if err := s.check("AddPath", i); err != nil {
		return fmt.Errorf("plots: %w", err)
	}
	if err := addPath(p, "AddPath", i, s); err != nil {
		return fmt.Errorf("plots: %w", err)
	}
	return nil
}

// addPath is AddPath for a checked series; op names the caller in errors.
func addPath(p *plot.Plot, op string, i int, s Series) error {
	runs, dropped := s.runs(finiteXY)
	var pts plotter.XYs
	for _, r := range runs {
		pts = append(pts, r...)
	}
	if len(pts) == 0 {
		return fmt.Errorf("%s: path %d (%q) has no finite point", op, i, s.Label)
	}
	col := pathColor(i)
	if s.Label != "" {
		col = seriesColor(p, i, s.Label) // the colour the same method has in other panels
	}
	// A white casing under the line keeps any colour visible on any part
	// of the heat map.
	casing, err := plotter.NewLine(pts)
	if err != nil {
		return fmt.Errorf("%s: path %q: %w", op, s.Label, err)
	}
	casing.LineStyle = draw.LineStyle{Color: color.NRGBA{R: 255, G: 255, B: 255, A: 200}, Width: vg.Points(3.2)}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return fmt.Errorf("%s: path %q: %w", op, s.Label, err)
	}
	l.LineStyle = draw.LineStyle{Color: col, Width: vg.Points(1.4)}
	marks := pts
	if len(pts) > PathMarkers {
		marks = plotter.XYs{pts[0], pts[len(pts)-1]}
	}
	sc, err := plotter.NewScatter(marks)
	if err != nil {
		return fmt.Errorf("%s: path %q: %w", op, s.Label, err)
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(1.8), Shape: glyphs[i%len(glyphs)]}
	start, err := plotter.NewScatter(pts[:1])
	if err != nil {
		return fmt.Errorf("%s: path %q: %w", op, s.Label, err)
	}
	start.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(4), Shape: draw.RingGlyph{}}
	p.Add(casing, l, sc, start)
	recordLine(p, pts)
	label := s.Label
	if dropped > 0 {
		label = fmt.Sprintf("%s (%d non-finite not shown)", s.Label, dropped)
	}
	if label != "" {
		p.Legend.Add(label, l, sc)
	}
	return nil
}

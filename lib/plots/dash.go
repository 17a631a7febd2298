package plots

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func recordLabel(p *plot.Plot, label string, l *plotter.Line) {
	if label == "" {
		return
	}
	i := info(p)
	if i.byLabel == nil {
		i.byLabel = map[string][]*plotter.Line{}
	}
	i.byLabel[label] = append(i.byLabel[label], l)
}

// Dash draws the series or curve labelled label on p (made by Lines,
// LogLog or Functions) dashed, legend swatch included. Use it where two
// curves coincide over a stretch: the one drawn later would hide the
// other, and dashed it lets the other show through its gaps (ReLU′ and the
// leaky ReLU′ are both 1 for z > 0). A label p does not have is recorded as
// p's error (see Err).
func Dash(p *plot.Plot, label string) {
	var lines []*plotter.Line
	if i, ok := legendData.load(p); ok {
		lines = i.byLabel[label]
	}
	if len(lines) == 0 {
		fail(p, fmt.Errorf("Dash: no line labelled %q", label))
		return
	}
	for _, l := range lines {
		l.LineStyle.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
	}
}

// Avoid tells the legend placement of p (see PlaceLegend) to keep clear of
// the line through s's points as well: for lines a notebook adds with its
// own plotters (a plotter.Function, say), which the placement cannot see.
// Points outside the plot's ranges when it is drawn are ignored, so a line
// may be given by two far-away points.
func Avoid(p *plot.Plot, s Series) {
	if err := s.check("Avoid", 0); err != nil {
		fail(p, err)
		return
	}
	runs, _ := s.runs(finiteXY)
	for _, r := range runs {
		recordLine(p, r)
	}
}

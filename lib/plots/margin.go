package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// rightMargin is the room p needs right of its x axis: half the width of
// the label of a tick at the axis's right end (labels are centred on their
// tick), or nothing when no labelled tick is near the end.
func rightMargin(p *plot.Plot) vg.Length {
	if p.X.Tick.Marker == nil || !(p.X.Max > p.X.Min) {
		return 0
	}
	var m vg.Length
	for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if t.Label == "" {
			continue
		}
		// Within 3 % of the end: the label's right half sticks out past
		// the canvas by about half its width.
		if p.X.Norm(t.Value) > 0.97 {
			m = max(m, p.X.Tick.Label.Width(t.Label)/2)
		}
	}
	return m
}

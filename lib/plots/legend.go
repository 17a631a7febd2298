package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// Corner is a corner of a plot's data area, where its legend goes.
type Corner int

// The four corners, in the order PlaceLegend prefers them when several are
// equally empty.
const (
	TopLeft Corner = iota
	TopRight
	BottomLeft
	BottomRight
)

func (c Corner) String() string {
	return [...]string{"top left", "top right", "bottom left", "bottom right"}[c]
}

// legendInset keeps the legend's thumbnails and text off the frame.
const legendInset vg.Length = 4

// legendData records, for the plots the helpers made, the data the legend
// must keep clear of, and the legend settings the helper chose. Render
// places the legend of such a plot (see placeLegendIfAuto) unless the
// caller has moved it since.
var legendData perPlot[*legendInfo]

type legendInfo struct {
	lines    []plotter.XYs              // drawn joined: the segments count, not only the points
	points   []plotter.XYs              // drawn as markers
	fixedBox bool                       // the axis ranges are the data box (Contour): never widened
	slopes   int                        // reference lines added by Slope
	backed   bool                       // a legendBackground has been added
	byLabel  map[string][]*plotter.Line // the lines drawn for each label, for Dash
	keys     map[string]string          // colour key → the label that has it, in this plot
	set      plot.Legend                // the legend as the helper left it
}

func info(p *plot.Plot) *legendInfo {
	v, _ := legendData.loadOrStore(p, &legendInfo{})
	return v
}

func recordLine(p *plot.Plot, xys plotter.XYs)   { i := info(p); i.lines = append(i.lines, xys) }
func recordPoints(p *plot.Plot, xys plotter.XYs) { i := info(p); i.points = append(i.points, xys) }

// markAuto notes the legend settings a helper chose, so that Render can
// tell whether the caller changed them.
func markAuto(p *plot.Plot, fixedBox bool) {
	i := info(p)
	i.fixedBox = fixedBox
	i.set = p.Legend
}

// placeLegendIfAuto places the legend of a plot a helper made, for a figure
// of w × h, unless the caller has moved the legend since.
func placeLegendIfAuto(p *plot.Plot, w, h vg.Length) {
	i, ok := legendData.load(p)
	if !ok {
		return
	}
	l := p.Legend
	if l.Top != i.set.Top || l.Left != i.set.Left || l.XOffs != i.set.XOffs || l.YOffs != i.set.YOffs {
		return
	}
	placeLegend(p, i, w, h)
}

// PlaceLegend moves p's legend, for a figure of w × h points (the size of
// one panel in a Row), to the corner of the data area where it covers the
// fewest data points and lines. If every corner covers some, and the plot
// leaves room, it raises the top of the y range so that the legend sits
// above the data instead of on it. It returns the corner chosen. Plots made
// by this package's helpers get this automatically when rendered; call it
// for a plot made with plot.New (it then looks at the points of every
// plotter that reports glyph boxes: lines, scatters).
func PlaceLegend(p *plot.Plot, w, h vg.Length) Corner {
	if v, ok := legendData.load(p); ok {
		return placeLegend(p, v, w, h)
	}
	return placeLegend(p, nil, w, h)
}

func placeLegend(p *plot.Plot, i *legendInfo, w, h vg.Length) Corner {
	if p.Legend.Rectangle(draw.Canvas{Canvas: &recorder.Canvas{}}).Size().Y == 0 {
		return TopLeft // no entries
	}
	fw, fh := legendFraction(p, w, h)
	if fw > 0.95 {
		// Wider than the plot (long labels in a narrow panel of a Row):
		// smaller legend text, down to 7 pt, rather than text running off
		// the figure.
		sz := &p.Legend.TextStyle.Font.Size
		*sz = max(*sz*vg.Length(0.95/fw), 7)
		fw, fh = legendFraction(p, w, h)
	}
	pts := normalizedPoints(p, i)
	counts := [4]int{}
	for _, q := range pts {
		for c := range counts {
			if inCorner(Corner(c), q, fw, fh) {
				counts[c]++
			}
		}
	}
	best := TopLeft
	if i != nil && !i.set.Left && i.set.Top {
		best = TopRight // the helper's own preference comes first
	}
	for c := range counts {
		if counts[c] < counts[best] {
			best = Corner(c)
		}
	}
	if counts[best] > 0 {
		// No free corner: the middle of the top or bottom edge may be.
		mid := (1 - fw) / 2
		for _, top := range []bool{true, false} {
			n := 0
			for _, q := range pts {
				if q[0] >= mid && q[0] <= mid+fw && (top && q[1] >= 1-fh || !top && q[1] <= fh) {
					n++
				}
			}
			if n == 0 {
				setCorner(&p.Legend, map[bool]Corner{true: TopLeft, false: BottomLeft}[top])
				p.Legend.XOffs = vg.Length(mid)*dataWidth(w) + legendInset
				remember(p, i)
				return map[bool]Corner{true: TopLeft, false: BottomLeft}[top]
			}
		}
	}
	if counts[best] > 0 && (i == nil || !i.fixedBox) && fh < 0.6 && !dataAbove(p, i) && raiseTop(p, fh) {
		// Every place holds data: make room above it. The top corner
		// whose columns hold fewer points is the better one.
		best = TopLeft
		if counts[TopRight] < counts[TopLeft] {
			best = TopRight
		}
	}
	setCorner(&p.Legend, best)
	remember(p, i)
	return best
}

// remember notes the placed legend, so that a second Render keeps it, and
// adds the box behind it once.
func remember(p *plot.Plot, i *legendInfo) {
	if i == nil {
		return
	}
	i.set = p.Legend
	if !i.backed {
		i.backed = true
		p.Add(legendBackground{p})
	}
}

// dataAbove reports whether recorded data lie above the y range (a curve
// the caller cut off by setting Y.Max): raising the top would then only
// show more of it, not make room.
func dataAbove(p *plot.Plot, i *legendInfo) bool {
	if i == nil {
		return false
	}
	for _, set := range [][]plotter.XYs{i.lines, i.points} {
		for _, xys := range set {
			for _, pt := range xys {
				if p.Y.Norm(pt.Y) > 1 && p.X.Norm(pt.X) >= 0 && p.X.Norm(pt.X) <= 1 {
					return true
				}
			}
		}
	}
	return false
}

// dataWidth estimates the width of the data area of a w wide plot: what
// the y axis and its labels leave.
func dataWidth(w vg.Length) vg.Length { return max(w-vg.Length(55), vg.Length(10)) }

// legendBackground is a plotter, added after the data, that lays a
// translucent white box where the legend will be drawn, so that legend text
// stays readable over a heat map, grid lines or a line that could not be
// avoided.
type legendBackground struct{ p *plot.Plot }

func (b legendBackground) Plot(c draw.Canvas, _ *plot.Plot) {
	l := b.p.Legend
	sz := l.Rectangle(c).Size()
	if sz.X == 0 {
		return
	}
	// The legend is drawn in the area inside the axes: the data canvas c
	// grown by the axis padding.
	area := c.Rectangle
	area.Min.X -= b.p.X.Padding
	area.Max.X += b.p.X.Padding
	area.Min.Y -= b.p.Y.Padding
	area.Max.Y += b.p.Y.Padding
	const pad = 2
	var r vg.Rectangle
	if l.Left {
		r.Min.X = area.Min.X + l.XOffs - pad
		r.Max.X = r.Min.X + sz.X + 2*pad
	} else {
		r.Max.X = area.Max.X + l.XOffs + pad
		r.Min.X = r.Max.X - sz.X - 2*pad
	}
	if l.Top {
		r.Max.Y = area.Max.Y + l.YOffs + pad
		r.Min.Y = r.Max.Y - sz.Y - 2*pad
	} else {
		r.Min.Y = area.Min.Y + l.YOffs - pad
		r.Max.Y = r.Min.Y + sz.Y + 2*pad
	}
	c.SetColor(color.NRGBA{R: 255, G: 255, B: 255, A: 200})
	c.Fill(r.Path())
}

func setCorner(l *plot.Legend, c Corner) {
	l.Top = c == TopLeft || c == TopRight
	l.Left = c == TopLeft || c == BottomLeft
	l.XOffs, l.YOffs = legendInset, -legendInset
	if !l.Left {
		l.XOffs = -legendInset - 2 // the thumbnails end at the edge: keep them off the frame
	}
	if !l.Top {
		l.YOffs = legendInset
	}
}

// legendFraction is the legend's size as a fraction of the data area, with
// a margin. The data area is estimated from the figure size less the room
// that axes and title take (their exact sizes are known only when drawn).
func legendFraction(p *plot.Plot, w, h vg.Length) (fw, fh float64) {
	sz := p.Legend.Rectangle(draw.Canvas{Canvas: &recorder.Canvas{}}).Size()
	dw := dataWidth(w)
	dh := h - vg.Length(45)
	if p.Title.Text != "" {
		dh -= vg.Length(20)
	}
	dw, dh = max(dw, vg.Length(10)), max(dh, vg.Length(10))
	return float64((sz.X + 2*legendInset) / dw), float64((sz.Y + 2*legendInset) / dh)
}

func inCorner(c Corner, q [2]float64, fw, fh float64) bool {
	x, y := q[0], q[1]
	if c == TopLeft || c == BottomLeft {
		if x > fw {
			return false
		}
	} else if x < 1-fw {
		return false
	}
	if c == TopLeft || c == TopRight {
		return y >= 1-fh
	}
	return y <= fh
}

// normalizedPoints returns the data in the plot's normalised coordinates,
// [0, 1] across each axis, with segments of lines sampled finely enough
// that a line crossing a corner counts there.
func normalizedPoints(p *plot.Plot, i *legendInfo) [][2]float64 {
	var out [][2]float64
	norm := func(x, y float64) ([2]float64, bool) {
		q := [2]float64{p.X.Norm(x), p.Y.Norm(y)}
		ok := !math.IsNaN(q[0]) && !math.IsNaN(q[1]) && q[0] >= 0 && q[0] <= 1 && q[1] >= 0 && q[1] <= 1
		return q, ok
	}
	if i == nil {
		for _, b := range p.GlyphBoxes(p) {
			out = append(out, [2]float64{b.X, b.Y})
		}
		return out
	}
	for _, xys := range i.points {
		for _, pt := range xys {
			if q, ok := norm(pt.X, pt.Y); ok {
				out = append(out, q)
			}
		}
	}
	const step = 0.01 // of the data area: finer than any legend
	for _, xys := range i.lines {
		for k := range xys {
			a := [2]float64{p.X.Norm(xys[k].X), p.Y.Norm(xys[k].Y)}
			if k == 0 {
				if _, ok := norm(xys[k].X, xys[k].Y); ok {
					out = append(out, a)
				}
				continue
			}
			b := [2]float64{p.X.Norm(xys[k-1].X), p.Y.Norm(xys[k-1].Y)}
			// Sample only the part of the segment inside the box, so that
			// a long line given by far-away points is sampled finely.
			t0, t1, ok := clipUnit(b, a)
			if !ok {
				continue
			}
			d := (t1 - t0) * math.Hypot(a[0]-b[0], a[1]-b[1])
			n := int(math.Min(math.Ceil(d/step), 1000))
			for j := 0; j <= n; j++ {
				t := t0 + (t1-t0)*float64(j)/float64(max(n, 1))
				q := [2]float64{b[0] + t*(a[0]-b[0]), b[1] + t*(a[1]-b[1])}
				if q[0] >= 0 && q[0] <= 1 && q[1] >= 0 && q[1] <= 1 {
					out = append(out, q)
				}
			}
		}
	}
	return out
}

// raiseTop widens the y range upwards so that the data end a fraction fh
// below the top: the legend then fits above them. On a log axis the range
// is widened by the same fraction of decades. It reports whether it could.
func raiseTop(p *plot.Plot, fh float64) bool {
	lo, hi := p.Y.Min, p.Y.Max
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return false
	}
	if _, isLog := p.Y.Scale.(plot.LogScale); isLog {
		if lo <= 0 {
			return false
		}
		p.Y.Max = math.Exp(math.Log(lo) + (math.Log(hi)-math.Log(lo))/(1-fh))
		return true
	}
	p.Y.Max = lo + (hi-lo)/(1-fh)
	return true
}

// clipUnit returns the parameter interval [t0, t1] ⊆ [0, 1] over which the
// segment from b to a lies inside the unit square (Liang–Barsky), and
// whether there is one.
func clipUnit(b, a [2]float64) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	for k := range 2 {
		d := a[k] - b[k]
		for _, edge := range [2]struct{ p, q float64 }{{-d, b[k]}, {d, 1 - b[k]}} {
			switch {
			case edge.p == 0:
				if edge.q < 0 {
					return 0, 0, false
				}
			case edge.p < 0:
				t0 = math.Max(t0, edge.q/edge.p)
			default:
				t1 = math.Min(t1, edge.q/edge.p)
			}
		}
	}
	if math.IsNaN(t0) || math.IsNaN(t1) || t0 > t1 {
		return 0, 0, false
	}
	return t0, t1, true
}

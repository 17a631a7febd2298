package plots

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"gonum.org/v1/plot"
)

// DefaultInterval is the least time between two redraws of a Progress.
const DefaultInterval = 250 * time.Millisecond

// Progress is a live plot for a training loop: Add points as they come,
// and in a notebook the figure redraws in place, at most once per Interval
// (so that plotting does not slow the loop: a frame costs tens of
// milliseconds, see BenchmarkProgressFrame).
// Done replaces the live figure with the final one, which the saved
// notebook keeps. Outside a notebook Progress is silent until Done, which writes
// the files as Display does.
//
//	pr := plots.NewProgress("training", "epoch", "loss")
//	for epoch := range 100 {
//		pr.Add("train", float64(epoch), loss)
//	}
//	err := pr.Done()
//
// A Progress is safe for use by several goroutines.
type Progress struct {
	// Interval is the least time between redraws; DefaultInterval if 0.
	Interval time.Duration
	// LogY draws the y axis on a log scale (non-positive values are left
	// out, as in LogLog).
	LogY bool

	title, xlabel, ylabel string

	mu       sync.Mutex
	names    []string           // series in the order first added
	series   map[string]*Series // by name
	last     time.Time          // last redraw, or creation
	id       string             // display id of the live output, once shown
	now      func() time.Time   // clock, replaceable in tests
	frames   int                // live redraws sent
	finished bool
}

// NewProgress returns an empty live plot.
func NewProgress(title, xlabel, ylabel string) *Progress {
	pr := &Progress{
		title: title, xlabel: xlabel, ylabel: ylabel,
		series: map[string]*Series{},
		now:    time.Now,
	}
	pr.last = pr.now()
	return pr
}

// Add appends the point (x, y) to the named series, creating it, and
// redraws if Interval has passed since the last redraw. Non-finite values
// are kept and shown as gaps (and counted in the legend).
func (pr *Progress) Add(series string, x, y float64) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	s, ok := pr.series[series]
	if !ok {
		s = &Series{Label: series}
		pr.series[series] = s
		pr.names = append(pr.names, series)
	}
	s.X = append(s.X, x)
	s.Y = append(s.Y, y)

	if !inNotebook || pr.finished {
		return
	}
	interval := pr.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	if t := pr.now(); t.Sub(pr.last) >= interval {
		pr.redrawLocked()
		pr.last = pr.now() // after drawing: a slow draw does not eat the loop
	}
}

// Plot returns the current figure: one line per series.
func (pr *Progress) Plot() *plot.Plot {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.plotLocked()
}

func (pr *Progress) plotLocked() *plot.Plot {
	ss := make([]Series, len(pr.names))
	for i, n := range pr.names {
		s := pr.series[n]
		ss[i] = Series{Label: s.Label, X: s.X, Y: s.Y}
	}
	if pr.LogY {
		p := Lines(pr.title, pr.xlabel, pr.ylabel, positiveY(ss)...)
		if Err(p) == nil {
			LogAxis(&p.Y)
		}
		return p
	}
	return Lines(pr.title, pr.xlabel, pr.ylabel, ss...)
}

// positiveY replaces y ≤ 0 with NaN, which Lines leaves out.
func positiveY(ss []Series) []Series {
	out := make([]Series, len(ss))
	for i, s := range ss {
		y := make([]float64, len(s.Y))
		for j, v := range s.Y {
			if v > 0 {
				y[j] = v
			} else {
				y[j] = math.NaN()
			}
		}
		out[i] = Series{Label: s.Label, X: s.X, Y: y}
	}
	return out
}

// redrawLocked sends a PNG-only frame (cheaper than PNG + SVG) to the live
// output. A frame that cannot be drawn yet (say, only NaN so far) is
// skipped: Done reports the error.
func (pr *Progress) redrawLocked() {
	p := pr.plotLocked()
	img, err := render("Progress", []*plot.Plot{p}, nil, DefaultWidth, DefaultHeight, false)
	if err != nil {
		return
	}
	if pr.id == "" {
		pr.id = "gradbook-progress-" + gonbui.UniqueId()
	}
	send(img.DisplayData(pr.id))
	pr.frames++
}

// Done draws the final figure. In a notebook it replaces the live output
// in place with the final figure (PNG + SVG + text): the front end and
// nbclient both store an updated display as an ordinary output, so a saved
// notebook keeps it, and no empty output is left behind where the live
// figure was. Elsewhere it writes the files. It returns the figure's error,
// for example when no point was added. Adding after Done records points but
// no longer redraws.
func (pr *Progress) Done(opts ...Option) error {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.finished = true
	if len(pr.names) == 0 {
		return fmt.Errorf("plots: Progress %q: Done with no points added", pr.title)
	}
	p := pr.plotLocked()
	img, err := Render(p, opts...)
	if err != nil {
		return err
	}
	if inNotebook && pr.id != "" {
		send(img.DisplayData(pr.id))
		syncDisplay() // the cell may end right after: let gonb take the bundle
		return gonbui.Error()
	}
	return img.Show()
}

package plots

import (
	"runtime"
	"sync"
	"weak"

	"gonum.org/v1/plot"
)

// The helpers return a *plot.Plot so that it can be adjusted before display,
// so bad input (no points, mismatched lengths, NaN everywhere) cannot come
// back as a second result. It is recorded here instead, keyed by the plot,
// shown in the plot's title, and returned by Display, Row and Render: never
// silently drawn as an empty frame.
var plotErrs perPlot[error]

// perPlot holds a value for each *plot.Plot the helpers made (its error,
// its legend data). The key is a weak pointer and an entry is deleted when
// its plot is garbage collected, so a long notebook session that draws
// many plots does not keep them, or what was recorded for them, alive.
type perPlot[V any] struct{ m sync.Map } // weak.Pointer[plot.Plot] → V

func (pp *perPlot[V]) load(p *plot.Plot) (V, bool) {
	v, ok := pp.m.Load(weak.Make(p))
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

// loadOrStore returns the value recorded for p, or records v and returns
// it; loaded says which.
func (pp *perPlot[V]) loadOrStore(p *plot.Plot, v V) (actual V, loaded bool) {
	k := weak.Make(p)
	a, loaded := pp.m.LoadOrStore(k, v)
	if !loaded {
		runtime.AddCleanup(p, func(k weak.Pointer[plot.Plot]) { pp.m.Delete(k) }, k)
	}
	return a.(V), loaded
}

// len counts the entries, for tests.
func (pp *perPlot[V]) len() int {
	n := 0
	pp.m.Range(func(_, _ any) bool { n++; return true })
	return n
}

// Err returns the error recorded for p by the helper that built it, or nil.
func Err(p *plot.Plot) error {
	err, _ := plotErrs.load(p)
	return err
}

// fail records err for p, marks the title, and returns p.
func fail(p *plot.Plot, err error) *plot.Plot {
	if _, loaded := plotErrs.loadOrStore(p, err); !loaded {
		p.Title.Text += " [error: " + err.Error() + "]"
	}
	return p
}

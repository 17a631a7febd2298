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
//
// The key is a weak pointer and each entry is deleted when its plot is
// garbage collected, so a long notebook session that draws many bad plots
// does not keep them, or their errors, alive.
var plotErrs sync.Map // weak.Pointer[plot.Plot] → error

// Err returns the error recorded for p by the helper that built it, or nil.
func Err(p *plot.Plot) error {
	if v, ok := plotErrs.Load(weak.Make(p)); ok {
		return v.(error)
	}
	return nil
}

// fail records err for p, marks the title, and returns p.
func fail(p *plot.Plot, err error) *plot.Plot {
	k := weak.Make(p)
	if _, loaded := plotErrs.LoadOrStore(k, err); !loaded {
		p.Title.Text += " [error: " + err.Error() + "]"
		runtime.AddCleanup(p, func(k weak.Pointer[plot.Plot]) { plotErrs.Delete(k) }, k)
	}
	return p
}

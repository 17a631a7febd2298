package check

import (
	"io"
	"os"

	"github.com/gradbook/gradbook/lib/check/observe"
)

// observing is set when the grader runs the notebook: every check then also
// writes an observe.Record of the values the student's code produced, and
// the grader, not this process, decides whether they pass (lib/check/observe
// says why).
var observing = os.Getenv(observe.EnvVar) != ""

// record writes r when observing. It goes to the real standard output (file
// descriptor 1), not os.Stdout, which a student's code may have swapped.
func record(r observe.Record) {
	if observing {
		observe.Write(stdout, r)
	}
}

// stdout is where records go; tests replace it.
var stdout io.Writer = os.NewFile(1, "stdout")

// values evaluates f at every point for a record, or returns the error of
// the first evaluation that panicked.
func values(f func(float64) float64, points []float64) ([]float64, error) {
	ys := make([]float64, len(points))
	for i, x := range points {
		y, err := eval(f, x)
		if err != nil {
			return nil, err
		}
		ys[i] = y
	}
	return ys, nil
}

// recordFunc records f at points, or the panic that stopped it.
func recordFunc(name string, f func(float64) float64, points []float64, tol float64) {
	if !observing {
		return
	}
	if f == nil {
		record(observe.Record{Name: name, Kind: observe.Rel, Tol: tol, Err: "the function is nil"})
		return
	}
	ys, err := values(f, points)
	if err != nil {
		record(observe.Failed(name, observe.Rel, tol, err))
		return
	}
	record(observe.Floats(name, observe.Rel, tol, ys...))
}

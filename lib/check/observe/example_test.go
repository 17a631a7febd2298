package observe_test

import (
	"fmt"
	"strings"

	"github.com/gradbook/gradbook/lib/check/observe"
)

// The grader compares what a student's checks observed with the reference
// run's records, using the reference's tolerance.
func ExampleCompare() {
	ref := []observe.Record{
		observe.Floats("central(sin, 1, 1e-4)", observe.Rel, 1e-8, 0.5403023049),
		observe.Floats("order of forward", observe.Rel, 0.05, 1.0002),
	}
	got := []observe.Record{
		observe.Floats("central(sin, 1, 1e-4)", observe.Rel, 1e9, 0.5403023050), // a generous tolerance of its own is ignored
		observe.Floats("order of forward", observe.Rel, 0.05, 2),
	}
	for _, v := range observe.Compare(ref, got) {
		if v.OK {
			fmt.Println(v.Name, "agrees")
		} else {
			fmt.Println(v.Name, "fails:", v.Why)
		}
	}
	// Output:
	// central(sin, 1, 1e-4) agrees
	// order of forward fails: got 2, want 1.0002
}

// A check writes one framed line per observation; Parse finds them in a
// cell's output, among whatever else the cell printed.
func ExampleParse() {
	var b strings.Builder
	b.WriteString("PASS double(2): 4 (want 4, error 0)\n")
	observe.Write(&b, observe.Floats("double(2)", observe.Rel, 0, 4))
	for _, r := range observe.Parse(b.String()) {
		fmt.Println(r.Name, r.Kind, r.Values)
	}
	// Output:
	// double(2) rel [4]
}

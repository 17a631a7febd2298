package plots

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

func TestAddPath(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		p    *plot.Plot
		s    Series
		want string // error fragment; "" for none
	}{
		{"nil plot", nil, Series{Y: []float64{1}}, "nil plot"},
		{"no points", plot.New(), Series{Label: "a"}, `series 0 ("a") has no points`},
		{"mismatch", plot.New(), Series{X: []float64{1, 2}, Y: []float64{1}}, "len(X) = 2, len(Y) = 1"},
		{"no finite point", plot.New(), Series{Label: "b", X: []float64{nan}, Y: []float64{1}}, `path 0 ("b") has no finite point`},
		{"ok", plot.New(), Series{Label: "GD", X: []float64{0, 1, nan}, Y: []float64{0, 1, 2}}, ""},
	} {
		err := AddPath(tc.p, 0, tc.s)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "plots: ") {
			t.Errorf("%s: error %v, want one starting \"plots: \" containing %q", tc.name, err, tc.want)
		}
	}
}

// TestAddPathDraws checks that a path added to a plot made earlier widens
// its axes to the path, and is drawn: the image changes, and the legend
// says how many points were left out.
func TestAddPathDraws(t *testing.T) {
	p := Functions("f", 0, 1, Curve{Label: "x", F: func(x float64) float64 { return x }})
	before, err := Render(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := AddPath(p, 1, Series{Label: "path", X: []float64{0.5, 3, math.Inf(1)}, Y: []float64{0.5, 2, 0}}); err != nil {
		t.Fatal(err)
	}
	if p.X.Max < 3 || p.Y.Max < 2 {
		t.Errorf("axes [%v, %v] × [%v, %v] do not reach the path's point (3, 2)", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	after, err := Render(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(after.PNG) == string(before.PNG) {
		t.Error("the path changed nothing in the image")
	}
	if !strings.Contains(after.SVG, "path (1 non-finite not shown)") {
		t.Error("the legend does not say that a point was left out")
	}
}

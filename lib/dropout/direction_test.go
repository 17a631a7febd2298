package dropout

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// quadGrad is the gradient of f(x, y) = x² + 10·y².
func quadGrad(dst, x []float64) {
	dst[0] = 2 * x[0]
	dst[1] = 20 * x[1]
}

func TestDescentKeepOneIsGradientDescent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	path, err := Descent(quadGrad, []float64{1, 1}, &DescentSettings{Keep: 1, Step: 0.04, Iterations: 10}, rng)
	if err != nil {
		t.Fatal(err)
	}
	// Closed form: each coordinate shrinks by (1 − step·curvature) per step.
	wantX, wantY := math.Pow(1-0.04*2, 10), math.Pow(1-0.04*20, 10)
	last := path[len(path)-1]
	if len(path) != 11 || math.Abs(last[0]-wantX) > 1e-12 || math.Abs(last[1]-wantY) > 1e-12 {
		t.Errorf("got %d points ending at %v, want 11 ending at [%v %v]", len(path), last, wantX, wantY)
	}
}

// TestDescentNoisyConverges: with keep 1/2 each coordinate moves with a
// doubled step half of the time; with step 0.04 the y factor is 1 − 1.6 or
// 1, whose mean square 0.68 < 1, so the iterates still converge.
func TestDescentNoisyConverges(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	path, err := Descent(quadGrad, []float64{1, 1}, &DescentSettings{Keep: 0.5, Step: 0.04, Iterations: 300}, rng)
	if err != nil {
		t.Fatal(err)
	}
	last := path[len(path)-1]
	if math.Hypot(last[0], last[1]) > 1e-3 {
		t.Errorf("noisy descent ended at %v, want near 0", last)
	}
	// Some steps must have moved only one coordinate.
	partial := 0
	for k := 1; k < len(path); k++ {
		if (path[k][0] == path[k-1][0]) != (path[k][1] == path[k-1][1]) {
			partial++
		}
	}
	if partial == 0 {
		t.Error("no step moved just one coordinate")
	}
}

func TestDescentErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 3))
	if _, err := Descent(quadGrad, nil, nil, rng); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty start: error %v", err)
	}
	for _, tc := range []struct {
		s     DescentSettings
		field string
	}{
		{DescentSettings{Iterations: -1}, "Iterations -1"},
		{DescentSettings{Step: math.NaN()}, "Step NaN"},
		{DescentSettings{Step: math.Inf(1)}, "Step +Inf"},
		{DescentSettings{Step: -0.1}, "Step -0.1"},
	} {
		if _, err := Descent(quadGrad, []float64{1, 1}, &tc.s, rng); err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%+v: error %v, want one naming %s", tc.s, err, tc.field)
		}
	}
	// A step that makes x overflow is blamed on x, not on the gradient.
	if _, err := Descent(quadGrad, []float64{1, 1}, &DescentSettings{Step: 1e308, Keep: 1}, rng); err == nil || !strings.Contains(err.Error(), "x") || strings.Contains(err.Error(), "gradient component") {
		t.Errorf("overflowing step: error %v, want one naming x", err)
	}
	nanGrad := func(dst, x []float64) { dst[0], dst[1] = 1, math.NaN() }
	if _, err := Descent(nanGrad, []float64{0, 0}, nil, rng); err == nil || !strings.Contains(err.Error(), "step 0: gradient component 1 is NaN") {
		t.Errorf("NaN gradient: error %v", err)
	}
}

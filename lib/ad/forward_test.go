package ad

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// splitInputs views the column vector x as the inputs of tc, so that one
// variable carries them all (JVP and HessVec take a single input).
func splitInputs(x Var, shapes []shape) []Var {
	vars := make([]Var, len(shapes))
	off := 0
	for k, s := range shapes {
		vars[k] = x.Rows(off, off+s.r*s.c).Reshape(s.r, s.c)
		off += s.r * s.c
	}
	return vars
}

func flatInputs(rng *rand.Rand, tc opCase) []float64 {
	var x []float64
	for _, in := range randomInputs(rng, tc.shapes, tc.positive) {
		x = append(x, in...)
	}
	return x
}

// caseFunc turns an op case into a scalar Func of one vector.
func caseFunc(tc opCase, w []float64) Func {
	return func(t *Tape, x Var) Var {
		return scalarize(t, tc.f(splitInputs(x, tc.shapes)), w)
	}
}

func TestJVPAgainstReverseAndFD(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	w := normals(rng, 64)
	for _, tc := range opCases {
		t.Run(tc.name, func(t *testing.T) {
			f := caseFunc(tc, w)
			x := flatInputs(rng, tc)
			v := normals(rng, len(x))
			_, jv := JVPOf(f, x, v)
			g, _ := Gradient(nil, f, x)
			var rev float64
			for i := range g {
				rev += g[i] * v[i]
			}
			// directional finite difference: d/dε f(x + εv) at 0
			eps := 0.0
			xe := make([]float64, len(x))
			fd := centralDiff(func() float64 {
				for i := range x {
					xe[i] = x[i] + eps*v[i]
				}
				return Value(f, xe)
			}, &eps)
			if e := relErr(jv[0], rev); e > 1e-12 {
				t.Errorf("forward %.12g, reverse %.12g", jv[0], rev)
			}
			if e := relErr(jv[0], fd); e > 1e-6 {
				t.Errorf("forward %.12g, finite differences %.12g", jv[0], fd)
			}
		})
	}
}

func TestJacobianModes(t *testing.T) {
	// f(x) = (x₀x₁, sin x₀, x₁², eˣ²) : R³ → R⁴, Jacobian by hand.
	f := func(t *Tape, x Var) Var {
		x0, x1, x2 := x.At(0, 0), x.At(1, 0), x.At(2, 0)
		return x0.Mul(x1).Concat(x0.Sin(), x1.Square(), x2.Exp())
	}
	x := []float64{0.5, -1.5, 0.25}
	want := mat.NewDense(4, 3, []float64{
		x[1], x[0], 0,
		math.Cos(x[0]), 0, 0,
		0, 2 * x[1], 0,
		0, 0, math.Exp(x[2]),
	})
	for _, mode := range []Mode{Auto, Forward, Reverse} {
		got, used := Jacobian(nil, f, x, mode)
		if !mat.EqualApprox(got, want, 1e-15) {
			t.Errorf("%v: got\n%v\nwant\n%v", mode, mat.Formatted(got), mat.Formatted(want))
		}
		if mode == Auto && used != Forward {
			t.Errorf("Auto chose %v for 4 outputs of 3 inputs, want forward", used)
		}
	}
	// A scalar function (1 output, 3 inputs): Auto must pick reverse.
	if _, used := Jacobian(nil, func(t *Tape, x Var) Var { return x.Square().Sum() }, x, Auto); used != Reverse {
		t.Errorf("Auto chose %v for 1 output of 3 inputs, want reverse", used)
	}
}

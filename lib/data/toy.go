package data

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// classSizes splits n samples over k classes as evenly as possible.
func classSizes(op string, n, k int) []int {
	if n < k {
		panic(fmt.Sprintf("data: %s: %d samples for %d classes", op, n, k))
	}
	sizes := make([]int, k)
	for c := range sizes {
		sizes[c] = n / k
		if c < n%k {
			sizes[c]++
		}
	}
	return sizes
}

// generate builds an n-sample 2-D classification set, class by class,
// drawing each point from point(class).
func generate(name string, n, k int, point func(class int) (x1, x2 float64)) *Set {
	sizes := classSizes(name, n, k)
	s := &Set{Name: name, X: mat.NewDense(n, 2, nil), Labels: make([]int, n),
		FeatureNames: []string{"x1", "x2"}}
	i := 0
	for c, m := range sizes {
		for range m {
			x1, x2 := point(c)
			s.X.Set(i, 0, x1)
			s.X.Set(i, 1, x2)
			s.Labels[i] = c
			i++
		}
	}
	return s
}

// diagonal is the unit vector (1, 1)/√2 along which the two blobs lie.
var diagonal = [2]float64{math.Sqrt2 / 2, math.Sqrt2 / 2}

// Blobs returns n points in two Gaussian clouds of unit standard deviation
// whose centers are separation apart along the diagonal: class 0 around
// −(separation/2)·u and class 1 around +(separation/2)·u, u = (1,1)/√2.
// A separation of 6 or more is almost always linearly separable; 2 overlaps.
func Blobs(rng *rand.Rand, n int, separation float64) *Set {
	s := generate("blobs", n, 2, func(c int) (float64, float64) {
		m := separation / 2
		if c == 0 {
			m = -m
		}
		return m*diagonal[0] + rng.NormFloat64(), m*diagonal[1] + rng.NormFloat64()
	})
	return s
}

// SeparableBlobs returns two unit-variance Gaussian clouds like Blobs, but
// rejects every point closer than gap/2 to the line u·x = 0, u = (1,1)/√2,
// so the classes are guaranteed to be linearly separable with a margin
// of width at least gap. It panics if gap < 0.
func SeparableBlobs(rng *rand.Rand, n int, gap float64) *Set {
	if gap < 0 {
		panic(fmt.Sprintf("data: SeparableBlobs: negative gap %v", gap))
	}
	center := gap/2 + 1.5
	s := generate("separable blobs", n, 2, func(c int) (float64, float64) {
		sign := 1.0
		if c == 0 {
			sign = -1
		}
		for {
			x1 := sign*center*diagonal[0] + rng.NormFloat64()
			x2 := sign*center*diagonal[1] + rng.NormFloat64()
			if sign*(x1*diagonal[0]+x2*diagonal[1]) >= gap/2 {
				return x1, x2
			}
		}
	})
	return s
}

// Moons returns two interleaving half circles: class 0 on
// (cos θ, sin θ) and class 1 on (1 − cos θ, 1/2 − sin θ), θ uniform in
// [0, π], plus Gaussian noise of standard deviation noise.
func Moons(rng *rand.Rand, n int, noise float64) *Set {
	return generate("moons", n, 2, func(c int) (float64, float64) {
		t := math.Pi * rng.Float64()
		x1, x2 := math.Cos(t), math.Sin(t)
		if c == 1 {
			x1, x2 = 1-x1, 0.5-x2
		}
		return x1 + noise*rng.NormFloat64(), x2 + noise*rng.NormFloat64()
	})
}

// XOR returns points around the four corners (±1, ±1), with Gaussian noise
// of standard deviation noise; class 1 is the pair of corners where
// x₁·x₂ > 0 and class 0 the other pair. No line separates the classes.
func XOR(rng *rand.Rand, n int, noise float64) *Set {
	return generate("xor", n, 2, func(c int) (float64, float64) {
		a := float64(2*rng.IntN(2) - 1)
		b := a // class 1: same signs
		if c == 0 {
			b = -a
		}
		return a + noise*rng.NormFloat64(), b + noise*rng.NormFloat64()
	})
}

// Spirals returns classes interleaved spiral arms. Arm k is
// r(t)·(cos φ, sin φ) with r = t, φ = 2πk/classes + 2.5π·t for t uniform in
// [0.05, 1], plus Gaussian noise of standard deviation noise.
func Spirals(rng *rand.Rand, n, classes int, noise float64) *Set {
	return generate("spirals", n, classes, func(c int) (float64, float64) {
		t := 0.05 + 0.95*rng.Float64()
		phi := 2*math.Pi*float64(c)/float64(classes) + 2.5*math.Pi*t
		return t*math.Cos(phi) + noise*rng.NormFloat64(), t*math.Sin(phi) + noise*rng.NormFloat64()
	})
}

// Curve returns a 1-D regression set: x uniform in [0, 1], sorted
// ascending so the set plots as a curve, and y = sin(2πx) + ε with ε Gaussian
// of standard deviation noise.
func Curve(rng *rand.Rand, n int, noise float64) *Set {
	if n < 1 {
		panic(fmt.Sprintf("data: Curve: %d samples", n))
	}
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = rng.Float64()
	}
	slices.Sort(xs)
	y := make([]float64, n)
	for i, x := range xs {
		y[i] = math.Sin(2*math.Pi*x) + noise*rng.NormFloat64()
	}
	return &Set{Name: "curve", X: mat.NewDense(n, 1, xs), Y: y, FeatureNames: []string{"x"}}
}

package main

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// net is y = w2·relu(W1·x + b1) + b2 with one input, h hidden units.
type net struct {
	w1, b1, w2 []float64
	b2         float64
}

func newNet(h int, rng *rand.Rand) *net {
	n := &net{w1: make([]float64, h), b1: make([]float64, h), w2: make([]float64, h)}
	for i := range h {
		n.w1[i] = rng.NormFloat64() * math.Sqrt(2)
		n.b1[i] = rng.NormFloat64()
		n.w2[i] = rng.NormFloat64() * math.Sqrt(2/float64(h))
	}
	return n
}

// step does one SGD step on (x, y) with inverted dropout (keep) on the hidden
// units; noise perturbs each gradient component: g ← g·(1 + noise·N(0,1)).
func (n *net) step(x, y, keep, eta, noise float64, rng *rand.Rand) {
	h := len(n.w1)
	a := make([]float64, h)
	m := make([]float64, h)
	out := n.b2
	for i := range h {
		if rng.Float64() < keep {
			m[i] = 1 / keep
		}
		z := n.w1[i]*x + n.b1[i]
		if z > 0 {
			a[i] = z
		}
		out += n.w2[i] * a[i] * m[i]
	}
	r := out - y // dL/dout for L = ½(out − y)²
	e := func() float64 { return 1 + noise*rng.NormFloat64() }
	n.b2 -= eta * r * e()
	for i := range h {
		gw2 := r * a[i] * m[i]
		ga := r * n.w2[i] * m[i]
		if a[i] == 0 {
			ga = 0
		}
		n.w2[i] -= eta * gw2 * e()
		n.w1[i] -= eta * ga * x * e()
		n.b1[i] -= eta * ga * e()
	}
}

func (n *net) predict(x float64) float64 {
	out := n.b2
	for i := range n.w1 {
		out += n.w2[i] * math.Max(0, n.w1[i]*x+n.b1[i])
	}
	return out
}

func main() {
	rng := rand.New(rand.NewPCG(1, 2))
	var xs, ys []float64
	for range 40 {
		x := rng.Float64()
		xs = append(xs, x)
		ys = append(ys, math.Sin(2*math.Pi*x)+0.1*rng.NormFloat64())
	}
	for _, noise := range []float64{0, 1, 3} {
		for _, keep := range []float64{1, 0.8, 0.5} {
			var tot float64
			for seed := uint64(0); seed < 5; seed++ {
				r := rand.New(rand.NewPCG(seed, 7))
				n := newNet(64, r)
				for ep := 0; ep < 3000; ep++ {
					for i := range xs {
						n.step(xs[i], ys[i], keep, 0.01, noise, r)
					}
				}
				mse := 0.0
				for k := 0; k <= 200; k++ {
					x := float64(k) / 200
					d := n.predict(x) - math.Sin(2*math.Pi*x)
					mse += d * d / 201
				}
				tot += mse / 5
			}
			fmt.Printf("noise %g keep %.1f: test mse %.4f\n", noise, keep, tot)
		}
	}
}

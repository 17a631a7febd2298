package main

import (
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/activation"
)

const (
	tauM = 0.020
	tRef = 0.002
	vTh  = 1.0
)

func softRate(I, gamma float64) float64 {
	rho := gamma * activation.Softplus((I/vTh-1)/gamma)
	return 1 / (tRef + tauM*math.Log1p(1/rho))
}
func lifRate(I float64) float64 {
	if I <= vTh {
		return 0
	}
	return 1 / (tRef + tauM*math.Log(I/(I-vTh)))
}

func main() {
	for _, g := range []float64{0.1, 0.01, 0.001} {
		best, at := 0.0, 0.0
		for k := 0; k <= 1500000; k++ {
			I := 0.5 + 1.5*float64(k)/1500000
			h := 1e-7
			d := (softRate(I+h, g) - softRate(I-h, g)) / (2 * h)
			if d > best {
				best, at = d, I
			}
		}
		fmt.Printf("gamma %g: max slope %.4g at I = %.5f\n", g, best, at)
	}
	// 02 cell 20 style: what is true rate after tuning? reproduce tune
	tune := func(rate func(float64) float64, I float64) float64 {
		const eta, h = 1e-4, 1e-6
		cost := func(I float64) float64 { d := rate(I) - 40; return d * d }
		for k := 0; k < 200; k++ {
			I -= eta * (cost(I+h) - cost(I-h)) / (2 * h)
		}
		return I
	}
	I := tune(func(I float64) float64 { return softRate(I, 0.1) }, 0.8)
	fmt.Printf("I=%.6f soft %.6f true %.6f\n", I, softRate(I, 0.1), lifRate(I))
}

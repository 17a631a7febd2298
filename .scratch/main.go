package main

import (
	"fmt"
	"math"

	"github.com/gradbook/gradbook/lib/activation"
	"github.com/gradbook/gradbook/lib/ad"
	"github.com/gradbook/gradbook/lib/symbolic"
)

func banana(x, y float64) float64 { a, b := 1-x, y-x*x; return a*a + 10*b*b }

func main() {
	// 01 Goldstein mask
	start := []float64{-1.2, 1}
	x, y := start[0], start[1]
	g := []float64{-2*(1-x) - 40*x*(y-x*x), 20 * (y - x*x)}
	phi := func(a float64) float64 { return banana(start[0]-a*g[0], start[1]-a*g[1]) }
	phi0, slope0 := phi(0), -(g[0]*g[0] + g[1]*g[1])
	c := 0.25
	s, s2 := "", ""
	for a := 0.001; a < 0.2; a *= 1.3 {
		gold := phi(a) <= phi0+c*a*slope0 && phi(a) >= phi0+(1-c)*a*slope0
		arm := phi(a) <= phi0+c*a*slope0
		if gold { s += "1" } else { s += "0" }
		if arm { s2 += "1" } else { s2 += "0" }
	}
	fmt.Println("goldstein", s, "\narmijo   ", s2)
	fmt.Println("exactStep", 349.0/2989)
	// 02
	sa := func(x, gm float64) float64 { return gm * math.Log(math.Cosh(x/gm)) }
	fmt.Printf("smoothAbs(0.2,0.5)=%.17g smoothAbs(-1.5,2)=%.17g\n", sa(0.2, 0.5), sa(-1.5, 2))
	// 03
	for _, z := range []float64{-1000, -745, -40, -1, 0, 1, 40, 1000} {
		fmt.Printf("logsig(%g)=%.17g\n", z, -activation.Softplus(-z))
	}
	// 05
	for _, k := range []string{"2", "3", "1/2", "-3/4"} {
		v, err := symbolic.Limit(symbolic.MustParse("(log(1 + "+k+"*x) - "+k+"*x)/x^2"), "x", symbolic.Int(0), symbolic.Both)
		fmt.Println("limit k=", k, v, err)
	}
	for _, a := range []string{"2", "-3", "5"} {
		v, rem, err := symbolic.At(symbolic.MustParse("(x^3 - ("+a+")^3)/(x - ("+a+"))"), "x", map[string]float64{"2": 2, "-3": -3, "5": 5}[a])
		fmt.Println("qAt", a, v, rem, err)
	}
	// 06 richardson
	D := func(f func(float64) float64, x, h float64) float64 { return (f(x+h) - f(x-h)) / (2 * h) }
	R := func(h float64) float64 { return (4*D(math.Sin, 1, h/2) - D(math.Sin, 1, h)) / 3 }
	fmt.Printf("R(0.4)=%.17g err0.2=%.3g err0.1=%.3g ratio %.3f\n", R(0.4), R(0.2)-math.Cos(1), R(0.1)-math.Cos(1), (R(0.2)-math.Cos(1))/(R(0.1)-math.Cos(1)))
	// 07 series
	f := func(x ad.Series) ad.Series { return x.Sub(x.Sin()).Div(x.Mul(x).Mul(x)) }
	d, err := ad.Derivatives(f, 0, 2)
	fmt.Println("series", d, err, 1.0/6, -1.0/60)
	// 08 hessian at two points
	hh := func(x, y float64) []float64 {
		e := math.Exp(x * y)
		return []float64{2*y + y*y*e, 2*x + e*(1+x*y), 2*x + e*(1+x*y), x * x * e}
	}
	fmt.Printf("H(0.5,-1)=%.17g\nH(-0.3,2)=%.17g\n", hh(0.5, -1), hh(-0.3, 2))
	// 09
	w := []float64{0.5, -1, 2, 0.3}
	xx := []float64{1, 2, -0.5, 3}
	for _, p := range []float64{0.3, 0.8} {
		v := 0.0
		for i := range w {
			v += w[i] * w[i] * xx[i] * xx[i]
		}
		fmt.Printf("sumVar p=%g: %.17g\n", p, (1-p)/p*v)
	}
}

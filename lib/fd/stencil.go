package fd

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
)

// A Point is one sample of a finite-difference formula: the function is
// evaluated at x + Loc·h and the value is weighted by Coeff/h^d.
type Point struct {
	Loc   float64
	Coeff float64
}

// Direction says where a stencil's points lie relative to x.
type Direction int

const (
	Central  Direction = iota // points on both sides of x, symmetric
	Forward                   // points at x, x+h, x+2h, …
	Backward                  // points at x, x−h, x−2h, …
)

func (d Direction) String() string {
	switch d {
	case Central:
		return "central"
	case Forward:
		return "forward"
	case Backward:
		return "backward"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// A Formula approximates the derivative of order Derivative as
//
//	f⁽ᵈ⁾(x) ≈ (1/hᵈ) · Σᵢ Coeffᵢ · f(x + Locᵢ·h),
//
// with a truncation error of order h^Accuracy. Formulas are data: a student
// can write one by hand, or let NewFormula / FormulaAt generate the
// coefficients for any set of points with Fornberg's algorithm.
type Formula struct {
	Stencil    []Point
	Derivative int // order d of the derivative approximated
	Accuracy   int // order p of the truncation error, O(h^p)
	Name       string
}

// IsZero reports whether f is the zero Formula, which Settings read as
// "use the default".
func (f Formula) IsZero() bool { return f.Stencil == nil && f.Derivative == 0 }

// String returns the formula's name, or a description of its stencil.
func (f Formula) String() string {
	if f.Name != "" {
		return f.Name
	}
	var b strings.Builder
	fmt.Fprintf(&b, "d%d O(h^%d) at", f.Derivative, f.Accuracy)
	for _, p := range f.Stencil {
		fmt.Fprintf(&b, " %g", p.Loc)
	}
	return b.String()
}

// Step returns the default step for the formula at x:
//
//	h = ε^(1/(p+d)) · max(|x|, 1),
//
// which balances the truncation error C·h^p against the round-off error
// ε·|f|/h^d of the formula (ε is the float64 machine epsilon); the |x| factor
// keeps x+h distinct from x when x is large.
func (f Formula) Step(x float64) float64 {
	p, d := f.Accuracy, f.Derivative
	if p < 1 {
		p = 1
	}
	return math.Pow(eps, 1/float64(p+d)) * math.Max(math.Abs(x), 1)
}

// Evals returns the number of function evaluations the formula needs for
// one partial derivative in each of n coordinates: the origin (if the
// formula uses it) is shared, every other point costs one call per
// coordinate. Forward differences need n+1 calls, central ones 2n.
func (f Formula) Evals(n int) int {
	evals := 0
	origin := false
	for _, p := range f.Stencil {
		if p.Loc == 0 {
			origin = true
			continue
		}
		evals += n
	}
	if origin {
		evals++
	}
	return evals
}

// symmetric reports whether the stencil is symmetric about 0, in which case
// the truncation error contains only every other power of h.
func (f Formula) symmetric() bool {
	locs := make(map[float64]bool, len(f.Stencil))
	for _, p := range f.Stencil {
		locs[p.Loc] = true
	}
	for _, p := range f.Stencil {
		if !locs[-p.Loc] {
			return false
		}
	}
	return true
}

const eps = 0x1p-52 // float64 machine epsilon

// Weights returns the coefficients cᵢ such that
//
//	f⁽ᵈ⁾(x₀) ≈ Σᵢ cᵢ f(locs[i]),
//
// exact for polynomials of degree len(locs)−1, computed with Fornberg's
// recursion (B. Fornberg, "Generation of finite difference formulas on
// arbitrarily spaced grids", Math. Comp. 51 (1988) 699–706) in exact
// rational arithmetic, so integer stencils give exact weights such as 1/12.
// It returns an error if the points are not distinct or too few.
func Weights(d int, locs []float64, x0 float64) ([]float64, error) {
	w, err := weightsRat(d, locs, x0)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(w))
	for i, r := range w {
		out[i], _ = r.Float64()
	}
	return out, nil
}

func weightsRat(d int, locs []float64, x0 float64) ([]*big.Rat, error) {
	n := len(locs)
	switch {
	case d < 0:
		return nil, fmt.Errorf("fd: Weights: negative derivative order %d", d)
	case n < d+1:
		return nil, fmt.Errorf("fd: Weights: derivative order %d needs at least %d points, got %d", d, d+1, n)
	}
	seen := make(map[float64]int, n)
	for i, x := range locs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("fd: Weights: point %d is %v", i, x)
		}
		if j, ok := seen[x]; ok {
			return nil, fmt.Errorf("fd: Weights: points %d and %d are both %v", j, i, x)
		}
		seen[x] = i
	}
	rat := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	z := rat(x0)
	// c[j][k]: weight of point j for the k-th derivative, using the points
	// seen so far. Each new point updates the old weights (by the factor
	// (x_i − z)/(x_i − x_j)) and gets its own weight from the previous
	// point's row; see Fornberg (1988), eq. (3.2)–(3.4).
	c := make([][]*big.Rat, n)
	for j := range c {
		c[j] = make([]*big.Rat, d+1)
		for k := range c[j] {
			c[j][k] = new(big.Rat)
		}
	}
	c[0][0].SetInt64(1)
	c1 := big.NewRat(1, 1)
	c4 := new(big.Rat).Sub(rat(locs[0]), z)
	tmp := new(big.Rat)
	for i := 1; i < n; i++ {
		xi := rat(locs[i])
		mn := min(i, d)
		c2 := big.NewRat(1, 1)
		c5 := new(big.Rat).Set(c4)
		c4 = new(big.Rat).Sub(xi, z)
		for j := 0; j < i; j++ {
			c3 := new(big.Rat).Sub(xi, rat(locs[j]))
			c2.Mul(c2, c3)
			if j == i-1 {
				for k := mn; k >= 1; k-- {
					// c[i][k] = c1·(k·c[i−1][k−1] − c5·c[i−1][k]) / c2
					a := new(big.Rat).Mul(big.NewRat(int64(k), 1), c[i-1][k-1])
					a.Sub(a, tmp.Mul(c5, c[i-1][k]))
					a.Mul(a, c1)
					c[i][k] = a.Quo(a, c2)
				}
				a := new(big.Rat).Mul(c1, c5)
				a.Mul(a, c[i-1][0])
				a.Neg(a)
				c[i][0] = a.Quo(a, c2)
			}
			for k := mn; k >= 1; k-- {
				// c[j][k] = (c4·c[j][k] − k·c[j][k−1]) / c3
				a := new(big.Rat).Mul(c4, c[j][k])
				a.Sub(a, tmp.Mul(big.NewRat(int64(k), 1), c[j][k-1]))
				c[j][k] = a.Quo(a, c3)
			}
			a := new(big.Rat).Mul(c4, c[j][0])
			c[j][0] = a.Quo(a, c3)
		}
		c1 = c2
	}
	w := make([]*big.Rat, n)
	for j := range w {
		w[j] = c[j][d]
	}
	return w, nil
}

// FormulaAt returns the formula for the d-th derivative that samples the
// function at x + locs[i]·h. With n points its accuracy is n−d, one more
// for a symmetric stencil whose error term of that order cancels. Points
// whose weight is exactly zero are dropped, so they cost no evaluation.
func FormulaAt(d int, locs []float64) (Formula, error) {
	if d < 1 {
		return Formula{}, fmt.Errorf("fd: FormulaAt: derivative order %d < 1", d)
	}
	w, err := weightsRat(d, locs, 0)
	if err != nil {
		return Formula{}, err
	}
	f := Formula{Derivative: d, Accuracy: len(locs) - d}
	for i, r := range w {
		if r.Sign() == 0 {
			continue
		}
		c, _ := r.Float64()
		f.Stencil = append(f.Stencil, Point{Loc: locs[i], Coeff: c})
	}
	f.Accuracy = accuracy(f, w, locs)
	return f, nil
}

// accuracy finds the truncation order of the weights: the first power m > d
// of the Taylor series whose moment Σ wᵢ locᵢ^m does not vanish gives an
// error of order h^(m−d).
func accuracy(f Formula, w []*big.Rat, locs []float64) int {
	for m := f.Derivative + 1; m < len(locs)+f.Derivative+4; m++ {
		sum := new(big.Rat)
		for i, r := range w {
			p := new(big.Rat).SetFloat64(math.Pow(locs[i], float64(m)))
			sum.Add(sum, p.Mul(p, r))
		}
		if sum.Sign() != 0 {
			return m - f.Derivative
		}
	}
	return len(locs) - f.Derivative
}

// ErrBadOrder is returned by NewFormula for impossible derivative or
// accuracy orders.
var ErrBadOrder = errors.New("fd: bad order")

// NewFormula returns the standard equally spaced formula for the derivative
// of order d (1 to 4) with truncation error O(h^p). Central formulas need an
// even p; they use the 2⌊(d+1)/2⌋−1+p points −P…P. Forward formulas use the
// d+p points 0, 1, …, and Backward formulas their mirror image.
func NewFormula(dir Direction, d, p int) (Formula, error) {
	if d < 1 || d > 4 {
		return Formula{}, fmt.Errorf("%w: derivative order %d not in 1…4", ErrBadOrder, d)
	}
	if p < 1 || p > 16 {
		return Formula{}, fmt.Errorf("%w: accuracy %d not in 1…16", ErrBadOrder, p)
	}
	var locs []float64
	switch dir {
	case Central:
		if p%2 != 0 {
			return Formula{}, fmt.Errorf("%w: central formulas have even accuracy, got %d", ErrBadOrder, p)
		}
		n := 2*((d+1)/2) - 1 + p
		for i := -(n / 2); i <= n/2; i++ {
			locs = append(locs, float64(i))
		}
	case Forward, Backward:
		sign := 1.0
		if dir == Backward {
			sign = -1
		}
		for i := 0; i < d+p; i++ {
			locs = append(locs, sign*float64(i)+0) // +0 turns −0 into 0
		}
	default:
		return Formula{}, fmt.Errorf("fd: NewFormula: unknown direction %v", dir)
	}
	f, err := FormulaAt(d, locs)
	if err != nil {
		return Formula{}, err
	}
	f.Name = fmt.Sprintf("%v d%d O(h^%d)", dir, d, f.Accuracy)
	return f, nil
}

// MustFormula is NewFormula for arguments known to be valid; it panics on
// error.
func MustFormula(dir Direction, d, p int) Formula {
	f, err := NewFormula(dir, d, p)
	if err != nil {
		panic(err)
	}
	return f
}

// The formulas of the lecture, generated once.
var (
	Forward1  = MustFormula(Forward, 1, 1)  // (f(x+h) − f(x))/h
	Backward1 = MustFormula(Backward, 1, 1) // (f(x) − f(x−h))/h
	Central1  = MustFormula(Central, 1, 2)  // (f(x+h) − f(x−h))/(2h)
	Central2  = MustFormula(Central, 2, 2)  // (f(x+h) − 2f(x) + f(x−h))/h²
)

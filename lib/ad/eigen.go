package ad

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PowerEigenvector is the lecture's "differentiate the right thing"
// example, shipped as a Custom operation: for an n×n matrix A it returns
// the unit eigenvector v (n×1) of its symmetric part S = (A + Aᵀ)/2 for the
// eigenvalue of largest magnitude, found by power iteration, with the sign
// fixed so that v's largest-magnitude component is positive.
//
// Differentiating the iterations would record every step and carry their
// rounding; instead the derivative comes from the equation Sv = λv,
// vᵀv = 1 that the answer satisfies. Differentiating it,
//
//	dv = (λI − S)⁺ dS v,
//
// where (λI − S)⁺ is the pseudo-inverse on the complement of v (applied by
// solving with λI − S + vvᵀ, which is invertible when λ is simple). Reverse
// mode pulls an adjoint v̄ back as Ā = sym(w vᵀ) with w = (λI − S)⁺ v̄.
// The eigenvalue must be simple and strictly dominant for the iteration to
// converge; the forward pass panics if it has not converged after 100000
// steps.
var PowerEigenvector = &Custom{
	Name: "power-eigenvector",
	Shape: func(r, c int) (int, int) {
		if r != c {
			panic(fmt.Sprintf("ad: PowerEigenvector: %d×%d is not square", r, c))
		}
		return r, 1
	},
	F: func(v, a []float64) {
		n := len(v)
		s := symPart(a, n)
		powerIterate(v, s, n)
	},
	VJP: func(dst, a, v, g []float64) {
		n := len(v)
		w := eigenSolve(symPart(a, n), v, g)
		for i := range n {
			for j := range n {
				dst[i*n+j] += (w[i]*v[j] + v[i]*w[j]) / 2
			}
		}
	},
	JVP: func(dst, a, v, da []float64) {
		n := len(v)
		// r = sym(dA)·v
		r := make([]float64, n)
		for i := range n {
			for j := range n {
				r[i] += (da[i*n+j] + da[j*n+i]) / 2 * v[j]
			}
		}
		copy(dst, eigenSolve(symPart(a, n), v, r))
	},
}

func symPart(a []float64, n int) *mat.Dense {
	s := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			s.Set(i, j, (a[i*n+j]+a[j*n+i])/2)
		}
	}
	return s
}

// powerIterate writes the dominant unit eigenvector of s into v.
func powerIterate(v []float64, s *mat.Dense, n int) {
	x := mat.NewVecDense(n, nil)
	for i := range n {
		x.SetVec(i, 1+float64(i)/float64(n)) // a fixed start, not orthogonal to typical eigenvectors
	}
	y := mat.NewVecDense(n, nil)
	prev := mat.NewVecDense(n, nil)
	converged := false
	for range 100000 {
		prev.CopyVec(x)
		// two steps at a time, so that a negative dominant eigenvalue
		// (which flips the sign every step) converges too
		y.MulVec(s, x)
		x.MulVec(s, y)
		norm := mat.Norm(x, 2)
		if norm == 0 {
			panic("ad: PowerEigenvector: iteration reached 0")
		}
		x.ScaleVec(1/norm, x)
		prev.SubVec(prev, x)
		if mat.Norm(prev, math.Inf(1)) < 1e-14 {
			converged = true
			break
		}
	}
	if !converged {
		panic("ad: PowerEigenvector: power iteration did not converge (no strictly dominant eigenvalue?)")
	}
	k := 0
	for i := range n {
		v[i] = x.AtVec(i)
		if math.Abs(v[i]) > math.Abs(v[k]) {
			k = i
		}
	}
	if v[k] < 0 { // fix the sign: largest-magnitude component positive
		for i := range v {
			v[i] = -v[i]
		}
	}
}

// eigenSolve returns w = (λI − S)⁺ r for the unit eigenvector v of S with
// eigenvalue λ = vᵀSv: it projects r off v and solves with λI − S + vvᵀ.
func eigenSolve(s *mat.Dense, v, r []float64) []float64 {
	n := len(v)
	vv := mat.NewVecDense(n, append([]float64(nil), v...))
	sv := mat.NewVecDense(n, nil)
	sv.MulVec(s, vv)
	lambda := mat.Dot(vv, sv)
	m := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			m.Set(i, j, -s.At(i, j)+v[i]*v[j])
		}
		m.Set(i, i, m.At(i, i)+lambda)
	}
	pr := mat.NewVecDense(n, append([]float64(nil), r...))
	pr.AddScaledVec(pr, -mat.Dot(vv, pr), vv)
	var w mat.VecDense
	if err := w.SolveVec(m, pr); err != nil {
		panic(fmt.Sprintf("ad: PowerEigenvector: eigenvalue %v is not simple: %v", lambda, err))
	}
	return w.RawVector().Data
}

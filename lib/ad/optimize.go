package ad

import (
	"sync"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Problem turns a scalar Func into a gonum optimize.Problem whose Func,
// Grad and Hess are computed by this package (value, reverse-mode
// gradient, Hessian by Hessian-vector products), so that gonum's Newton,
// BFGS, LBFGS, CG and line searches run on it unchanged. The returned
// functions reuse one tape and are safe for concurrent use.
func Problem(f Func) optimize.Problem {
	var mu sync.Mutex
	t := NewTape()
	return optimize.Problem{
		Func: func(x []float64) float64 {
			mu.Lock()
			defer mu.Unlock()
			t.Reset()
			return f(t, t.ConstantVec(x)).Item()
		},
		Grad: func(grad, x []float64) {
			mu.Lock()
			defer mu.Unlock()
			t.Reset()
			v := t.VariableVec(x)
			t.Backward(f(t, v))
			copy(grad, v.Grad())
		},
		Hess: func(hess *mat.SymDense, x []float64) {
			Hessian(hess, f, x)
		},
	}
}

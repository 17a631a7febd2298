package gemm_test

import (
	"fmt"

	"github.com/gradbook/gradbook/lib/ad/internal/gemm"
)

// C = Aᵀ·B for A stored 2×3 (so op(A) is 3×2) and B 2×2, row-major.
func ExampleGemm() {
	a := []float64{
		1, 2, 3,
		4, 5, 6,
	}
	b := []float64{
		1, 0,
		0, 1,
	}
	c := make([]float64, 3*2)
	gemm.Gemm(true, false, 3, 2, 2, 1, a, 3, b, 2, 0, c, 2)
	fmt.Println(c)
	// Output: [1 4 2 5 3 6]
}

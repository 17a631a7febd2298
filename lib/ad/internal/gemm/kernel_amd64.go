//go:build !purego

package gemm

//go:generate go run asm_gen.go

import "golang.org/x/sys/cpu"

// The assembly kernels take raw pointers; the wrappers below check the
// slices first, so an out-of-range tile panics in Go instead of writing
// past a buffer.

//go:noescape
func kern12x16(k int, a, b, c *float64, ldc int)

//go:noescape
func kern6x8(k int, a, b, c *float64, ldc int)

// fmaPeak512 runs n rounds of 24 independent AVX-512 FMAs (384 flops a
// round); the peak benchmark times it.
//
//go:noescape
func fmaPeak512(n int)

func archKernels() []kernel {
	var ks []kernel
	// cpu.X86.HasAVX512F is set only when the OS also saves the zmm state.
	if cpu.X86.HasAVX512F {
		ks = append(ks, kernel{name: "avx512", mr: 12, nr: 16, fn: func(k int, a, b, c []float64, ldc int) {
			_, _, _ = a[12*k-1], b[16*k-1], c[11*ldc+15]
			kern12x16(k, &a[0], &b[0], &c[0], ldc)
		}})
	}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		ks = append(ks, kernel{name: "avx2", mr: 6, nr: 8, fn: func(k int, a, b, c []float64, ldc int) {
			_, _, _ = a[6*k-1], b[8*k-1], c[5*ldc+7]
			kern6x8(k, &a[0], &b[0], &c[0], ldc)
		}})
	}
	return ks
}

func hasPeak512() bool { return cpu.X86.HasAVX512F }

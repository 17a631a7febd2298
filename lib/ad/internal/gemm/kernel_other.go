//go:build !amd64 || purego

package gemm

// archKernels: no assembly micro-kernels for this architecture (yet); the
// portable Go kernel is used.
func archKernels() []kernel { return nil }

func hasPeak512() bool { return false }

func fmaPeak512(n int) { panic("gemm: no AVX-512") }

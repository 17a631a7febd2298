// Package gemm multiplies dense row-major float64 matrices,
// C = α·op(A)·op(B) + β·C, fast enough that a network trained in a
// notebook does not wait on the matrix products.
//
// The method is the one of GotoBLAS and BLIS: op(B) is cut into panels of
// kc rows, each copied ("packed") into slivers of nr columns laid out in
// the order the micro-kernel reads them; op(A) likewise into blocks of mc
// rows packed as slivers of mr rows (α is applied while packing). The
// micro-kernel then multiplies one mr×kc sliver of A by one kc×nr sliver
// of B into an mr×nr tile of C held entirely in registers: for each of the
// kc steps it loads one row of the B sliver into vector registers,
// broadcasts each of the mr values of the A sliver and accumulates with
// fused multiply-adds. kc is chosen so that a B sliver stays in the L1
// cache while the mr-row slivers of A stream past it, and mc so that the
// packed A block stays in L2. Tiles at the edges of C are computed into a
// scratch tile from zero-padded slivers and only their valid part is added.
//
// Three micro-kernels exist: AVX-512 (12×16, 24 zmm accumulators),
// AVX2+FMA (6×8, 12 ymm accumulators) and portable Go (4×4). The fastest
// the CPU supports is chosen at start-up (golang.org/x/sys/cpu, which also
// checks that the operating system saves the wider registers); Use forces
// another, so tests run every path on the same machine.
//
// Products are computed on one goroutine: notebooks run many cells side by
// side on small machines, and the reference figures (PyTorch) use one
// thread.
package gemm

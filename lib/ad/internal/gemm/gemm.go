package gemm

import (
	"fmt"
	"sync"
	"unsafe"
)

// kernel is one micro-kernel: fn adds the product of a packed mr×k sliver
// of A and a packed k×nr sliver of B to the mr×nr tile of C at c with row
// stride ldc. k ≥ 1.
type kernel struct {
	name   string
	mr, nr int
	fn     func(k int, a, b, c []float64, ldc int)
}

// Cache blocking. kc·nr·8 bytes of B (32 KiB for nr = 16) stay in the 48 KiB
// L1 data cache while the A slivers stream past; mc·kc·8 bytes of packed A
// (384 KiB) sit in the 2 MiB L2. mc is a multiple of every mr (12, 6, 4) and
// nc of every nr (16, 8, 4), so only the last block of a dimension has
// ragged slivers.
const (
	kc = 256
	mc = 192
	nc = 4080
)

var (
	kernels []kernel // supported on this CPU, fastest first
	current kernel
)

func init() {
	kernels = append(archKernels(), kernel{name: "go", mr: 4, nr: 4, fn: kernGo4x4})
	current = kernels[0]
}

// Kernels returns the names of the micro-kernels this CPU can run, fastest
// first; the first is the one in use unless Use chose another.
func Kernels() []string {
	names := make([]string, len(kernels))
	for i, k := range kernels {
		names[i] = k.name
	}
	return names
}

// Kernel returns the name of the micro-kernel in use.
func Kernel() string { return current.name }

// Use selects the micro-kernel called name ("avx512", "avx2", "go") and
// returns the name of the one it replaces. It fails if this CPU cannot run
// it. Use is for tests and benchmarks; it must not run concurrently with
// Gemm.
func Use(name string) (previous string, err error) {
	for _, k := range kernels {
		if k.name == name {
			previous, current = current.name, k
			return previous, nil
		}
	}
	return current.name, fmt.Errorf("gemm: kernel %q not available on this CPU (have %v)", name, Kernels())
}

// buffers holds the packed panels; pooled so that concurrent products
// (tapes on several goroutines) do not share them and repeated products
// do not allocate.
type buffers struct{ a, b, tile []float64 }

var pool = sync.Pool{New: func() any { return new(buffers) }}

// Gemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices, where
// op(A) is m×k, op(B) is k×n and C is m×n. op(X) is X, or Xᵀ when trans*
// is set: A is then stored k×m, B n×k. lda, ldb, ldc are the row strides
// (elements between the starts of consecutive rows). As in BLAS, beta = 0
// overwrites C without reading it (NaNs in C do not survive), and with
// alpha = 0 or k = 0 A and B are not read.
//
// Gemm panics, naming the argument, if a size is negative, a stride is
// smaller than its row, or a slice is too short for its shape.
func Gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	ar, ac := stored(transA, m, k)
	br, bc := stored(transB, k, n)
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("gemm: negative size m=%d n=%d k=%d", m, n, k))
	}
	check("A", a, ar, ac, lda)
	check("B", b, br, bc, ldb)
	check("C", c, m, n, ldc)
	if m == 0 || n == 0 {
		return
	}
	scale(c, m, n, ldc, beta)
	if k == 0 || alpha == 0 {
		return
	}

	kern := current
	// k in equal blocks of at most kc (784 as 4×196, not 3×256 + 16): each
	// block pays for loading and storing C once, a short last block as
	// much as a full one.
	nk := (k + kc - 1) / kc
	ks := (k + nk - 1) / nk
	buf := pool.Get().(*buffers)
	defer pool.Put(buf)
	for j0 := 0; j0 < n; j0 += nc {
		nb := min(nc, n-j0)
		nbPad := roundUp(nb, kern.nr)
		for p0 := 0; p0 < k; p0 += ks {
			kb := min(ks, k-p0)
			buf.b = grow(buf.b, nbPad*kb)
			packB(buf.b, transB, b, ldb, p0, kb, j0, nb, kern.nr)
			for i0 := 0; i0 < m; i0 += mc {
				mb := min(mc, m-i0)
				mbPad := roundUp(mb, kern.mr)
				buf.a = grow(buf.a, mbPad*kb)
				packA(buf.a, transA, a, lda, alpha, i0, mb, p0, kb, kern.mr)
				macro(kern, buf, mb, nb, kb, c[i0*ldc+j0:], ldc)
			}
		}
	}
}

// macro multiplies the packed mb×kb block of A by the packed kb×nb panel of
// B into the mb×nb block of C at c.
func macro(kern kernel, buf *buffers, mb, nb, kb int, c []float64, ldc int) {
	mr, nr := kern.mr, kern.nr
	buf.tile = grow(buf.tile, mr*nr)
	tile := buf.tile
	for j := 0; j < nb; j += nr {
		bs := buf.b[j*kb : (j+nr)*kb]
		w := min(nr, nb-j)
		for i := 0; i < mb; i += mr {
			as := buf.a[i*kb : (i+mr)*kb]
			h := min(mr, mb-i)
			if w == nr && h == mr {
				kern.fn(kb, as, bs, c[i*ldc+j:], ldc)
				continue
			}
			// Edge tile: the padded product into scratch, then its valid part.
			clear(tile)
			kern.fn(kb, as, bs, tile, nr)
			for r := 0; r < h; r++ {
				dst := c[(i+r)*ldc+j : (i+r)*ldc+j+w]
				for q, v := range tile[r*nr : r*nr+w] {
					dst[q] += v
				}
			}
		}
	}
}

// packA copies alpha·op(A)[i0:i0+mb, p0:p0+kb] into dst as slivers of mr
// rows: sliver s holds, for each p, rows s·mr … s·mr+mr−1 (zero past mb).
func packA(dst []float64, trans bool, a []float64, lda int, alpha float64, i0, mb, p0, kb, mr int) {
	for s := 0; s < mb; s += mr {
		h := min(mr, mb-s)
		d := dst[s*kb : (s+mr)*kb]
		if trans { // op(A)[i, p] = a[p*lda+i]: each p is a contiguous run of i
			for p := 0; p < kb; p++ {
				src := a[(p0+p)*lda+i0+s : (p0+p)*lda+i0+s+h]
				row := d[p*mr : p*mr+mr]
				copy(row, src)
				clear(row[h:])
				if alpha != 1 {
					for r := range src {
						row[r] *= alpha
					}
				}
			}
			continue
		}
		// p outside, rows inside: the writes to the sliver are sequential
		// and the h source rows are read as h parallel streams.
		base := (i0+s)*lda + p0
		if h == 12 && mr == 12 {
			pack12(d, a, base, lda, kb)
		} else {
			packRows(d, a, base, lda, kb, h, mr)
		}
		if alpha != 1 {
			for i := range d {
				d[i] *= alpha
			}
		}
	}
}

// packRows writes rows base, base+lda, … (h of them, kb elements each) of
// a into d interleaved, mr values per column, zero past h.
func packRows(d, a []float64, base, lda, kb, h, mr int) {
	for p := 0; p < kb; p++ {
		row := d[p*mr : p*mr+mr]
		for r := range h {
			row[r] = a[base+r*lda+p]
		}
		clear(row[h:])
	}
}

// pack12 is packRows for a full 12-row AVX-512 sliver, with the rows held
// in locals so that the inner loop has no bounds checks and no index
// arithmetic: it is the hottest packing loop (the MLP's forward products).
func pack12(d, a []float64, base, lda, kb int) {
	r0, r1, r2, r3 := a[base:base+kb], a[base+lda:base+lda+kb], a[base+2*lda:base+2*lda+kb], a[base+3*lda:base+3*lda+kb]
	r4, r5, r6, r7 := a[base+4*lda:base+4*lda+kb], a[base+5*lda:base+5*lda+kb], a[base+6*lda:base+6*lda+kb], a[base+7*lda:base+7*lda+kb]
	r8, r9, r10, r11 := a[base+8*lda:base+8*lda+kb], a[base+9*lda:base+9*lda+kb], a[base+10*lda:base+10*lda+kb], a[base+11*lda:base+11*lda+kb]
	n := len(r0) // equal lengths let the compiler drop the bounds checks
	r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11 = r1[:n], r2[:n], r3[:n], r4[:n], r5[:n], r6[:n], r7[:n], r8[:n], r9[:n], r10[:n], r11[:n]
	d = d[:12*n]
	for p := range r0 {
		row := d[p*12 : p*12+12 : p*12+12]
		row[0], row[1], row[2], row[3] = r0[p], r1[p], r2[p], r3[p]
		row[4], row[5], row[6], row[7] = r4[p], r5[p], r6[p], r7[p]
		row[8], row[9], row[10], row[11] = r8[p], r9[p], r10[p], r11[p]
	}
}

// packB copies op(B)[p0:p0+kb, j0:j0+nb] into dst as slivers of nr
// columns: sliver s holds, for each p, columns s·nr … s·nr+nr−1 (zero past
// nb).
func packB(dst []float64, trans bool, b []float64, ldb, p0, kb, j0, nb, nr int) {
	for s := 0; s < nb; s += nr {
		w := min(nr, nb-s)
		d := dst[s*kb : (s+nr)*kb]
		if !trans { // op(B)[p, j] = b[p*ldb+j]: rows of the sliver are contiguous
			for p := 0; p < kb; p++ {
				row := d[p*nr : p*nr+nr]
				src := b[(p0+p)*ldb+j0+s : (p0+p)*ldb+j0+s+w]
				if w == 16 { // the AVX-512 sliver: a loop the compiler unrolls beats a memmove call
					row := row[:16:16]
					for q, v := range src[:16:16] {
						row[q] = v
					}
					continue
				}
				copy(row, src)
				clear(row[w:])
			}
			continue
		}
		for q := 0; q < w; q++ {
			src := b[(j0+s+q)*ldb+p0 : (j0+s+q)*ldb+p0+kb]
			for p, v := range src {
				d[p*nr+q] = v
			}
		}
		for q := w; q < nr; q++ {
			for p := 0; p < kb; p++ {
				d[p*nr+q] = 0
			}
		}
	}
}

// scale multiplies the m×n matrix c by beta; beta = 0 writes zeros.
func scale(c []float64, m, n, ldc int, beta float64) {
	if beta == 1 {
		return
	}
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

func check(name string, x []float64, rows, cols, ld int) {
	if ld < max(1, cols) {
		panic(fmt.Sprintf("gemm: stride of %s is %d, less than its %d columns", name, ld, cols))
	}
	if rows > 0 && cols > 0 && len(x) < (rows-1)*ld+cols {
		panic(fmt.Sprintf("gemm: %s has %d elements, too few for %d×%d with stride %d", name, len(x), rows, cols, ld))
	}
}

// stored returns the dimensions of a matrix stored transposed or not whose
// op is rows×cols.
func stored(trans bool, rows, cols int) (int, int) {
	if trans {
		return cols, rows
	}
	return rows, cols
}

func roundUp(x, q int) int { return (x + q - 1) / q * q }

// grow returns buf resized to n elements, reallocating when too small. A
// new buffer starts on a 64-byte boundary: the kernels load whole cache
// lines of the packed panels (a zmm register is 64 bytes), and a load that
// straddles two lines costs twice.
func grow(buf []float64, n int) []float64 {
	if cap(buf) >= n {
		return buf[:n]
	}
	raw := make([]float64, n+7)
	off := int(uintptr(unsafe.Pointer(&raw[0]))%64) / 8
	if off != 0 {
		off = 8 - off
	}
	return raw[off : off+n : off+n]
}

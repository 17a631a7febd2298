package dropout

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"sync"
)

// The generator is wyrand (Wang Yi's counter-based generator, also behind
// the Go runtime's cheaprand): the n-th 64-bit output under key is
// mix(key + n·inc) with mix(s) = hi ⊕ lo of the 128-bit product
// s · (s ⊕ xorConst). One multiply yields two 32-bit uniforms, and any
// position of the stream is computed without the ones before it.
const (
	inc      = 0xa0761d6478bd642f
	xorConst = 0xe7037ed1a0b428db
	inc2     = (2 * inc) & (1<<64 - 1) // two steps, mod 2⁶⁴
)

func mix(s uint64) uint64 {
	hi, lo := bits.Mul64(s, s^xorConst)
	return hi ^ lo
}

// Uniform returns the 32-bit uniform that decides element i under key:
// element i is kept when Uniform(key, i) < Threshold(keep). Even and odd
// elements take the low and high halves of one 64-bit draw.
func Uniform(key uint64, i int) uint32 {
	h := mix(key + uint64(i>>1)*inc)
	if i&1 == 1 {
		return uint32(h >> 32)
	}
	return uint32(h)
}

// Threshold returns the integer t such that a uniform 32-bit draw u is kept
// when u < t, so an element is kept with probability t/2³² = keep up to
// 2⁻³². It panics if keep is NaN or outside [0, 1]; keep = 1 gives 2³².
func Threshold(keep float64) uint64 {
	checkKeep(keep)
	return uint64(math.Round(keep * (1 << 32)))
}

func checkKeep(keep float64) {
	if !(keep >= 0 && keep <= 1) {
		panic(fmt.Sprintf("dropout: keep probability %v outside [0, 1]", keep))
	}
}

// Mask is one dropout mask: element i is kept when Uniform(Key, i) is
// below Threshold(Keep), and kept elements are scaled by 1/Keep. The mask is
// never stored; any element can be recomputed from the 16-byte Mask value,
// so a backward pass applies the same Mask to the gradient.
type Mask struct {
	Keep float64 // probability that an element is kept, in [0, 1]
	Key  uint64  // selects the pattern; a fresh key gives a fresh mask
}

// New returns a mask with keep probability keep and a key drawn from rng,
// so a seeded rng gives the same sequence of masks on every run.
// It panics if keep is outside [0, 1].
func New(keep float64, rng *rand.Rand) Mask {
	checkKeep(keep)
	return Mask{Keep: keep, Key: rng.Uint64()}
}

// Kept reports whether element i survives the mask.
func (m Mask) Kept(i int) bool {
	return uint64(Uniform(m.Key, i)) < Threshold(m.Keep)
}

// Apply32 sets dst[i] = x[i]·m[i]/keep, where m[i] ∈ {0, 1} says whether
// element i is kept, and returns dst. dst may be x (in place); if dst is
// nil a new slice is allocated. The result depends only on the mask and i,
// never on how many goroutines fill it. Dropped elements become +0 even
// when x[i] is Inf or NaN. Keep = 1 copies x; Keep = 0 zeroes dst.
// It panics if Keep is outside [0, 1] or the lengths differ.
func (m Mask) Apply32(dst, x []float32) []float32 { return applyWith(m, dst, x, apply32) }

// Apply is Apply32 for float64 slices, with the same mask.
func (m Mask) Apply(dst, x []float64) []float64 { return applyWith(m, dst, x, apply64) }

// applyWith is Apply and Apply32: Keep = 1 copies, Keep = 0 zeroes, and
// otherwise kernel masks the slice in parallel pieces.
func applyWith[F float32 | float64](m Mask, dst, x []F, kernel func(dst, x []F, t uint32, s F, key uint64, off int)) []F {
	dst = prepare(dst, len(x))
	t := Threshold(m.Keep)
	switch {
	case t >= 1<<32:
		copy(dst, x)
		return dst
	case m.Keep == 0:
		clear(dst)
		return dst
	}
	s := F(1 / m.Keep)
	parallel(len(x), func(lo, hi int) { kernel(dst[lo:hi], x[lo:hi], uint32(t), s, m.Key, lo) })
	return dst
}

// Scaled fills dst with the n factors m[i]/keep (each 0 or 1/keep) and
// returns it, allocating when dst is nil: the constant that Apply
// multiplies by, for use in an expression.
func (m Mask) Scaled(dst []float64, n int) []float64 {
	dst = prepare(dst, n)
	for i := range dst {
		dst[i] = 1
	}
	return m.Apply(dst, dst)
}

// prepare returns dst, or a new slice of length n when dst is nil; it
// panics if the lengths differ.
func prepare[F float32 | float64](dst []F, n int) []F {
	if dst == nil {
		return make([]F, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("dropout: length mismatch: dst %d, x %d", len(dst), n))
	}
	return dst
}

// apply32 masks x into dst; x[0] is element off of the whole vector, and off
// is even, so pairs of elements share one 64-bit draw. The keep test is done
// with integer arithmetic instead of a branch: with keep near 1/2 a branch
// is mispredicted half the time, which costs more than the hashing.
func apply32(dst, x []float32, t uint32, s float32, key uint64, off int) {
	dst = dst[:len(x)]
	ctr := key + uint64(off>>1)*inc
	t64 := uint64(t)
	// Four elements per iteration: two independent multiplies in flight.
	for len(x) >= 4 && len(dst) >= 4 {
		h, g := mix(ctr), mix(ctr+inc)
		ctr += inc2
		dst[0] = math.Float32frombits(math.Float32bits(x[0]*s) & keepBits32(h&0xFFFFFFFF, t64))
		dst[1] = math.Float32frombits(math.Float32bits(x[1]*s) & keepBits32(h>>32, t64))
		dst[2] = math.Float32frombits(math.Float32bits(x[2]*s) & keepBits32(g&0xFFFFFFFF, t64))
		dst[3] = math.Float32frombits(math.Float32bits(x[3]*s) & keepBits32(g>>32, t64))
		x, dst = x[4:], dst[4:]
	}
	for len(x) >= 2 && len(dst) >= 2 {
		h := mix(ctr)
		ctr += inc
		dst[0] = math.Float32frombits(math.Float32bits(x[0]*s) & keepBits32(h&0xFFFFFFFF, t64))
		dst[1] = math.Float32frombits(math.Float32bits(x[1]*s) & keepBits32(h>>32, t64))
		x, dst = x[2:], dst[2:]
	}
	if len(x) == 1 {
		h := mix(ctr)
		dst[0] = math.Float32frombits(math.Float32bits(x[0]*s) & keepBits32(h&0xFFFFFFFF, t64))
	}
}

// keepBits32 returns all ones when u < t and zero otherwise: for u, t < 2³³
// the difference u − t is negative exactly when u < t, and an arithmetic
// shift spreads its sign bit.
func keepBits32(u, t uint64) uint32 {
	return uint32(int64(u-t) >> 63)
}

func keepBits64(u, t uint64) uint64 {
	return uint64(int64(u-t) >> 63)
}

func apply64(dst, x []float64, t uint32, s float64, key uint64, off int) {
	dst = dst[:len(x)]
	ctr := key + uint64(off>>1)*inc
	t64 := uint64(t)
	for len(x) >= 2 && len(dst) >= 2 {
		h := mix(ctr)
		ctr += inc
		dst[0] = math.Float64frombits(math.Float64bits(x[0]*s) & keepBits64(h&0xFFFFFFFF, t64))
		dst[1] = math.Float64frombits(math.Float64bits(x[1]*s) & keepBits64(h>>32, t64))
		x, dst = x[2:], dst[2:]
	}
	if len(x) == 1 {
		h := mix(ctr)
		dst[0] = math.Float64frombits(math.Float64bits(x[0]*s) & keepBits64(h&0xFFFFFFFF, t64))
	}
}

// minChunk is the smallest piece worth a goroutine: below it the start-up
// cost (about a microsecond) exceeds the work.
const minChunk = 1 << 16

// parallel calls fill on disjoint ranges [lo, hi) covering [0, n), with every
// lo even, on up to GOMAXPROCS goroutines.
func parallel(n int, fill func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/minChunk)
	if workers <= 1 {
		fill(0, n)
		return
	}
	chunk := (n/workers + 1) &^ 1
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Go(func() { fill(lo, hi) })
	}
	wg.Wait()
}

package dropout

import "testing"

const benchN = 10_000_000

func BenchmarkApply32InPlace1e7(b *testing.B) {
	x := make([]float32, benchN)
	for i := range x {
		x[i] = 1
	}
	b.SetBytes(8 * benchN) // one read and one write of every float32
	for i := 0; b.Loop(); i++ {
		Mask{Keep: 0.5, Key: uint64(i)}.Apply32(x, x)
	}
}

// BenchmarkCopy32 is the memory-bandwidth floor: the same bytes moved with
// no mask at all.
func BenchmarkCopy32(b *testing.B) {
	x := make([]float32, benchN)
	y := make([]float32, benchN)
	b.SetBytes(8 * benchN)
	for b.Loop() {
		copy(y, x)
	}
}

package nn

import (
	"math/rand/v2"
	"testing"
)

// benchGradient times one gradient of a 6-layer, 256-wide tanh network on
// a batch of 128, with the first `frozen` layers frozen.
func benchGradient(b *testing.B, frozen int) {
	rng := rand.New(rand.NewPCG(1, 1))
	var layers []Layer
	for range 6 {
		layers = append(layers, NewDense(256, 256, act("tanh"), Xavier, rng))
	}
	layers = append(layers, NewDense(256, 10, act("identity"), Xavier, rng))
	net := Sequential(layers...)
	for i := range frozen {
		net.Freeze(i)
	}
	x := randMat(rng, 128, 256)
	labels := make([]int, 128)
	for i := range labels {
		labels[i] = i % 10
	}
	y := Targets{Labels: labels}
	net.Gradient(x, y, CrossEntropy, nil)
	for b.Loop() {
		net.Gradient(x, y, CrossEntropy, nil)
	}
}

// BenchmarkGradientAll trains every layer: the reference for the frozen
// variants below.
func BenchmarkGradientAll(b *testing.B) { benchGradient(b, 0) }

// BenchmarkGradientFrozen freezes the first 5 of 7 layers: the backward
// sweep stops at layer 6, skipping 5 weight gradients and 5 input
// gradients (10 of the 13 backward matrix products).
func BenchmarkGradientFrozen(b *testing.B) { benchGradient(b, 5) }

// BenchmarkForwardOnly is the floor: the loss without any backward sweep.
func BenchmarkForwardOnly(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	var layers []Layer
	for range 6 {
		layers = append(layers, NewDense(256, 256, act("tanh"), Xavier, rng))
	}
	layers = append(layers, NewDense(256, 10, act("identity"), Xavier, rng))
	net := Sequential(layers...)
	x := randMat(rng, 128, 256)
	labels := make([]int, 128)
	for i := range labels {
		labels[i] = i % 10
	}
	for b.Loop() {
		net.Loss(x, Targets{Labels: labels}, CrossEntropy)
	}
}

package svm_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/gradbook/gradbook/lib/data"
	"github.com/gradbook/gradbook/lib/svm"
)

func ExampleDualCD() {
	s, err := data.BreastCancer()
	if err != nil {
		panic(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	train, test := data.Split(s, 0.75, rng)
	data.Standardize(train, test)
	m, err := svm.DualCD{C: 0.1}.Fit(train.X, train.Signs(1)) // +1 = benign
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d support vectors, margin %.3f, test accuracy %.3f\n",
		len(m.Support), m.Margin, m.Accuracy(test.X, test.Signs(1)))
	// Output:
	// 57 support vectors, margin 1.267, test accuracy 0.979
}

func ExampleSmoothedPenalty() {
	rng := rand.New(rand.NewPCG(1, 2))
	s := data.SeparableBlobs(rng, 40, 1)
	y := s.Signs(1)
	for _, k := range []float64{1, 10, 100, 1e4} {
		m, err := svm.SmoothedPenalty{C: 10, Sharpness: k}.Fit(s.X, y)
		if err != nil {
			panic(err)
		}
		fmt.Printf("k = %-6g margin %.4f, %d support vectors\n", k, m.Margin, len(m.Support))
	}
	// Output:
	// k = 1      margin 0.5122, 0 support vectors
	// k = 10     margin 1.2850, 0 support vectors
	// k = 100    margin 1.5736, 0 support vectors
	// k = 10000  margin 1.6143, 3 support vectors
}

func ExampleHeavisidePenalty() {
	rng := rand.New(rand.NewPCG(1, 2))
	s := data.SeparableBlobs(rng, 40, 1)
	m, err := svm.HeavisidePenalty{C: 10}.Fit(s.X, s.Signs(1))
	if err != nil {
		panic(err)
	}
	fmt.Printf("stopped after %d iterations at w = %v: the gradient of H is zero\n", m.Iterations, m.W)
	fmt.Printf("cost %.0f: all %d points violate the margin\n", m.Objective, len(m.Support))
	// Output:
	// stopped after 0 iterations at w = [0 0]: the gradient of H is zero
	// cost 400: all 40 points violate the margin
}

func ExampleOneVsRest() {
	s, err := data.Digits()
	if err != nil {
		panic(err)
	}
	s.X.Scale(1.0/16, s.X)
	train, test := data.Split(s, 0.75, rand.New(rand.NewPCG(1, 2)))
	mc, err := svm.OneVsRest(svm.DualCD{C: 0.1}, train.X, train.Labels)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d classes, test accuracy %.3f\n", len(mc.Models), mc.Accuracy(test.X, test.Labels))
	// Output:
	// 10 classes, test accuracy 0.949
}

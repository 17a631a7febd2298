// Command gorgonia times one SGD step of the 784-256-256-10 ReLU MLP
// (softmax cross-entropy, batch 256, float64) with lib/ad and with gorgonia
// v0.9.18, interleaved in the same process, and prints the ratio.
//
// Usage (from the bench/ module):
//
//	go run ./gorgonia [-reps 9]
//
// Both run on gonum's pure-Go BLAS (gorgonia's default engine), with
// GOMAXPROCS as set. The loss is the same function in both; gorgonia's
// graph is compiled once into a TapeMachine and re-run each step.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"time"

	"github.com/gradbook/gradbook/lib/ad"
	"gonum.org/v1/gonum/mat"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

const (
	batch, in, hidden, classes = 256, 784, 256, 10
	lr                         = 0.01
)

type data struct {
	x      []float64
	labels []int
	onehot []float64
	params [][]float64 // w1, b1, w2, b2, w3, b3
	shapes [][2]int
}

func newData() *data {
	rng := rand.New(rand.NewPCG(7, 8))
	d := &data{shapes: [][2]int{{in, hidden}, {1, hidden}, {hidden, hidden}, {1, hidden}, {hidden, classes}, {1, classes}}}
	d.x = make([]float64, batch*in)
	for i := range d.x {
		d.x[i] = rng.NormFloat64()
	}
	d.labels = make([]int, batch)
	d.onehot = make([]float64, batch*classes)
	for i := range d.labels {
		d.labels[i] = rng.IntN(classes)
		d.onehot[i*classes+d.labels[i]] = 1
	}
	scale := []float64{0.05, 0, 0.06, 0, 0.06, 0}
	for k, s := range d.shapes {
		p := make([]float64, s[0]*s[1])
		for i := range p {
			p[i] = scale[k] * rng.NormFloat64()
		}
		d.params = append(d.params, p)
	}
	return d
}

func adStep(d *data) func() {
	t := ad.NewTape()
	params := make([]*mat.Dense, len(d.params))
	for k, s := range d.shapes {
		params[k] = mat.NewDense(s[0], s[1], slices.Clone(d.params[k]))
	}
	X := mat.NewDense(batch, in, d.x)
	vars := make([]ad.Var, len(params))
	return func() {
		t.Reset()
		for i, p := range params {
			vars[i] = t.Variable(p)
		}
		h := t.Constant(X).MatMul(vars[0]).Add(vars[1]).ReLU()
		h = h.MatMul(vars[2]).Add(vars[3]).ReLU()
		loss := h.MatMul(vars[4]).Add(vars[5]).SoftmaxCrossEntropy(d.labels)
		t.Backward(loss)
		for i, p := range params {
			raw := p.RawMatrix().Data
			for j, g := range vars[i].Grad() {
				raw[j] -= lr * g
			}
		}
	}
}

func gorgoniaStep(d *data) func() {
	g := G.NewGraph()
	x := G.NewMatrix(g, tensor.Float64, G.WithShape(batch, in), G.WithName("x"),
		G.WithValue(tensor.New(tensor.WithShape(batch, in), tensor.WithBacking(slices.Clone(d.x)))))
	y := G.NewMatrix(g, tensor.Float64, G.WithShape(batch, classes), G.WithName("y"),
		G.WithValue(tensor.New(tensor.WithShape(batch, classes), tensor.WithBacking(slices.Clone(d.onehot)))))
	names := []string{"w1", "b1", "w2", "b2", "w3", "b3"}
	var learn G.Nodes
	for k, s := range d.shapes {
		learn = append(learn, G.NewMatrix(g, tensor.Float64, G.WithShape(s[0], s[1]), G.WithName(names[k]),
			G.WithValue(tensor.New(tensor.WithShape(s[0], s[1]), tensor.WithBacking(slices.Clone(d.params[k]))))))
	}
	layer := func(h, w, b *G.Node, relu bool) *G.Node {
		z := G.Must(G.BroadcastAdd(G.Must(G.Mul(h, w)), b, nil, []byte{0}))
		if relu {
			return G.Must(G.Rectify(z))
		}
		return z
	}
	h := layer(x, learn[0], learn[1], true)
	h = layer(h, learn[2], learn[3], true)
	logits := layer(h, learn[4], learn[5], false)
	// mean over samples of −Σ_c y·log softmax
	logp := G.Must(G.Log(G.Must(G.SoftMax(logits))))
	loss := G.Must(G.Neg(G.Must(G.Mean(G.Must(G.HadamardProd(logp, y))))))
	loss = G.Must(G.Mul(loss, G.NewConstant(float64(classes))))
	if _, err := G.Grad(loss, learn...); err != nil {
		panic(err)
	}
	vm := G.NewTapeMachine(g, G.BindDualValues(learn...))
	solver := G.NewVanillaSolver(G.WithLearnRate(lr))
	return func() {
		if err := vm.RunAll(); err != nil {
			panic(err)
		}
		if err := solver.Step(G.NodesToValueGrads(learn)); err != nil {
			panic(err)
		}
		vm.Reset()
	}
}

func main() {
	reps := flag.Int("reps", 9, "repetitions (medians are reported)")
	flag.Parse()
	d := newData()
	steps := map[string]func(){"lib/ad": adStep(d), "gorgonia v0.9.18": gorgoniaStep(d)}
	names := []string{"lib/ad", "gorgonia v0.9.18"}
	times := map[string][]float64{}
	for rep := -1; rep < *reps; rep++ {
		for _, n := range names {
			t0 := time.Now()
			steps[n]()
			if rep >= 0 {
				times[n] = append(times[n], float64(time.Since(t0).Microseconds())/1e3)
			}
		}
	}
	fmt.Printf("MLP %d-%d-%d-%d ReLU, softmax CE, batch %d, one SGD step (float64, gonum pure-Go BLAS), %s GOMAXPROCS=%d, medians of %d interleaved runs\n",
		in, hidden, hidden, classes, batch, runtime.Version(), runtime.GOMAXPROCS(0), *reps)
	med := map[string]float64{}
	for _, n := range names {
		s := slices.Clone(times[n])
		slices.Sort(s)
		med[n] = s[len(s)/2]
		fmt.Printf("%-18s %8.2f ms\n", n, med[n])
	}
	fmt.Printf("ratio lib/ad / gorgonia = %.3f (target < 1)\n", med["lib/ad"]/med["gorgonia v0.9.18"])
}

// Command ad measures lib/ad against PyTorch on the workloads of the lib/ad
// issue and prints the ratios, both measured in the same run.
//
// Usage (from the bench/ module):
//
//	go run ./ad [-reps 9] [-python /usr/bin/python3]
//
// PyTorch (Debian's python3-torch, float64) runs in a child process with one
// intra-op thread and GLIBC_TUNABLES=glibc.malloc.mmap_max=0:
// glibc.malloc.trim_threshold=4294967296, so that its large temporaries are
// recycled instead of page-faulted in afresh (the setting of the reference
// figures). The measurements are interleaved: each repetition times every
// workload once in Go and once in PyTorch, so a change in machine load hits
// both; the figures are medians over -reps repetitions after a warm-up.
//
// Workloads:
//
//	rosenbrock  Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², n = 10⁶, vector ops: value (on a value tape, as
//	            PyTorch's no_grad; and on an ordinary tape, for the cheap-gradient ratio), and value+gradient
//	scalar      micrograd-style graph of scalar ops (mul, add, tanh, relu), forward+backward, per op
//	hessian     full Hessian of Σxᵢ⁴ + (Σxᵢ)², n = 500 (PyTorch: autograd.functional.hessian, vectorize=True)
//	mlp         784-256-256-10 ReLU MLP, softmax cross-entropy, batch 256, one SGD step
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gradbook/gradbook/lib/ad"
	"gonum.org/v1/gonum/mat"
)

const torchServer = `
import sys, time, torch
torch.set_num_threads(1)
dt = torch.float64
torch.manual_seed(0)
n = 1_000_000
x = torch.rand(n, dtype=dt) * 2 - 1
xr = x.clone().requires_grad_(True)
def rosen(x):
    return (100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()
def rosen_value():
    with torch.no_grad():
        rosen(x)
def rosen_grad():
    xr.grad = None
    rosen(xr).backward()
SCALAR_OPS = int(sys.argv[1])
def scalar_graph():
    xs = [torch.tensor(0.1 * (i + 1), dtype=dt, requires_grad=True) for i in range(10)]
    v = xs[0]
    count, i = 0, 1
    while count < SCALAR_OPS:
        b = xs[i % 10]
        k = i % 4
        if k == 0: v = v * b; count += 1
        elif k == 1: v = v + b; count += 1
        elif k == 2: v = torch.tanh(v); count += 1
        else: v = torch.relu(v - b); count += 2
        i += 1
    v.backward()
hx = torch.rand(500, dtype=dt)
def quartic(x):
    return (x ** 4).sum() + x.sum() ** 2
def hessian():
    torch.autograd.functional.hessian(quartic, hx, vectorize=True)
g = torch.Generator().manual_seed(1)
X = torch.randn(256, 784, dtype=dt, generator=g)
Y = torch.randint(0, 10, (256,), generator=g)
W1 = (torch.randn(784, 256, dtype=dt, generator=g) * 0.05).requires_grad_(True)
B1 = torch.zeros(256, dtype=dt, requires_grad=True)
W2 = (torch.randn(256, 256, dtype=dt, generator=g) * 0.06).requires_grad_(True)
B2 = torch.zeros(256, dtype=dt, requires_grad=True)
W3 = (torch.randn(256, 10, dtype=dt, generator=g) * 0.06).requires_grad_(True)
B3 = torch.zeros(10, dtype=dt, requires_grad=True)
params = [W1, B1, W2, B2, W3, B3]
def mlp():
    h = torch.relu(X @ W1 + B1)
    h = torch.relu(h @ W2 + B2)
    loss = torch.nn.functional.cross_entropy(h @ W3 + B3, Y)
    for p in params: p.grad = None
    loss.backward()
    with torch.no_grad():
        for p in params: p -= 0.01 * p.grad
cases = {"rosen_value": rosen_value, "rosen_value_tape": rosen_value, "rosen_grad": rosen_grad, "scalar": scalar_graph, "hessian": hessian, "mlp": mlp}
print("ready", torch.__version__, torch.get_num_threads(), flush=True)
for line in sys.stdin:
    f = cases[line.strip()]
    t = time.perf_counter(); f(); d = time.perf_counter() - t
    print(f"{d * 1e3:.6f}", flush=True)
`

const (
	torchScalarOps = 10_000  // PyTorch's scalar ops take µs each: fewer of them
	goScalarOps    = 100_000 // the 10⁵
)

var workloads = []string{"rosen_value", "rosen_value_tape", "rosen_grad", "scalar", "hessian", "mlp"}

func main() {
	reps := flag.Int("reps", 9, "repetitions (medians are reported)")
	python := flag.String("python", "/usr/bin/python3", "Python with torch")
	flag.Parse()

	goRun := goWorkloads()
	torch, err := startTorch(*python)
	if err != nil {
		fmt.Fprintln(os.Stderr, "PyTorch unavailable, Go figures only:", err)
	}
	times := map[string][]float64{}
	for rep := -1; rep < *reps; rep++ { // rep −1 warms up
		for _, w := range workloads {
			t0 := time.Now()
			goRun[w]()
			g := float64(time.Since(t0).Nanoseconds()) / 1e6
			var p float64
			if torch != nil {
				if p, err = torch.run(w); err != nil {
					fmt.Fprintln(os.Stderr, "PyTorch:", err)
					os.Exit(1)
				}
			}
			if rep >= 0 {
				times["go "+w] = append(times["go "+w], g)
				times["torch "+w] = append(times["torch "+w], p)
			}
		}
	}
	med := func(k string) float64 {
		s := slices.Clone(times[k])
		slices.Sort(s)
		return s[len(s)/2]
	}
	fmt.Printf("lib/ad (BLAS: %s) vs PyTorch %s (float64, 1 thread), Go %s GOMAXPROCS=%d, %d CPUs, medians of %d interleaved runs\n", backend,
		torchVersion(torch), runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU(), *reps)
	fmt.Printf("%-44s %12s %12s %8s  %s\n", "workload", "PyTorch", "gradbook", "ratio", "target")
	// spread is the range of the per-repetition ratios gradbook/PyTorch of
	// workload w (each repetition times both sides back to back), scaled
	// by k: how much the load moved the figure during the run; and the
	// ratio of the fastest runs, the least disturbed on a shared machine.
	spread := func(w string, k float64) string {
		g, p := times["go "+w], times["torch "+w]
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range g {
			lo, hi = min(lo, k*g[i]/p[i]), max(hi, k*g[i]/p[i])
		}
		return fmt.Sprintf("[runs %.3g–%.3g; fastest/fastest %.3g]", lo, hi, k*slices.Min(g)/slices.Min(p))
	}
	row := func(name string, p, g float64, unit, target, spread string) {
		fmt.Printf("%-44s %9.3f %-2s %9.3f %-2s %8.3f  %-18s %s\n", name, p, unit, g, unit, g/p, target, spread)
	}
	pv, pg := med("torch rosen_value"), med("torch rosen_grad")
	gv, gg := med("go rosen_value"), med("go rosen_grad")
	row("Rosenbrock n=1e6 value (value tape)", pv, gv, "ms", "ratio ≤ 1.2", spread("rosen_value", 1))
	row("Rosenbrock n=1e6 value+gradient", pg, gg, "ms", "ratio ≤ 1.0", spread("rosen_grad", 1))
	// The cheap-gradient ratio compares like with like: the value recorded
	// on an ordinary tape, as Backward needs it (for PyTorch the same
	// no_grad value, its only value path).
	fmt.Printf("%-44s %12.2f %12.2f %8s  %s\n", "  time(value+gradient)/time(value on a tape)", pg/pv, gg/med("go rosen_value_tape"), "", "gradbook ≤ 3")
	ps := med("torch scalar") / torchScalarOps * 1e6
	gs := med("go scalar") / goScalarOps * 1e6
	row("scalar graph, fwd+bwd per op", ps, gs, "ns", "gradbook ≤ 100 ns", spread("scalar", float64(torchScalarOps)/goScalarOps))
	row("Hessian of Σx⁴+(Σx)², n=500", med("torch hessian"), med("go hessian"), "ms", "ratio ≤ 1.0", spread("hessian", 1))
	row("MLP 784-256-256-10, batch 256, SGD step", med("torch mlp"), med("go mlp"), "ms", "pure Go ≤ 1.5", spread("mlp", 1))
	// The step's matrix products: forward X·W1, H1·W2, H2·W3; backward
	// Xᵀ·Ḡ1 (X is a constant: no X̄), Ḡ2·W2ᵀ, H1ᵀ·Ḡ2, Ḡ3·W3ᵀ, H2ᵀ·Ḡ3.
	const b, i, h, o = 256, 784, 256, 10
	mflop := 2 * float64(b*i*h+b*h*h+b*h*o+i*b*h+2*b*h*h+2*b*h*o) / 1e6
	fmt.Printf("%-44s %9.1f    %9.1f     GFLOP/s of matrix products (%.0f Mflop a step)\n", "  MLP arithmetic rate",
		mflop/med("torch mlp"), mflop/med("go mlp"), mflop)
}

type torchProc struct {
	in      *bufio.Writer
	out     *bufio.Scanner
	version string
}

func torchVersion(t *torchProc) string {
	if t == nil {
		return "(absent)"
	}
	return t.version
}

func startTorch(python string) (*torchProc, error) {
	cmd := exec.Command(python, "-c", torchServer, strconv.Itoa(torchScalarOps))
	cmd.Env = append(os.Environ(),
		"GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967296",
		"OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	t := &torchProc{in: bufio.NewWriter(stdin), out: bufio.NewScanner(stdout)}
	if !t.out.Scan() {
		return nil, fmt.Errorf("torch child exited before ready (is python3-torch installed?)")
	}
	f := strings.Fields(t.out.Text())
	if len(f) < 3 || f[0] != "ready" {
		return nil, fmt.Errorf("torch child said %q", t.out.Text())
	}
	t.version = f[1]
	return t, nil
}

func (t *torchProc) run(w string) (float64, error) {
	fmt.Fprintln(t.in, w)
	t.in.Flush()
	if !t.out.Scan() {
		return 0, fmt.Errorf("torch child stopped during %s", w)
	}
	return strconv.ParseFloat(strings.TrimSpace(t.out.Text()), 64)
}

// goWorkloads builds the Go side of every workload; each function runs one
// call on state kept between calls (a reused tape), as a training loop would.
func goWorkloads() map[string]func() {
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, 1_000_000)
	for i := range x {
		x[i] = rng.Float64()*2 - 1
	}
	rosen := func(t *ad.Tape, x ad.Var) ad.Var {
		n := x.Len()
		head, tail := x.Rows(0, n-1), x.Rows(1, n)
		return tail.Sub(head.Square()).Square().Scale(100).Add(head.RSub(1).Square()).Sum()
	}
	tv, tg := ad.NewValueTape(), ad.NewTape() // values alone: PyTorch's no_grad

	st := ad.NewScalars()
	xs := make([]ad.Scalar, 10)
	scalar := func() {
		st.Reset()
		for i := range xs {
			xs[i] = st.Var(0.1 * float64(i+1))
		}
		v := xs[0]
		for i := 1; st.Len() < goScalarOps+len(xs); i++ {
			b := xs[i%len(xs)]
			switch i % 4 {
			case 0:
				v = v.Mul(b)
			case 1:
				v = v.Add(b)
			case 2:
				v = v.Tanh()
			default:
				v = v.Sub(b).ReLU()
			}
		}
		st.Backward(v)
	}

	hx := make([]float64, 500)
	for i := range hx {
		hx[i] = rng.Float64()
	}
	quartic := func(t *ad.Tape, x ad.Var) ad.Var { return x.Pow(4).Sum().Add(x.Sum().Square()) }
	hess := mat.NewSymDense(len(hx), nil)

	fill := func(r, c int, s float64) *mat.Dense {
		d := make([]float64, r*c)
		for i := range d {
			d[i] = rng.NormFloat64() * s
		}
		return mat.NewDense(r, c, d)
	}
	X := fill(256, 784, 1)
	labels := make([]int, 256)
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	params := []*mat.Dense{fill(784, 256, 0.05), fill(1, 256, 0), fill(256, 256, 0.06), fill(1, 256, 0), fill(256, 10, 0.06), fill(1, 10, 0)}
	vars := make([]ad.Var, len(params))
	tm := ad.NewTape()
	mlp := func() {
		tm.Reset()
		for i, p := range params {
			vars[i] = tm.Variable(p)
		}
		h := tm.Constant(X).MatMul(vars[0]).Add(vars[1]).ReLU()
		h = h.MatMul(vars[2]).Add(vars[3]).ReLU()
		loss := h.MatMul(vars[4]).Add(vars[5]).SoftmaxCrossEntropy(labels)
		tm.Backward(loss)
		for i, p := range params {
			d := p.RawMatrix().Data
			for j, g := range vars[i].Grad() {
				d[j] -= 0.01 * g
			}
		}
	}
	return map[string]func(){
		"rosen_value":      func() { tv.Reset(); rosen(tv, tv.ConstantVec(x)) },
		"rosen_value_tape": func() { tg.Reset(); rosen(tg, tg.ConstantVec(x)) },
		"rosen_grad": func() {
			tg.Reset()
			v := tg.VariableVec(x)
			tg.Backward(rosen(tg, v))
		},
		"scalar":  scalar,
		"hessian": func() { ad.Hessian(hess, quartic, hx) },
		"mlp":     mlp,
	}
}

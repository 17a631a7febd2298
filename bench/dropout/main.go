// Command dropout measures inverted dropout on 10⁷ float32 values with
// lib/dropout and, in the same run, with torch.nn.Dropout through Debian's
// /usr/bin/python3 when python3-torch is installed, and prints the ratios.
//
// Usage:
//
//	go run ./dropout [-n 10000000] [-keep 0.5] [-reps 15] [-python /usr/bin/python3]
//
// run from the bench/ module. Every figure is the median of -reps timed
// repetitions after one warm-up. Ours is measured in place (dst = x) on all
// cores (GOMAXPROCS) and on one; a plain copy of the same bytes gives the
// memory-bandwidth floor. PyTorch is measured with one intra-op thread, its
// default thread count and one thread per CPU, as torch.nn.Dropout(p)(x) (a new output
// tensor, the usual call) and with inplace=True.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gradbook/gradbook/lib/dropout"
)

func main() {
	n := flag.Int("n", 10_000_000, "number of float32 values")
	keep := flag.Float64("keep", 0.5, "keep probability (PyTorch's p is 1 − keep)")
	reps := flag.Int("reps", 15, "timed repetitions per measurement")
	python := flag.String("python", "/usr/bin/python3", "Python with torch")
	flag.Parse()
	if *n <= 0 || *reps <= 0 || !(*keep > 0 && *keep <= 1) {
		fmt.Fprintln(os.Stderr, "dropout: need n > 0, reps > 0 and keep in (0, 1]")
		os.Exit(2)
	}

	x := make([]float32, *n)
	y := make([]float32, *n)
	for i := range x {
		x[i] = 1
	}
	procs := runtime.GOMAXPROCS(0)
	fmt.Printf("n = %d float32 (%.0f MB), keep = %g, median of %d runs, GOMAXPROCS = %d, %s\n",
		*n, float64(4**n)/1e6, *keep, *reps, procs, runtime.Version())

	copyMs := median(*reps, func() { copy(y, x) })
	var key uint64
	ours := median(*reps, func() {
		key++
		dropout.Mask{Keep: *keep, Key: key}.Apply32(x, x)
	})
	runtime.GOMAXPROCS(1)
	ours1 := median(*reps, func() {
		key++
		dropout.Mask{Keep: *keep, Key: key}.Apply32(x, x)
	})
	runtime.GOMAXPROCS(procs)
	gbs := func(ms float64) float64 { return 8 * float64(*n) / (ms * 1e6) } // read + write
	fmt.Printf("%-46s %8.2f ms  %5.1f GB/s\n", "copy (bandwidth floor, same bytes)", copyMs, gbs(copyMs))
	fmt.Printf("%-46s %8.2f ms  %5.1f GB/s\n", fmt.Sprintf("gradbook Apply32 in place, %d goroutines", procs), ours, gbs(ours))
	fmt.Printf("%-46s %8.2f ms  %5.1f GB/s\n", "gradbook Apply32 in place, 1 goroutine", ours1, gbs(ours1))

	torch, err := runTorch(*python, *n, *keep, *reps)
	if err != nil {
		fmt.Printf("PyTorch not measured: %v\n", err)
		return
	}
	for _, t := range torch {
		fmt.Printf("%-46s %8.2f ms  %5.1f GB/s\n", "torch "+t.name, t.ms, gbs(t.ms))
	}
	fmt.Println("ratios (gradbook time / torch time; target ≤ 0.25 against torch's default call):")
	for _, t := range torch {
		fmt.Printf("  %-44s %d goroutines %.3f   1 goroutine %.3f\n", t.name, procs, ours/t.ms, ours1/t.ms)
	}
}

// median runs f once to warm up, then reps times, and returns the median
// duration in milliseconds.
func median(reps int, f func()) float64 {
	f()
	ts := make([]float64, reps)
	for i := range ts {
		start := time.Now()
		f()
		ts[i] = float64(time.Since(start).Nanoseconds()) / 1e6
	}
	slices.Sort(ts)
	return ts[reps/2]
}

type torchTime struct {
	name string
	ms   float64
}

// torchScript prints one "name<TAB>milliseconds" line per measurement.
const torchScript = `
import os, sys, time, statistics, torch
n, p, reps = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
default_threads = torch.get_num_threads()
x = torch.ones(n, dtype=torch.float32)
torch.manual_seed(0)
def med(f):
    f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ts)
with torch.no_grad():
    for threads in sorted({1, default_threads, os.cpu_count()}):
        torch.set_num_threads(threads)
        d = torch.nn.Dropout(p).train()
        print(f"nn.Dropout(p={p}), {threads} thread(s)\t{med(lambda: d(x))}")
        di = torch.nn.Dropout(p, inplace=True).train()
        print(f"nn.Dropout(p={p}, inplace), {threads} thread(s)\t{med(lambda: di(x))}")
print(f"version\t{torch.__version__}, default {default_threads} intra-op thread(s)", file=sys.stderr)
`

func runTorch(python string, n int, keep float64, reps int) ([]torchTime, error) {
	cmd := exec.Command(python, "-c", torchScript, strconv.Itoa(n), strconv.FormatFloat(1-keep, 'g', -1, 64), strconv.Itoa(reps))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %s", python, err, lastLine(stderr.String()))
	}
	fmt.Printf("PyTorch %s via %s\n", strings.TrimPrefix(strings.TrimSpace(stderr.String()), "version\t"), python)
	var ts []torchTime
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, ms, ok := strings.Cut(line, "\t")
		v, err := strconv.ParseFloat(ms, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("unexpected line from python: %q", line)
		}
		ts = append(ts, torchTime{name, v})
	}
	return ts, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

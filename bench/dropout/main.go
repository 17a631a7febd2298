// Command dropout measures inverted dropout on 10⁷ float32 values with
// lib/dropout and, in the same run, with torch.nn.Dropout through Debian's
// /usr/bin/python3 when python3-torch is installed, and prints the ratios.
//
// Usage (from the bench/ module):
//
//	go run ./dropout [-n 10000000] [-keep 0.5] [-reps 15] [-python /usr/bin/python3]
//
// Both wall-clock and CPU time are reported. The measurements are interleaved: every repetition times each contender
// once, in turn, with PyTorch kept running in a child process that times
// its own call and reports it on a pipe. So a change of machine load hits
// all contenders alike, and each ratio is also computed per repetition.
// The figures are medians over -reps repetitions after one warm-up.
//
// Ours runs in place (dst = x) on GOMAXPROCS goroutines and on one; a plain
// copy of the same bytes gives the memory-bandwidth floor. PyTorch runs
// torch.nn.Dropout(p)(x) (a new output tensor, the usual call) and
// inplace=True, with one intra-op thread and with one thread per CPU.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gradbook/gradbook/lib/dropout"
)

// torchServer reads "THREADS INPLACE" lines and answers each with the
// wall-clock and CPU milliseconds of one dropout call; it prints
// "ready VERSION THREADS" first.
const torchServer = `
import os, sys, time, torch
n, p = int(sys.argv[1]), float(sys.argv[2])
x = torch.ones(n, dtype=torch.float32)
torch.manual_seed(0)
mods = {False: torch.nn.Dropout(p).train(), True: torch.nn.Dropout(p, inplace=True).train()}
print("ready", torch.__version__, torch.get_num_threads(), flush=True)
with torch.no_grad():
    for line in sys.stdin:
        threads, inplace = line.split()
        torch.set_num_threads(int(threads))
        d = mods[inplace == "1"]
        c0, t0 = time.process_time(), time.perf_counter()
        d(x)
        t1, c1 = time.perf_counter(), time.process_time()
        print((t1 - t0) * 1e3, (c1 - c0) * 1e3, flush=True)
`

// A contender is one way of doing the job; run times one call.
type contender struct {
	name string
	run  func() (t timing, err error)
	wall []float64
	cpu  []float64
}

// timing is one call's wall-clock time and the CPU time its process used
// (all threads), in milliseconds. Wall time is what a user waits for; CPU
// time is the work done, and is far less sensitive to other jobs on the
// machine, which stretch long calls (many scheduler slices) more than
// short ones.
type timing struct{ wall, cpu float64 }

// cpuNow returns the CPU time used by this process so far, in ms.
func cpuNow() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

func main() {
	n := flag.Int("n", 10_000_000, "number of float32 values")
	keep := flag.Float64("keep", 0.5, "keep probability (PyTorch's p is 1 − keep)")
	reps := flag.Int("reps", 15, "timed repetitions")
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
	var key uint64
	timeGo := func(goroutines int, f func()) func() (timing, error) {
		return func() (timing, error) {
			old := runtime.GOMAXPROCS(goroutines)
			defer runtime.GOMAXPROCS(old)
			c0, start := cpuNow(), time.Now()
			f()
			wall, c1 := time.Since(start), cpuNow()
			return timing{float64(wall.Nanoseconds()) / 1e6, c1 - c0}, nil
		}
	}
	apply := func() {
		key++
		dropout.Mask{Keep: *keep, Key: key}.Apply32(x, x)
	}
	cs := []*contender{
		{name: "copy (bandwidth floor, same bytes)", run: timeGo(procs, func() { copy(y, x) })},
		{name: fmt.Sprintf("gradbook Apply32 in place, %d goroutines", procs), run: timeGo(procs, apply)},
		{name: "gradbook Apply32 in place, 1 goroutine", run: timeGo(1, apply)},
	}
	ours, ours1 := cs[1], cs[2]

	torch, version, err := startTorch(*python, *n, 1-*keep)
	var torchCs []*contender
	if err != nil {
		fmt.Printf("PyTorch not measured: %v\n", err)
	} else {
		defer torch.close()
		for _, threads := range []int{1, runtime.NumCPU()} {
			for _, inplace := range []bool{false, true} {
				name := fmt.Sprintf("torch nn.Dropout(p=%g), %d thread(s)", 1-*keep, threads)
				if inplace {
					name = fmt.Sprintf("torch nn.Dropout(p=%g, inplace), %d thread(s)", 1-*keep, threads)
				}
				c := &contender{name: name, run: func() (timing, error) { return torch.call(threads, inplace) }}
				torchCs = append(torchCs, c)
				cs = append(cs, c)
			}
			if runtime.NumCPU() == 1 {
				break
			}
		}
	}
	fmt.Printf("n = %d float32 (%.0f MB), keep = %g, %d interleaved repetitions, GOMAXPROCS = %d, %s%s\n",
		*n, float64(4**n)/1e6, *keep, *reps, procs, runtime.Version(), version)

	for rep := -1; rep < *reps; rep++ { // rep −1 is the warm-up
		for _, c := range cs {
			t, err := c.run()
			if err != nil {
				fmt.Fprintf(os.Stderr, "dropout: %s: %v\n", c.name, err)
				os.Exit(1)
			}
			if rep >= 0 {
				c.wall, c.cpu = append(c.wall, t.wall), append(c.cpu, t.cpu)
			}
		}
	}

	gbs := func(ms float64) float64 { return 8 * float64(*n) / (ms * 1e6) } // one read and one write
	fmt.Println("median per call:                                          wall        CPU   bandwidth (wall)")
	for _, c := range cs {
		w := median(c.wall)
		fmt.Printf("  %-50s %9.2f ms %9.2f ms  %5.1f GB/s\n", c.name, w, median(c.cpu), gbs(w))
	}
	if len(torchCs) == 0 {
		return
	}
	fmt.Println("ratio gradbook / torch, median of per-repetition ratios (target ≤ 0.25 against the usual call):")
	fmt.Printf("  %-50s %14s %14s %14s %14s\n", "", "wall, 2 gor.", "wall, 1 gor.", "CPU, 2 gor.", "CPU, 1 gor.")
	for _, t := range torchCs {
		fmt.Printf("  %-50s %14.3f %14.3f %14.3f %14.3f\n", t.name,
			pairedRatio(ours.wall, t.wall), pairedRatio(ours1.wall, t.wall),
			pairedRatio(ours.cpu, t.cpu), pairedRatio(ours1.cpu, t.cpu))
	}
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func pairedRatio(a, b []float64) float64 {
	r := make([]float64, len(a))
	for i := range a {
		r[i] = a[i] / b[i]
	}
	return median(r)
}

type torchProc struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

func startTorch(python string, n int, p float64) (*torchProc, string, error) {
	cmd := exec.Command(python, "-c", torchServer, strconv.Itoa(n), strconv.FormatFloat(p, 'g', -1, 64))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, "", err
	}
	outPipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("%s: %v", python, err)
	}
	t := &torchProc{cmd: cmd, in: in, out: bufio.NewScanner(outPipe)}
	if !t.out.Scan() {
		cmd.Wait()
		return nil, "", fmt.Errorf("%s: %s", python, lastLine(stderr.String()))
	}
	f := strings.Fields(t.out.Text())
	if len(f) != 3 || f[0] != "ready" {
		t.close()
		return nil, "", fmt.Errorf("%s: unexpected greeting %q", python, t.out.Text())
	}
	return t, fmt.Sprintf(", PyTorch %s (default %s intra-op thread(s)) via %s", f[1], f[2], python), nil
}

func (t *torchProc) call(threads int, inplace bool) (timing, error) {
	flag := 0
	if inplace {
		flag = 1
	}
	if _, err := fmt.Fprintf(t.in, "%d %d\n", threads, flag); err != nil {
		return timing{}, err
	}
	if !t.out.Scan() {
		return timing{}, fmt.Errorf("python stopped: %v", t.out.Err())
	}
	var tm timing
	if _, err := fmt.Sscan(t.out.Text(), &tm.wall, &tm.cpu); err != nil {
		return timing{}, fmt.Errorf("unexpected answer from python %q: %v", t.out.Text(), err)
	}
	return tm, nil
}

func (t *torchProc) close() {
	t.in.Close()
	t.cmd.Wait()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

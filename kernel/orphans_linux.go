package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Jupyter starts each kernel as a child of its server; gonb starts gopls in
// a process group of its own and each cell's program as its child. When a
// kernel goes away without stopping them (seen: a notebook page opened twice
// left gopls running after its kernel shut down), they are orphaned and would
// live on under PID 1. lab makes itself a child subreaper, so orphans below
// it are re-parented to lab instead, and kills them: every child of lab other
// than the server it started is, by construction, left over from a dead
// kernel.

// adoptOrphans makes this process the parent of its orphaned descendants.
func adoptOrphans() error {
	return unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
}

// killOrphans kills every child of this process, with its descendants,
// except keep, and reaps what it killed. It returns how many it killed.
func killOrphans(keep int) int {
	me := os.Getpid()
	children := childrenByParent()
	killed := 0
	for _, pid := range children[me] {
		if pid == keep {
			continue
		}
		for _, p := range append(below(children, pid), pid) {
			if syscall.Kill(p, syscall.SIGKILL) == nil {
				killed++
			}
		}
	}
	for {
		pid, err := syscall.Wait4(-1, nil, syscall.WNOHANG, nil)
		if pid <= 0 || err != nil {
			break
		}
	}
	return killed
}

// reapOrphansEvery kills orphans adopted by this process every period until
// stop is closed.
func reapOrphansEvery(period time.Duration, keep int, stop <-chan struct{}) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			killOrphans(keep)
		}
	}
}

// childrenByParent maps each live process's parent to its children, from
// /proc; zombies are left out.
func childrenByParent() map[int][]int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := map[int][]int{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(stat)
		fields := strings.Fields(s[strings.LastIndex(s, ")")+1:])
		if len(fields) < 2 || fields[0] == "Z" {
			continue
		}
		ppid, err := strconv.Atoi(fields[1])
		if err != nil {
			continue
		}
		children[ppid] = append(children[ppid], pid)
	}
	return children
}

// below lists every descendant of pid.
func below(children map[int][]int, pid int) []int {
	var out []int
	stack := []int{pid}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range children[p] {
			out = append(out, c)
			stack = append(stack, c)
		}
	}
	return out
}

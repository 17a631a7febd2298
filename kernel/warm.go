package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// warmPackages are compiled into the Go build cache by warm. gonb compiles
// every cell as a program; a cold cache makes the first plot cell of a fresh
// install take ~30 s (gonum/plot, its fonts and image encoders), a warm one
// about a second (measured, see DESIGN.md).
var warmPackages = []string{
	"./lib/...",
	"github.com/janpfeifer/gonb/gonbui",
	"github.com/janpfeifer/gonb/cache",
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/gonum/optimize",
	"gonum.org/v1/plot",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/plotutil",
	"gonum.org/v1/plot/vg",
	"gonum.org/v1/plot/vg/draw",
	"gonum.org/v1/plot/vg/vgimg",
	"gonum.org/v1/plot/vg/vgsvg",
}

func runWarm(args []string) error {
	fs := flag.NewFlagSet("warm", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	return warm()
}

// warm compiles lib/ and the plotting packages the notebooks use, so that the
// first cell a student runs links against cached packages.
func warm() error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	start := time.Now()
	cmd := exec.Command("go", append([]string{"build"}, warmPackages...)...)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s: %v", strings.Join(warmPackages, " "), err)
	}
	fmt.Printf("build cache warm (%d package patterns, %.1fs)\n", len(warmPackages), time.Since(start).Seconds())
	return nil
}

package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/gradbook/gradbook/internal/sysdeps"
)

// runSetup prepares a machine for a purpose: the pieces from outside Go that
// it needs (internal/sysdeps has the table), a module cache the offline kernel
// can resolve every notebook from, and the pinned tools. `make test` runs
// `setup test` before any test, so no test installs anything and none finds a
// package half unpacked by another.
func runSetup(args []string) error {
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run ./kernel setup PURPOSE...\n\npurposes: %s\n", strings.Join(sysdeps.PurposeNames(), ", "))
		for _, n := range sysdeps.PurposeNames() {
			fmt.Fprintf(fs.Output(), "  %-5s %s\n", n, strings.Join(sysdeps.Purposes[n], ", "))
		}
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("no purpose given")
	}
	var names []string
	seen := map[string]bool{}
	for _, purpose := range fs.Args() {
		pieces, ok := sysdeps.Purposes[purpose]
		if !ok {
			return fmt.Errorf("unknown purpose %q (want one of %s)", purpose, strings.Join(sysdeps.PurposeNames(), ", "))
		}
		for _, p := range pieces {
			if !seen[p] {
				seen[p] = true
				names = append(names, p)
			}
		}
	}
	if seen["jupyter"] {
		// Jupyter has a pip route where apt is not available.
		if _, err := ensureJupyter(); err != nil {
			return err
		}
	}
	if err := sysdeps.Install(names...); err != nil {
		return err
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if err := ensureModules(root); err != nil {
		return err
	}
	for _, purpose := range fs.Args() {
		if purpose == "test" {
			// The tools the kernel tests install from, built once here
			// rather than by the first of several test binaries.
			if _, err := buildTools(root, binDir(root), true, false); err != nil {
				return err
			}
		}
	}
	fmt.Printf("set up for %s: %s present; module cache resolves offline\n", strings.Join(fs.Args(), ", "), strings.Join(names, ", "))
	return nil
}

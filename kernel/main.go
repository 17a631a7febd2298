// Command kernel sets up and drives gradbook's Jupyter kernel.
//
// Usage:
//
//	go run ./kernel <verb> [flags] [args]
//
// The verbs are listed by `go run ./kernel help`. Every verb works on a fresh
// machine: a verb that needs the kernel or Jupyter installs them first.
package main

import (
	"fmt"
	"os"
	"strings"
)

// A verb is one sub-command of the kernel command.
type verb struct {
	name    string
	summary string
	run     func(args []string) error
}

// verbs is the table of sub-commands, in the order help lists them.
var verbs []verb

func init() {
	verbs = []verb{
		{"setup", "install what a purpose needs from outside Go (Debian packages), fill the module cache: setup lab|test|e2e|hub|html", runSetup},
		{"install", "build the pinned gonb, goimports and gopls and write the Go (gradbook) kernel spec", runInstall},
		{"doctor", "check Go, the tools, Jupyter and the kernel spec, with a fix for each failure", runDoctor},
		{"warm", "pre-build lib/ and the plotting packages into the Go build cache", runWarm},
		{"lab", "install, warm, then serve notebooks/ in JupyterLab on 127.0.0.1", runLab},
		{"exec", "execute notebooks headless through the kernel: exec [-out DIR] NOTEBOOK...", runExec},
		{"assign", "write the student version of an assignment: assign SOURCE.ipynb DEST", runAssign},
		{"grade", "grade submissions in a sandbox against the source's observations: grade -source SRC.ipynb [-out DIR] [-j N] [-shard K/N] submitted/STUDENT/NB.ipynb...; grade -merge SHARD.json...", runGrade},
		{"html", "execute the notebooks and render the static site with an index: html [-out DIR]", runHTML},
	}
}

func main() {
	if len(os.Args) < 2 || os.Args[1] == "help" || os.Args[1] == "-h" || os.Args[1] == "--help" {
		usage()
		if len(os.Args) < 2 {
			os.Exit(2)
		}
		return
	}
	name := os.Args[1]
	for _, v := range verbs {
		if v.name == name {
			if err := v.run(os.Args[2:]); err != nil {
				fmt.Fprintf(os.Stderr, "kernel %s: %v\n", name, err)
				os.Exit(1)
			}
			return
		}
	}
	fmt.Fprintf(os.Stderr, "kernel: unknown verb %q\n\n", name)
	usage()
	os.Exit(2)
}

func usage() {
	var b strings.Builder
	b.WriteString("usage: go run ./kernel <verb> [args]\n\nverbs:\n")
	for _, v := range verbs {
		fmt.Fprintf(&b, "  %-8s %s\n", v.name, v.summary)
	}
	fmt.Fprint(os.Stderr, b.String())
}

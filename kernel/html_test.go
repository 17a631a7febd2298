package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradbook/gradbook/internal/nbformat"
)

func TestDescribe(t *testing.T) {
	nb, err := nbformat.Read("testdata/html/plot.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	title, summary, goals := describe(nb, "fallback")
	if title != "A page with a plot" {
		t.Errorf("title %q", title)
	}
	if want := "A test page for <code>go run ./kernel html</code>."; string(summary) != want {
		t.Errorf("summary %q, want %q", summary, want)
	}
	if len(goals) != 2 || goals[1] != "read $e^{i\\pi} + 1 = 0$." {
		t.Errorf("goals %q", goals)
	}
	if title, _, _ := describe(nbformat.Notebook{"cells": []any{}}, "fallback"); title != "fallback" {
		t.Errorf("a notebook without a heading is titled %q", title)
	}
}

func TestCheckPagesFindsMissingImages(t *testing.T) {
	dir := t.TempDir()
	s := &site{Lectures: []sitePage{{HTML: "a.html", Images: 2}}}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<a href="a.html">a</a>`), 0o644)
	os.WriteFile(filepath.Join(dir, "a.html"), []byte(`<img src="data:image/png;base64,AAAA">`), 0o644)
	if err := checkPages(dir, s); err == nil || !strings.Contains(err.Error(), "a.html shows 1 images, its notebook has 2") {
		t.Errorf("one image of two: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "a.html"), []byte(`<img src="data:image/png;base64,AAAA"><img alt="x" src="data:image/png;base64,BBBB">`), 0o644)
	if err := checkPages(dir, s); err != nil {
		t.Errorf("two images of two: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`no links`), 0o644)
	if err := checkPages(dir, s); err == nil || !strings.Contains(err.Error(), "does not link a.html") {
		t.Errorf("missing link: %v", err)
	}
}

// TestHTMLSite builds the site for one small notebook with two plots
// through the real kernel and nbconvert, with the assignments, and checks
// every page for its images, math and links. (CI executes every lecture
// notebook in the notebook tests; executing them all again here would
// double the test time.)
func TestHTMLSite(t *testing.T) {
	if testing.Short() {
		t.Skip("executes a notebook through the kernel and renders with nbconvert")
	}
	testKernel(t)
	out := t.TempDir()
	s, err := buildSite([]string{"testdata/html/plot.ipynb"}, htmlOptions{outDir: out, assignments: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Lectures) != 1 || s.Lectures[0].Images != 2 {
		t.Fatalf("lectures %+v, want one page with 2 images", s.Lectures)
	}
	srcs, _ := filepath.Glob("../notebooks/assignments/*.ipynb")
	if len(s.Assignments) != len(srcs) {
		t.Errorf("%d assignment pages for %d assignments", len(s.Assignments), len(srcs))
	}
	page, err := os.ReadFile(filepath.Join(out, "plot.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pageImageRE.FindAll(page, -1)); n != 2 {
		t.Errorf("plot.html embeds %d PNG images, want 2", n)
	}
	for _, want := range []string{`src="mathjax/MathJax.js?config=`, `e^{i\pi} + 1 = 0`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("plot.html lacks %q (math for MathJax)", want)
		}
	}
	for _, p := range []string{"index.html", "notebooks/plot.ipynb", "mathjax/MathJax.js", "mathjax/jax/output/CommonHTML/jax.js"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
	for _, a := range s.Assignments {
		data, err := os.ReadFile(filepath.Join(out, a.HTML))
		if err != nil {
			t.Error(err)
			continue
		}
		if strings.Contains(string(data), "BEGIN SOLUTION") || !strings.Contains(string(data), "not implemented") {
			t.Errorf("%s is not the student version", a.HTML)
		}
		if !strings.Contains(string(data), `src="../mathjax/MathJax.js?config=`) {
			t.Errorf("%s does not load the site's MathJax from ../mathjax", a.HTML)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/gradbook/gradbook/internal/nbformat"
)

// The site `make html` builds (out/site by default):
//
//	index.html                 every lecture and assignment with its goals
//	NN-name.html               each lecture notebook, executed, with its plots
//	notebooks/NN-name.ipynb    the lecture notebooks to download (outputs cleared)
//	assignments/NAME.html      each assignment's student version (not executed)
//	assignments/NAME.ipynb     the student version to download
//
// Pages are rendered by nbconvert's HTML exporter (lab template). Plots are
// embedded as PNG data URIs (PNG is preferred over SVG so every page works
// as a single file), and math is typeset in the reader's browser by the
// copy of MathJax in mathjax/ (see mathjax.go), loaded by a relative
// address: the site needs no network and works from any folder or file://.

// htmlOptions control a site build.
type htmlOptions struct {
	outDir      string        // the site
	executed    string        // reuse executed copies from here instead of running the notebooks
	timeout     time.Duration // per cell when executing
	mathJax     string        // a MathJax URL instead of the site's own copy
	assignments bool          // also publish the assignments' student versions
}

func runHTML(args []string) error {
	fs := flag.NewFlagSet("html", flag.ContinueOnError)
	var opt htmlOptions
	fs.StringVar(&opt.outDir, "out", "", "folder for the site (default <repo>/out/site)")
	fs.StringVar(&opt.executed, "executed", "", "take executed notebooks from this folder instead of executing them (e.g. out/executed after `exec`)")
	fs.DurationVar(&opt.timeout, "timeout", 10*time.Minute, "time limit per cell")
	fs.StringVar(&opt.mathJax, "mathjax", "", "MathJax URL the pages load (default: a copy of Debian's libjs-mathjax in the site)")
	fs.BoolVar(&opt.assignments, "assignments", true, "also publish the student versions of notebooks/assignments")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./kernel html [-out DIR] [-executed DIR] [NOTEBOOK.ipynb ...]\n\n"+
			"Executes the lecture notebooks (default: every notebooks/*.ipynb) and renders\n"+
			"them, with the assignments' student versions, into a static site.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if opt.outDir == "" {
		opt.outDir = filepath.Join(root, "out", "site")
	}
	nbs := fs.Args()
	if len(nbs) == 0 {
		if nbs, err = filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb")); err != nil {
			return err
		}
		sort.Strings(nbs)
	}
	if len(nbs) == 0 {
		return errors.New("no notebooks to render")
	}
	site, err := buildSite(nbs, opt, os.Stdout)
	if site != nil {
		fmt.Printf("site: %s (%d lecture pages, %d images, %d assignments)\n",
			filepath.Join(opt.outDir, "index.html"), len(site.Lectures), site.images(), len(site.Assignments))
	}
	return err
}

// A sitePage is one rendered notebook.
type sitePage struct {
	Title    string
	Summary  template.HTML // the first paragraph after the title
	Goals    []template.HTML
	HTML     string // page path relative to the site
	Notebook string // downloadable .ipynb relative to the site
	Images   int    // images in the executed nbformat.Notebook (and so on the page)
	Failed   string // why execution failed, if it did
}

// site is what the index page lists.
type site struct {
	Lectures    []sitePage
	Assignments []sitePage
	Built       string
	MathJax     string // the index page's MathJax address
}

func (s *site) images() int {
	n := 0
	for _, p := range s.Lectures {
		n += p.Images
	}
	return n
}

// buildSite executes (or reuses) the notebooks, renders every page and the
// index, and checks that every page shows all of its notebook's images. It
// returns the site even when some notebook failed, with an error naming them.
func buildSite(nbs []string, opt htmlOptions, log io.Writer) (*site, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	for _, d := range []string{"notebooks", "assignments"} {
		if err := os.MkdirAll(filepath.Join(opt.outDir, d), 0o755); err != nil {
			return nil, err
		}
	}
	if opt.mathJax == "" {
		if err := copyMathJax(defaultMathJaxSource, opt.outDir); err != nil {
			return nil, err
		}
	}
	var env *jupyterEnv
	if opt.executed == "" {
		if env, err = prepareKernel(); err != nil {
			return nil, err
		}
		if err := warm(); err != nil {
			fmt.Fprintf(os.Stderr, "html: warming the build cache failed (%v); carrying on\n", err)
		}
	} else if env, err = needJupyter(); err != nil {
		return nil, err
	}

	s := &site{Built: time.Now().UTC().Format("2006-01-02 15:04 MST")}
	var jobs []renderJob
	var failed []string
	for _, nb := range nbs {
		page, job, err := lecturePage(env, nb, opt, log)
		if err != nil {
			return nil, err
		}
		if page.Failed != "" {
			failed = append(failed, filepath.Base(nb))
		}
		s.Lectures = append(s.Lectures, page)
		jobs = append(jobs, job)
	}
	if opt.assignments {
		pages, ajobs, err := assignmentPages(root, opt.outDir)
		if err != nil {
			return nil, err
		}
		s.Assignments, jobs = pages, append(jobs, ajobs...)
	}
	for i := range jobs {
		rel, err := filepath.Rel(opt.outDir, jobs[i].Out)
		if err != nil {
			return nil, err
		}
		jobs[i].MathJax = mathJaxURL(filepath.ToSlash(rel), opt.mathJax)
	}
	if err := renderPages(env, jobs); err != nil {
		return nil, err
	}
	s.MathJax = mathJaxURL("index.html", opt.mathJax)
	if err := writeIndex(filepath.Join(opt.outDir, "index.html"), s); err != nil {
		return nil, err
	}
	if err := checkPages(opt.outDir, s); err != nil {
		return s, err
	}
	if len(failed) > 0 {
		return s, fmt.Errorf("%d notebooks failed to execute (their pages show the error): %s", len(failed), strings.Join(failed, ", "))
	}
	return s, nil
}

// lecturePage executes one lecture notebook (or takes its executed copy
// from opt.executed), writes its cleared copy for download and returns its
// index entry and render job. A failed execution is recorded in the page.
func lecturePage(env *jupyterEnv, nb string, opt htmlOptions, log io.Writer) (sitePage, renderJob, error) {
	base := strings.TrimSuffix(filepath.Base(nb), ".ipynb")
	page := sitePage{HTML: base + ".html", Notebook: "notebooks/" + base + ".ipynb"}
	executed := filepath.Join(opt.executed, base+".ipynb")
	if opt.executed == "" {
		res, err := executeNotebook(env, nb, execOptions{timeout: opt.timeout, outDir: filepath.Join(opt.outDir, "executed"), log: log})
		if err != nil {
			return page, renderJob{}, err
		}
		executed = res.Out
		if err := res.Err(); err != nil {
			page.Failed = firstLines(err.Error(), 3)
		}
	}
	ex, err := nbformat.Read(executed)
	if err != nil {
		return page, renderJob{}, fmt.Errorf("executed copy of %s: %w", nb, err)
	}
	src, err := nbformat.Read(nb)
	if err != nil {
		return page, renderJob{}, err
	}
	if err := nbformat.Write(filepath.Join(opt.outDir, page.Notebook), cleared(src)); err != nil {
		return page, renderJob{}, err
	}
	page.Title, page.Summary, page.Goals = describe(src, base)
	page.Images = countImages(ex)
	return page, renderJob{In: executed, Out: filepath.Join(opt.outDir, page.HTML)}, nil
}

// assignmentPages writes the student version of every assignment in
// notebooks/assignments for download and returns their index entries and
// render jobs. Student versions are rendered unexecuted: their stubs panic.
func assignmentPages(root, outDir string) ([]sitePage, []renderJob, error) {
	srcs, err := filepath.Glob(filepath.Join(root, "notebooks", "assignments", "*.ipynb"))
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(srcs)
	var pages []sitePage
	var jobs []renderJob
	for _, src := range srcs {
		nb, err := nbformat.Read(src)
		if err != nil {
			return nil, nil, err
		}
		name := assignmentName(nb, src)
		student, err := assignNotebook(nb, name)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", src, err)
		}
		page := sitePage{HTML: "assignments/" + name + ".html", Notebook: "assignments/" + name + ".ipynb"}
		page.Title, page.Summary, page.Goals = describe(student, name)
		path := filepath.Join(outDir, page.Notebook)
		if err := nbformat.Write(path, student); err != nil {
			return nil, nil, err
		}
		pages = append(pages, page)
		jobs = append(jobs, renderJob{In: path, Out: filepath.Join(outDir, page.HTML)})
	}
	return pages, jobs, nil
}

// cleared returns a copy of nb with every output removed.
func cleared(nb nbformat.Notebook) nbformat.Notebook {
	c := nb.Clone()
	cs := c.Cells()
	for _, cell := range cs {
		nbformat.ClearOutputs(cell)
	}
	c.SetCells(cs)
	return c
}

var (
	headingRE = regexp.MustCompile(`(?m)^#\s+(.+)$`)
	bulletRE  = regexp.MustCompile(`^\s*[-*]\s+(.+)$`)
	mdLinkRE  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// describe takes a notebook's title (its first level-one heading), the first
// paragraph after it, and the bullets that follow a line mentioning
// "learning goals".
func describe(nb nbformat.Notebook, fallback string) (title string, summary template.HTML, goals []template.HTML) {
	title = fallback
	found := false
	for _, c := range nb.Cells() {
		if nbformat.Type(c) != "markdown" {
			continue
		}
		src := nbformat.Source(c)
		if !found {
			if m := headingRE.FindStringSubmatch(src); m != nil {
				title, found = strings.TrimSpace(m[1]), true
				rest := src[strings.Index(src, m[0])+len(m[0]):]
				for _, para := range strings.Split(rest, "\n\n") {
					if p := strings.TrimSpace(para); p != "" && !strings.HasPrefix(p, "#") {
						summary = plain(p)
						break
					}
				}
			}
		}
		if goals == nil {
			goals = learningGoals(src)
		}
		if found && goals != nil {
			break
		}
	}
	return title, summary, goals
}

// learningGoals returns the bullet list after a line that mentions learning
// goals, or nil.
func learningGoals(md string) []template.HTML {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if !strings.Contains(strings.ToLower(l), "learning goals") {
			continue
		}
		var bullets []string
		for _, g := range lines[i+1:] {
			if m := bulletRE.FindStringSubmatch(g); m != nil {
				bullets = append(bullets, m[1])
			} else if strings.TrimSpace(g) != "" && len(bullets) > 0 {
				if strings.HasPrefix(g, "  ") { // a wrapped bullet
					bullets[len(bullets)-1] += " " + g
					continue
				}
				break
			}
		}
		if len(bullets) > 0 {
			goals := make([]template.HTML, len(bullets))
			for j, b := range bullets {
				goals[j] = plain(b)
			}
			return goals
		}
	}
	return nil
}

var (
	mdCodeRE = regexp.MustCompile("`([^`]+)`")
	mdEmRE   = regexp.MustCompile(`\*([^*\s][^*]*)\*`)
)

// plain renders a paragraph of markdown for the index: escaped, links keep
// their text, line breaks become spaces, `code` and *emphasis* are kept.
// Math stays as it is for MathJax.
func plain(s string) template.HTML {
	s = mdLinkRE.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("**", "", "__", "").Replace(s)
	s = template.HTMLEscapeString(strings.Join(strings.Fields(s), " "))
	s = mdCodeRE.ReplaceAllString(s, "<code>$1</code>")
	s = mdEmRE.ReplaceAllString(s, "<em>$1</em>")
	return template.HTML(s)
}

// countImages counts the outputs of a notebook that carry an image.
func countImages(nb nbformat.Notebook) int {
	n := 0
	for _, c := range nb.Cells() {
		outs, _ := c["outputs"].([]any)
		for _, o := range outs {
			m, _ := o.(map[string]any)
			data, _ := m["data"].(map[string]any)
			for k := range data {
				if k == "image/png" || k == "image/svg+xml" || k == "image/jpeg" {
					n++
					break
				}
			}
		}
	}
	return n
}

// pageImageRE matches an image embedded in a rendered page.
var pageImageRE = regexp.MustCompile(`<img[^>]+src="data:image/(png|jpeg|svg\+xml);base64,`)

// checkPages verifies that every page exists, shows every image of its
// notebook, and that the index links every page.
func checkPages(dir string, s *site) error {
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return err
	}
	var problems []string
	for _, p := range append(append([]sitePage(nil), s.Lectures...), s.Assignments...) {
		data, err := os.ReadFile(filepath.Join(dir, p.HTML))
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		got := len(pageImageRE.FindAll(data, -1)) + strings.Count(string(data), "<svg")
		if got < p.Images {
			problems = append(problems, fmt.Sprintf("%s shows %d images, its notebook has %d", p.HTML, got, p.Images))
		}
		if !bytes.Contains(index, []byte(`href="`+p.HTML+`"`)) {
			problems = append(problems, "index.html does not link "+p.HTML)
		}
	}
	if len(problems) > 0 {
		return errors.New("site check: " + strings.Join(problems, "; "))
	}
	return nil
}

// A renderJob converts one notebook to one HTML page.
type renderJob struct {
	In      string `json:"in"`
	Out     string `json:"out"`
	MathJax string `json:"mathjax"` // address of MathJax from this page
}

// renderPages runs nbconvert's HTML exporter once for all jobs (importing
// nbconvert takes seconds, so one process does them all).
func renderPages(env *jupyterEnv, jobs []renderJob) error {
	if len(jobs) == 0 {
		return nil
	}
	script, err := writeScript("render.py")
	if err != nil {
		return err
	}
	defer os.Remove(script)
	spec, err := json.Marshal(map[string]any{"jobs": jobs})
	if err != nil {
		return err
	}
	cmd := exec.Command(env.python, script)
	cmd.Stdin = bytes.NewReader(spec)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		msg := out.String()
		if strings.Contains(msg, "No module named 'nbconvert'") {
			msg = "nbconvert is missing: on Debian/Ubuntu `apt-get install python3-nbconvert`, elsewhere `python3 -m pip install --user nbconvert`"
		}
		return fmt.Errorf("rendering with nbconvert (%s): %v: %s", env.python, err, firstLines(msg, 20))
	}
	return nil
}

// writeIndex writes the site's index page.
func writeIndex(path string, s *site) error {
	var b bytes.Buffer
	if err := indexTemplate.Execute(&b, s); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

var indexTemplate = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gradbook — Recap of Optimization</title>
<script>window.MathJax = {tex2jax: {inlineMath: [['$','$'], ['\\(','\\)']]}};</script>
<script src="{{.MathJax}}" async></script>
<style>
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
h1 { margin-bottom: 0.2rem; }
.sub { color: #666; margin-top: 0; }
li.page { margin: 1.2rem 0; list-style: none; }
li.page > a.title { font-size: 1.15rem; font-weight: 600; }
.links a { margin-right: 0.8rem; font-size: 0.9rem; }
.goals { margin: 0.3rem 0; color: #444; font-size: 0.95rem; }
.failed { color: #b00; }
ul.pages { padding-left: 0; }
</style>
</head>
<body>
<h1>Recap of Optimization</h1>
<p class="sub">Week 8 lecture notebooks in Go, run on the gonb kernel. Built {{.Built}}.</p>
<p>Each lecture is shown executed, with its plots. Download a notebook to run it
yourself: <code>make lab</code> in a gradbook checkout opens it in JupyterLab.</p>
<h2>Lectures</h2>
<ul class="pages">
{{range .Lectures}}<li class="page"><a class="title" href="{{.HTML}}">{{.Title}}</a>
{{if .Failed}}<div class="failed">This notebook failed to execute: {{.Failed}}</div>{{end}}
{{if .Summary}}<div>{{.Summary}}</div>{{end}}
{{if .Goals}}<ul class="goals">{{range .Goals}}<li>{{.}}</li>{{end}}</ul>{{end}}
<div class="links"><a href="{{.HTML}}">read</a><a href="{{.Notebook}}" download>notebook (.ipynb)</a></div></li>
{{end}}</ul>
{{if .Assignments}}<h2>Assignments</h2>
<p>Graded automatically: fill in every <code>panic("not implemented")</code>, run the test
cells, and hand in the notebook. Hidden tests are added at grading.</p>
<ul class="pages">
{{range .Assignments}}<li class="page"><a class="title" href="{{.HTML}}">{{.Title}}</a>
{{if .Goals}}<ul class="goals">{{range .Goals}}<li>{{.}}</li>{{end}}</ul>{{end}}
<div class="links"><a href="{{.HTML}}">read</a><a href="{{.Notebook}}" download>student nbformat.Notebook (.ipynb)</a></div></li>
{{end}}</ul>{{end}}
</body>
</html>
`))

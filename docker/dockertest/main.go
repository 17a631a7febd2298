package main

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	debianImage = "localhost/gradbook-debian:bookworm"
	standinRepo = "localhost/gradbook-standin"
	// The tag docker/compose.yaml builds and docker/jupyterhub starts.
	imageTag   = "localhost/gradbook:latest"
	container  = "gradbook-dockertest"
	volume     = "gradbook-dockertest-work"
	lecturesIn = "/opt/gradbook/notebooks"
)

// containersConf makes Debian's podman work on the test VMs: runc, since
// crun refuses their hybrid cgroup layout, and ulimits within the machine's
// hard limits (podman's defaults ask for more and the container fails to
// start).
const containersConf = `[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
`

type options struct {
	root    string
	keep    bool
	browser string // lecture for the Chromium check; "" skips it
	goPort  int
	out     string
}

func main() {
	var opt options
	flag.BoolVar(&opt.keep, "keep", false, "keep the built image (faster rebuilds while editing the Dockerfile)")
	flag.StringVar(&opt.browser, "browser", "03-activation-functions.ipynb", "lecture to Run All in Chromium; empty skips the browser check")
	// A fixed port keeps the Go download's build argument, and so the
	// build cache of every later layer, the same between runs.
	flag.IntVar(&opt.goPort, "go-port", 47118, "127.0.0.1 port serving the host's Go archive to the build")
	flag.Parse()
	root, err := repoRoot()
	if err != nil {
		fatal(err)
	}
	opt.root = root
	opt.out = filepath.Join(root, "out", "docker-test")
	start := time.Now()
	t := &tester{opt: opt}
	err = t.run()
	t.cleanup()
	fmt.Printf("\ndocker-test: %d checks passed, %d failed, %.0fs in all\n", t.passed, len(t.failed), time.Since(start).Seconds())
	for _, f := range t.failed {
		fmt.Printf("  FAIL %s\n", f)
	}
	if err != nil {
		fatal(err)
	}
	if len(t.failed) > 0 {
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "docker-test:", err)
	os.Exit(1)
}

// tester holds the state of one run.
type tester struct {
	opt      options
	conf     string // containers.conf for every podman call
	tmp      string
	passed   int
	failed   []string
	made     []string // containers made, for clean-up
	baseTag  string   // the stand-in base's tag
	built    bool
	server   *http.Server
	baseSize int64
}

func (t *tester) check(name string, err error) bool {
	if err != nil {
		t.failed = append(t.failed, name+": "+err.Error())
		fmt.Printf("FAIL %s: %v\n", name, err)
		return false
	}
	t.passed++
	fmt.Printf("ok   %s\n", name)
	return true
}

func (t *tester) run() error {
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64" {
		return fmt.Errorf("the Dockerfile pins Go for amd64 and arm64 only, not %s", runtime.GOARCH)
	}
	for _, c := range []string{"podman", "runc", "mmdebstrap"} {
		if _, err := exec.LookPath(c); err != nil {
			return fmt.Errorf("no %s: run `go run ./kernel setup docker` first (make docker-test does)", c)
		}
	}
	var err error
	if t.tmp, err = os.MkdirTemp("", "gradbook-dockertest-"); err != nil {
		return err
	}
	t.conf = filepath.Join(t.tmp, "containers.conf")
	if err := os.WriteFile(t.conf, []byte(containersConf), 0o644); err != nil {
		return err
	}
	// Leftovers of an interrupted run would make the names clash.
	t.podmanQuiet("rm", "-f", "-t", "0", container)
	t.podmanQuiet("volume", "rm", "-f", volume)

	phase("base")
	base, err := t.base()
	if err != nil {
		return err
	}
	phase("image")
	t.baseTag = base
	if err := t.buildImage(base); err != nil {
		return err
	}
	t.built = true
	t.sizes(base)
	phase("container")
	return t.runContainer()
}

func phase(name string) { fmt.Printf("\n== %s (%s)\n", name, time.Now().UTC().Format("15:04:05")) }

// podman runs podman with the test's containers.conf, echoing its output.
func (t *tester) podman(args ...string) error {
	cmd := exec.Command("podman", args...)
	cmd.Env = append(os.Environ(), "CONTAINERS_CONF="+t.conf)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("podman %s: %v", strings.Join(args, " "), err)
	}
	return nil
}

// podmanOut runs podman and returns its standard output.
func (t *tester) podmanOut(args ...string) (string, error) {
	cmd := exec.Command("podman", args...)
	cmd.Env = append(os.Environ(), "CONTAINERS_CONF="+t.conf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("podman %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

func (t *tester) podmanQuiet(args ...string) { _, _ = t.podmanOut(args...) }

// logs returns the container's log; Jupyter writes it to stderr, which
// podman logs passes on as stderr.
func (t *tester) logs() string {
	cmd := exec.Command("podman", "logs", container)
	cmd.Env = append(os.Environ(), "CONTAINERS_CONF="+t.conf)
	out, _ := cmd.CombinedOutput()
	return string(out)
}

func (t *tester) exists(image string) bool {
	_, err := t.podmanOut("image", "exists", image)
	return err == nil
}

// base returns the stand-in base image, building it (and the Debian image
// under it) only when no image of the same content hash exists.
func (t *tester) base() (string, error) {
	if !t.exists(debianImage) {
		tarball := filepath.Join(t.tmp, "bookworm.tar")
		start := time.Now()
		cmd := exec.Command("mmdebstrap", "--variant=minbase", "bookworm", tarball)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("mmdebstrap: %v", err)
		}
		if err := t.podman("import", tarball, debianImage); err != nil {
			return "", err
		}
		os.Remove(tarball)
		fmt.Printf("made %s in %.0fs\n", debianImage, time.Since(start).Seconds())
	}
	ctx := filepath.Join(t.tmp, "standin")
	if err := os.MkdirAll(filepath.Join(ctx, "certs"), 0o755); err != nil {
		return "", err
	}
	h := sha256.New()
	for _, name := range []string{"Containerfile", "start.sh", "start-notebook.py"} {
		data, err := os.ReadFile(filepath.Join(t.opt.root, "docker", "standin", name))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
		if err := os.WriteFile(filepath.Join(ctx, name), data, 0o644); err != nil {
			return "", err
		}
	}
	// The host's extra CA certificates: HTTPS from these machines (apt, the
	// Go module proxy) goes through a proxy that re-signs it.
	certs, _ := filepath.Glob("/usr/local/share/ca-certificates/*.crt")
	sort.Strings(certs)
	for _, c := range certs {
		data, err := os.ReadFile(c)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "cert %s %d\n", filepath.Base(c), len(data))
		h.Write(data)
		if err := os.WriteFile(filepath.Join(ctx, "certs", filepath.Base(c)), data, 0o644); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(ctx, "certs", "README"), []byte("extra CA certificates of the host\n"), 0o644); err != nil {
		return "", err
	}
	tag := standinRepo + ":" + hex.EncodeToString(h.Sum(nil))[:12]
	if t.exists(tag) {
		fmt.Printf("reusing %s\n", tag)
		return tag, nil
	}
	// Stand-ins of an older content are of no further use.
	if old, err := t.podmanOut("images", "--format", "{{.Repository}}:{{.Tag}}", standinRepo); err == nil {
		for _, o := range strings.Fields(old) {
			t.podmanQuiet("rmi", o)
		}
	}
	start := time.Now()
	if err := t.podman("build", "--format", "docker", "--network", "host",
		"--build-arg", "DEBIAN_IMAGE="+debianImage,
		"-t", tag, "-f", filepath.Join(ctx, "Containerfile"), ctx); err != nil {
		return "", err
	}
	fmt.Printf("built %s in %.0fs\n", tag, time.Since(start).Seconds())
	return tag, nil
}

// goArchive makes (once, kept in the user cache) a Go release archive of
// the toolchain running this program, laid out as go.dev's (go/ at the top),
// and returns its path and SHA-256.
func goArchive(version string) (string, string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", "", err
	}
	dir := filepath.Join(cache, "gradbook-dockertest")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("go%s.linux-%s.tar.gz", version, runtime.GOARCH))
	if _, err := os.Stat(path); err != nil {
		goroot := runtime.GOROOT()
		if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
			goroot = strings.TrimSpace(string(out))
		}
		tmp := path + ".tmp"
		cmd := exec.Command("tar", "-C", filepath.Dir(goroot), "--transform", "s,^"+regexp.QuoteMeta(filepath.Base(goroot))+",go,",
			"-czf", tmp, filepath.Base(goroot))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", "", fmt.Errorf("archiving %s: %v", goroot, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			return "", "", err
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", "", err
	}
	return path, hex.EncodeToString(h.Sum(nil)), nil
}

func (t *tester) buildImage(base string) error {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return err
	}
	version := strings.TrimPrefix(strings.TrimSpace(string(out)), "go")
	archive, sum, err := goArchive(version)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", t.opt.goPort))
	if err != nil {
		return fmt.Errorf("serving Go to the build: %v (choose another -go-port)", err)
	}
	t.server = &http.Server{Handler: http.FileServer(http.Dir(filepath.Dir(archive)))}
	go t.server.Serve(ln)
	start := time.Now()
	err = t.podman("build", "--format", "docker", "--network", "host",
		"--ignorefile", filepath.Join(t.opt.root, "docker", "Dockerfile.dockerignore"),
		"--build-arg", "BASE_IMAGE="+base,
		"--build-arg", "GO_VERSION="+version,
		"--build-arg", "GO_DOWNLOAD_URL=http://"+ln.Addr().String(),
		"--build-arg", "GO_SHA256_"+strings.ToUpper(runtime.GOARCH)+"="+sum,
		"-t", imageTag, "-f", filepath.Join(t.opt.root, "docker", "Dockerfile"), t.opt.root)
	t.server.Close()
	if err != nil {
		return err
	}
	fmt.Printf("built %s in %.0fs\n", imageTag, time.Since(start).Seconds())
	return nil
}

// layer is one entry of podman history.
type layer struct {
	size    int64
	created string
}

func (t *tester) history(image string) ([]layer, error) {
	// JSON, because the table's sizes are rounded for people even with
	// --human=false.
	out, err := t.podmanOut("history", "--format", "json", image)
	if err != nil {
		return nil, err
	}
	var entries []struct {
		Size      int64  `json:"size"`
		CreatedBy string `json:"CreatedBy"`
	}
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		return nil, fmt.Errorf("podman history of %s: %v", image, err)
	}
	var ls []layer
	for _, e := range entries {
		ls = append(ls, layer{e.Size, e.CreatedBy})
	}
	return ls, nil
}

func (t *tester) imageSize(image string) (int64, error) {
	out, err := t.podmanOut("image", "inspect", "--format", "{{.Size}}", image)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(out), 10, 64)
}

func mb(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }

// sizes prints the layers the Dockerfile added over the base and their sum.
func (t *tester) sizes(base string) {
	baseHist, err1 := t.history(base)
	imgHist, err2 := t.history(imageTag)
	baseSize, err3 := t.imageSize(base)
	imgSize, err4 := t.imageSize(imageTag)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.check("image size", err)
		return
	}
	added := imgHist[:len(imgHist)-len(baseHist)]
	fmt.Println("layers the Dockerfile adds (newest first):")
	var sum int64
	for _, l := range added {
		sum += l.size
		if l.size > 0 {
			what := l.created
			if i := strings.LastIndex(what, "/bin/sh -c "); i >= 0 {
				what = what[i+len("/bin/sh -c "):]
			}
			if len(what) > 90 {
				what = what[:90] + "…"
			}
			fmt.Printf("  %9s  %s\n", mb(l.size), what)
		}
	}
	t.baseSize = baseSize
	fmt.Printf("image %s: %s; base %s; gradbook adds %s (layer sum %s)\n", imageTag, mb(imgSize), mb(baseSize), mb(imgSize-baseSize), mb(sum))
	// The goal: at most 0.8 GB over base-notebook.
	if imgSize-baseSize > 800e6 {
		t.check("image adds at most 800 MB over its base", fmt.Errorf("adds %s", mb(imgSize-baseSize)))
	} else {
		t.check("image adds at most 800 MB over its base ("+mb(imgSize-baseSize)+")", nil)
	}
}

// server is a running container as a student reaches it.
type server struct {
	url, token string
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

var tokenRE = regexp.MustCompile(`[?&]token=([0-9a-f]{16,})`)

// start runs the image as docker/compose.yaml does and waits until the
// server answers with the token from its log.
func (t *tester) start() (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	if err := t.podman("run", "-d", "--name", container,
		"-p", fmt.Sprintf("127.0.0.1:%d:8888", port),
		"-v", volume+":/home/jovyan/work", imageTag); err != nil {
		return nil, err
	}
	t.made = append(t.made, container)
	s := &server{url: fmt.Sprintf("http://127.0.0.1:%d", port)}
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		logs := t.logs()
		if m := tokenRE.FindStringSubmatch(logs); m != nil {
			s.token = m[1]
			if code, _, err := s.get("/api/status", true); err == nil && code == 200 {
				return s, nil
			}
		}
		if st, _ := t.podmanOut("inspect", "--format", "{{.State.Status}}", container); strings.TrimSpace(st) == "exited" {
			return nil, fmt.Errorf("the container exited:\n%s", t.logs())
		}
		time.Sleep(time.Second)
	}
	return nil, fmt.Errorf("no server with a token in the log after 3 minutes:\n%s", t.logs())
}

func (s *server) do(method, path string, body []byte, withToken bool) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, s.url+path, r)
	if err != nil {
		return 0, nil, err
	}
	if withToken {
		req.Header.Set("Authorization", "token "+s.token)
	}
	client := &http.Client{Timeout: time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

func (s *server) get(path string, withToken bool) (int, []byte, error) {
	return s.do("GET", path, nil, withToken)
}

// stop stops the container with SIGTERM and checks it went cleanly: it
// exits well within the grace period and not by SIGKILL.
func (t *tester) stop(what string) {
	start := time.Now()
	err := t.podman("stop", "-t", "30", container)
	took := time.Since(start)
	if err == nil {
		var out string
		out, err = t.podmanOut("inspect", "--format", "{{.State.ExitCode}}", container)
		code := strings.TrimSpace(out)
		switch {
		case err != nil:
		case code == "137":
			err = fmt.Errorf("killed after the grace period (exit 137, %.1fs)", took.Seconds())
		case code != "0" && code != "143":
			err = fmt.Errorf("exit code %s", code)
		case took > 20*time.Second:
			err = fmt.Errorf("took %.1fs to stop", took.Seconds())
		}
	}
	t.check(fmt.Sprintf("%s stops cleanly on SIGTERM (%.1fs)", what, took.Seconds()), err)
}

func (t *tester) runContainer() error {
	s, err := t.start()
	if err != nil {
		return err
	}
	fmt.Printf("server at %s (token from the log)\n", s.url)

	out, err := t.podmanOut("exec", container, "id", "-un")
	if err == nil && strings.TrimSpace(out) != "jovyan" {
		err = fmt.Errorf("runs as %q", strings.TrimSpace(out))
	}
	t.check("the container runs as jovyan", err)

	code, _, err := s.get("/api/kernelspecs", false)
	if err == nil && code != 403 && code != 401 && code != 302 {
		err = fmt.Errorf("without the token: HTTP %d", code)
	}
	t.check("the API refuses a request without the token", err)

	code, body, err := s.get("/api/kernelspecs", true)
	if err == nil {
		var specs struct {
			Default     string `json:"default"`
			Kernelspecs map[string]struct {
				Spec struct {
					DisplayName string `json:"display_name"`
				} `json:"spec"`
			} `json:"kernelspecs"`
		}
		switch {
		case code != 200:
			err = fmt.Errorf("with the token: HTTP %d", code)
		case json.Unmarshal(body, &specs) != nil:
			err = fmt.Errorf("kernelspecs: not JSON: %.200s", body)
		case specs.Kernelspecs["gradbook"].Spec.DisplayName != "Go (gradbook)":
			err = fmt.Errorf("no gradbook kernel named Go (gradbook) in %.300s", body)
		case specs.Default != "gradbook":
			err = fmt.Errorf("default kernel is %q", specs.Default)
		}
	}
	t.check("the gradbook kernel is listed and the default", err)

	lectures, _ := filepath.Glob(filepath.Join(t.opt.root, "notebooks", "*.ipynb"))
	code, body, err = s.get("/api/contents/work/gradbook", true)
	if err == nil {
		if code != 200 {
			err = fmt.Errorf("work/gradbook: HTTP %d", code)
		} else {
			for _, l := range lectures {
				if !bytes.Contains(body, []byte(`"`+filepath.Base(l)+`"`)) {
					err = fmt.Errorf("%s was not copied into work/gradbook", filepath.Base(l))
					break
				}
			}
		}
	}
	t.check(fmt.Sprintf("the %d lectures were copied into the work volume", len(lectures)), err)

	first, again, err := t.firstPlot()
	t.check(fmt.Sprintf("first plot cell in a fresh container: %.2fs; a second plot cell %.2fs (ratio %.1f)", first, again, first/again), err)

	var names []string
	for _, l := range lectures {
		names = append(names, "notebooks/"+filepath.Base(l))
	}
	start := time.Now()
	err = t.podman(append([]string{"exec", "-w", "/opt/gradbook",
		"-e", "GOPROXY=off", "-e", "JUPYTER_DATA_DIR=/opt/gradbook-jupyter", container,
		"go", "run", "./kernel", "exec", "-out", "/tmp/gradbook-executed"}, names...)...)
	t.check(fmt.Sprintf("every lecture runs with kernel exec inside the container, module proxy off (%.0fs)", time.Since(start).Seconds()), err)

	if t.opt.browser != "" {
		t.check("Run All of "+t.opt.browser+" in Chromium shows its plots", t.browser(s))
	}

	kept := make([]byte, 8)
	rand.Read(kept)
	content := "kept by the volume " + hex.EncodeToString(kept) + "\n"
	file, _ := json.Marshal(map[string]string{"type": "file", "format": "text", "content": content})
	code, body, err = s.do("PUT", "/api/contents/work/dockertest-kept.txt", file, true)
	if err == nil && code != 200 && code != 201 {
		err = fmt.Errorf("saving work/dockertest-kept.txt: HTTP %d %.200s", code, body)
	}
	if err != nil {
		t.check("a file saved in the work volume", err)
	}

	t.stop("the container")
	if err := t.podman("rm", container); err != nil {
		return err
	}
	t.made = nil
	s, err = t.start()
	if err != nil {
		return fmt.Errorf("re-creating the container: %v", err)
	}
	code, body, err = s.get("/api/contents/work/dockertest-kept.txt?type=file&format=text", true)
	if err == nil {
		var got struct {
			Content string `json:"content"`
		}
		if code != 200 {
			err = fmt.Errorf("after re-creating: HTTP %d", code)
		} else if json.Unmarshal(body, &got); got.Content != content {
			err = fmt.Errorf("after re-creating the file holds %q, want %q", got.Content, content)
		}
	}
	t.check("a file saved in the work volume survives re-creating the container", err)
	t.stop("the re-created container")
	return nil
}

// probeNotebook is the first plot a student would draw, then a second plot
// of other data, the reference: by then everything the first cell compiled
// is in the build cache, so the second cell's time is what a warm cache
// gives on this machine at this moment. Their ratio shows whether the
// image's pre-built cache served the first cell (a ratio near 1) or it
// compiled gonum/plot itself (about 20 times slower, see DESIGN.md).
const probeNotebook = `{"cells": [
 {"cell_type": "code", "execution_count": null, "id": "first", "metadata": {}, "outputs": [],
  "source": ["import \"github.com/gradbook/gradbook/lib/plots\"\n", "\n", "%%\n",
   "plots.Display(plots.Functions(\"x²\", -3, 3, plots.Curve{Label: \"x²\", F: func(x float64) float64 { return x * x }}))\n"]},
 {"cell_type": "code", "execution_count": null, "id": "again", "metadata": {}, "outputs": [],
  "source": ["%%\n",
   "plots.Display(plots.Functions(\"x³\", -2, 2, plots.Curve{Label: \"x³\", F: func(x float64) float64 { return x * x * x }}))\n"]}],
 "metadata": {"kernelspec": {"display_name": "Go (gradbook)", "language": "go", "name": "gradbook"}},
 "nbformat": 4, "nbformat_minor": 5}
`

var cellLine = regexp.MustCompile(`(?m)^\s*cell\s+(\d+)\s+([0-9.]+)s\s+ok\b`)

// cellTimes returns the seconds of the cells `kernel exec` reported ok, by
// cell index.
func cellTimes(out string) map[int]float64 {
	times := map[int]float64{}
	for _, m := range cellLine.FindAllStringSubmatch(out, -1) {
		i, _ := strconv.Atoi(m[1])
		times[i], _ = strconv.ParseFloat(m[2], 64)
	}
	return times
}

// firstPlot executes the probe notebook in the fresh container and returns
// the first plot cell's time and the reference cell's, as the kernel exec
// runner measured them (kernel start and the compilation of the exec
// command itself are outside them). Times are reported, not judged: the
// machine may be shared.
func (t *tester) firstPlot() (first, again float64, err error) {
	probe := filepath.Join(t.tmp, "first-plot.ipynb")
	if err := os.WriteFile(probe, []byte(probeNotebook), 0o644); err != nil {
		return 0, 0, err
	}
	if err := t.podman("cp", probe, container+":/tmp/first-plot.ipynb"); err != nil {
		return 0, 0, err
	}
	out, err := t.podmanOut("exec", "-w", "/opt/gradbook", "-e", "GOPROXY=off", "-e", "JUPYTER_DATA_DIR=/opt/gradbook-jupyter",
		container, "go", "run", "./kernel", "exec", "-out", "/tmp/gradbook-probe", "/tmp/first-plot.ipynb")
	fmt.Print(out)
	if err != nil {
		return 0, 0, err
	}
	times := cellTimes(out)
	first, ok0 := times[0]
	again, ok1 := times[1]
	if !ok0 || !ok1 {
		return 0, 0, fmt.Errorf("no time for both plot cells in the output")
	}
	return first, again, nil
}

// browser runs e2e/notebook.test.mjs (playwright-core and Debian's
// Chromium) against the container's server: Run All of a lecture from the
// student's copy in the work volume.
func (t *tester) browser(s *server) error {
	e2e := filepath.Join(t.opt.root, "e2e")
	if _, err := os.Stat(filepath.Join(e2e, "node_modules", "playwright-core")); err != nil {
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = e2e
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm ci in e2e: %v", err)
		}
	}
	cmd := exec.Command("node", "--test", "--test-concurrency=1", "notebook.test.mjs")
	cmd.Dir = e2e
	cmd.Env = append(os.Environ(),
		"GRADBOOK_E2E_URL="+s.url, "GRADBOOK_E2E_TOKEN="+s.token,
		"GRADBOOK_E2E_NOTEBOOK=work/gradbook/"+t.opt.browser,
		"GRADBOOK_E2E_OUT="+t.opt.out)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("e2e/notebook.test.mjs: %v (screenshots in %s)", err, t.opt.out)
	}
	return nil
}

// cleanup removes what the run made, except the reused base images.
func (t *tester) cleanup() {
	phase("clean-up")
	for _, c := range t.made {
		t.podmanQuiet("rm", "-f", "-t", "5", c)
	}
	t.podmanQuiet("rm", "-f", "-t", "0", container)
	t.podmanQuiet("volume", "rm", "-f", volume)
	if t.built && !t.opt.keep {
		// The build leaves an image per step (podman's layer cache), each
		// the parent of the next: remove them with the image, newest first,
		// down to the base, which stays for the next run.
		steps := t.chain(imageTag, t.baseTag)
		t.podmanQuiet("rmi", imageTag)
		left := 0
		for _, id := range steps {
			if _, err := t.podmanOut("rmi", id); err != nil {
				left++
			}
		}
		if left > 0 {
			fmt.Printf("%d of the build's %d step images could not be removed\n", left, len(steps))
		}
	}
	if t.tmp != "" {
		os.RemoveAll(t.tmp)
	}
}

// chain returns the IDs of image and its parents, newest first, down to
// (without) base.
func (t *tester) chain(image, base string) []string {
	id := func(ref, format string) string {
		out, err := t.podmanOut("image", "inspect", "--format", format, ref)
		if err != nil {
			return ""
		}
		return strings.TrimSpace(out)
	}
	stop := id(base, "{{.Id}}")
	var ids []string
	for cur := id(image, "{{.Id}}"); cur != "" && cur != stop && len(ids) < 200; cur = id(cur, "{{.Parent}}") {
		ids = append(ids, cur)
	}
	return ids
}

// repoRoot walks up from the working directory to gradbook's go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(data, []byte("module github.com/gradbook/gradbook\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the gradbook checkout")
		}
		dir = parent
	}
}

package docker

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction with its continuation lines
// joined, as the builder sees it.
type instruction struct {
	line int    // first line, 1-based
	cmd  string // upper-case keyword: FROM, RUN, COPY, ...
	args string
}

// parseDockerfile splits a Dockerfile into instructions. Comment lines are
// dropped, also inside a continued instruction, as Docker does.
func parseDockerfile(text string) ([]instruction, error) {
	var out []instruction
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && cur.Len() == 0) {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		cont := strings.HasSuffix(line, `\`)
		cur.WriteString(strings.TrimSuffix(line, `\`))
		cur.WriteByte(' ')
		if cont {
			continue
		}
		full := strings.TrimSpace(cur.String())
		cur.Reset()
		if full == "" {
			continue
		}
		cmd, args, _ := strings.Cut(full, " ")
		out = append(out, instruction{line: start, cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args)})
	}
	if cur.Len() != 0 {
		return nil, fmt.Errorf("Dockerfile line %d: instruction ends with a line continuation", start)
	}
	return out, sc.Err()
}

// argDefaults returns the default of every ARG NAME=VALUE.
func argDefaults(ins []instruction) map[string]string {
	m := map[string]string{}
	for _, in := range ins {
		if in.cmd != "ARG" {
			continue
		}
		if name, val, ok := strings.Cut(in.args, "="); ok {
			m[name] = strings.Trim(val, `"`)
		}
	}
	return m
}

// expand replaces ${NAME} and $NAME by the ARG defaults.
func expand(s string, args map[string]string) string {
	return os.Expand(s, func(name string) string { return args[name] })
}

var (
	dateTag = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	digest  = regexp.MustCompile(`@sha256:[0-9a-f]{64}$`)
)

// checkBaseImage reports why ref is not a pinned docker-stacks base-notebook
// image. Date tags (2026-08-24) are never moved by docker-stacks; named tags
// (latest, python-3.13, lab-4.6.3) follow new builds.
func checkBaseImage(ref string) error {
	const repo = "quay.io/jupyter/base-notebook"
	if digest.MatchString(ref) {
		ref = ref[:strings.LastIndex(ref, "@")]
		if ref == repo || strings.HasPrefix(ref, repo+":") {
			return nil
		}
		return fmt.Errorf("base image %q is not %s", ref, repo)
	}
	name, tag, ok := strings.Cut(ref, ":")
	if name != repo {
		return fmt.Errorf("base image %q is not %s", ref, repo)
	}
	if !ok || !dateTag.MatchString(tag) {
		return fmt.Errorf("base image %q is not pinned: use a date tag (YYYY-MM-DD) or a digest", ref)
	}
	return nil
}

func TestCheckBaseImage(t *testing.T) {
	for _, tc := range []struct {
		ref string
		ok  bool
	}{
		{"quay.io/jupyter/base-notebook:2026-08-24", true},
		{"quay.io/jupyter/base-notebook@sha256:" + strings.Repeat("ab", 32), true},
		{"quay.io/jupyter/base-notebook", false},
		{"quay.io/jupyter/base-notebook:latest", false},
		{"quay.io/jupyter/base-notebook:python-3.13", false},
		{"jupyter/base-notebook:2023-10-31", false}, // the old Docker Hub name, no longer updated
		{"ubuntu:24.04", false},
	} {
		if err := checkBaseImage(tc.ref); (err == nil) != tc.ok {
			t.Errorf("checkBaseImage(%q) = %v, want ok=%v", tc.ref, err, tc.ok)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func dockerfile(t *testing.T) []instruction {
	t.Helper()
	ins, err := parseDockerfile(readFile(t, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

func TestBaseImagePinned(t *testing.T) {
	ins := dockerfile(t)
	args := argDefaults(ins)
	froms := 0
	for _, in := range ins {
		if in.cmd != "FROM" {
			continue
		}
		froms++
		ref, _, _ := strings.Cut(expand(in.args, args), " ")
		if err := checkBaseImage(ref); err != nil {
			t.Errorf("Dockerfile line %d: %v", in.line, err)
		}
	}
	if froms == 0 {
		t.Fatal("Dockerfile has no FROM")
	}
}

// goVersion parses "1.26.8" or "1.26" into comparable numbers.
func goVersion(s string) ([3]int, error) {
	var v [3]int
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return v, fmt.Errorf("Go version %q is not major.minor[.patch]", s)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return v, fmt.Errorf("Go version %q: %v", s, err)
		}
		v[i] = n
	}
	return v, nil
}

func less(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// goModVersion returns the go line of the repository's go.mod.
func goModVersion(t *testing.T) string {
	t.Helper()
	for _, line := range strings.Split(readFile(t, "../go.mod"), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "go "); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("go.mod has no go line")
	return ""
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

func TestGoPinnedAndVerified(t *testing.T) {
	ins := dockerfile(t)
	args := argDefaults(ins)
	pinned := args["GO_VERSION"]
	v, err := goVersion(pinned)
	if err != nil || strings.Count(pinned, ".") != 2 {
		t.Fatalf("ARG GO_VERSION=%q: want a full release such as 1.26.8 (%v)", pinned, err)
	}
	need, err := goVersion(goModVersion(t))
	if err != nil {
		t.Fatal(err)
	}
	if less(v, need) {
		t.Errorf("ARG GO_VERSION=%s is older than go.mod's go %d.%d.%d", pinned, need[0], need[1], need[2])
	}
	for _, arch := range []string{"AMD64", "ARM64"} {
		if sum := args["GO_SHA256_"+arch]; !sha256Hex.MatchString(sum) {
			t.Errorf("ARG GO_SHA256_%s=%q is not a SHA-256 in hex", arch, sum)
		}
	}
	var download *instruction
	for i, in := range ins {
		if in.cmd == "RUN" && strings.Contains(in.args, "go${GO_VERSION}.linux-") {
			download = &ins[i]
		}
	}
	if download == nil {
		t.Fatal("no RUN downloads go${GO_VERSION}.linux-*.tar.gz")
	}
	// The check must run before the archive is unpacked, in the same RUN.
	check := strings.Index(download.args, "sha256sum --check")
	untar := strings.Index(download.args, "tar -C")
	if check < 0 || untar < 0 || check > untar {
		t.Errorf("Dockerfile line %d: the Go archive is not checked with sha256sum --check before tar", download.line)
	}
	if !strings.Contains(download.args, "GO_SHA256_AMD64") || !strings.Contains(download.args, "GO_SHA256_ARM64") {
		t.Errorf("Dockerfile line %d: the pinned checksums are not used", download.line)
	}
}

var kernelCall = regexp.MustCompile(`go run \./kernel (\w+)`)

// kernelVerbs returns the verbs in kernel/main.go's table, the single list
// that `go run ./kernel help` prints.
func kernelVerbs(t *testing.T) map[string]bool {
	t.Helper()
	src := readFile(t, "../kernel/main.go")
	m := map[string]bool{}
	for _, sub := range regexp.MustCompile(`\{"(\w+)",\s*"`).FindAllStringSubmatch(src, -1) {
		m[sub[1]] = true
	}
	if len(m) == 0 {
		t.Fatal("found no verbs in kernel/main.go")
	}
	return m
}

func TestInstallerStepsAreTheTestedOnes(t *testing.T) {
	ins := dockerfile(t)
	verbs := kernelVerbs(t)
	makefile := readFile(t, "../Makefile")
	called := map[string]bool{}
	for _, in := range ins {
		if in.cmd != "RUN" {
			continue
		}
		for _, m := range kernelCall.FindAllStringSubmatch(in.args, -1) {
			called[m[1]] = true
			if !verbs[m[1]] {
				t.Errorf("Dockerfile line %d: kernel verb %q is not in kernel/main.go", in.line, m[1])
			}
			// The Makefile targets are the README's set-up commands.
			if !strings.Contains(makefile, "run ./kernel "+m[1]) {
				t.Errorf("Dockerfile line %d: `go run ./kernel %s` is not what the Makefile runs", in.line, m[1])
			}
		}
		// A second way to build the kernel would drift from the tested one.
		for _, bad := range []string{"go install", "go build", "gonb --install", "go get"} {
			if strings.Contains(in.args, bad) {
				t.Errorf("Dockerfile line %d: %q builds tools outside `go run ./kernel install`", in.line, bad)
			}
		}
	}
	for _, want := range []string{"install", "warm"} {
		if !called[want] {
			t.Errorf("Dockerfile never runs `go run ./kernel %s`", want)
		}
	}
}

// copySources returns the source paths of a COPY or ADD (flags dropped,
// the last word is the destination).
func copySources(args string) []string {
	var words []string
	for _, w := range strings.Fields(args) {
		if !strings.HasPrefix(w, "--") {
			words = append(words, w)
		}
	}
	if len(words) < 2 {
		return nil
	}
	return words[:len(words)-1]
}

func TestCacheFriendlyOrder(t *testing.T) {
	ins := dockerfile(t)
	// Index of the RUN that calls each kernel verb.
	step := map[string]int{}
	for i, in := range ins {
		if in.cmd == "RUN" {
			for _, m := range kernelCall.FindAllStringSubmatch(in.args, -1) {
				step[m[1]] = i
			}
		}
	}
	install, okI := step["install"]
	warm, okW := step["warm"]
	if !okI || !okW || warm < install {
		t.Fatalf("want RUN go run ./kernel install before (or with) warm; found %v", step)
	}
	// Before install and warm only what they read may be copied: go.mod,
	// go.sum, kernel/ and the internal/ packages it imports, lib/ (install's
	// offline probe and warm compile it), the slimming script and the start
	// hook. Notebooks come after, so editing one rebuilds nothing.
	allowed := map[string]bool{"go.mod": true, "go.sum": true, "kernel/": true, "internal/": true, "lib/": true,
		"docker/slim.sh": true, "docker/before-notebook.d/10-gradbook-notebooks.sh": true}
	for _, in := range ins[:warm] {
		if in.cmd != "COPY" && in.cmd != "ADD" {
			continue
		}
		for _, src := range copySources(in.args) {
			if !allowed[src] {
				t.Errorf("Dockerfile line %d: COPY %s before the kernel is built: editing it would rebuild Go tools", in.line, src)
			}
		}
	}
	copiedAll := false
	for _, in := range ins[warm:] {
		if in.cmd == "COPY" && strings.Contains(" "+in.args+" ", " . ") {
			copiedAll = true
		}
	}
	if !copiedAll {
		t.Error("the rest of the repository (notebooks) is never copied after warm")
	}
}

func TestCopySourcesExist(t *testing.T) {
	for _, in := range dockerfile(t) {
		if in.cmd != "COPY" || strings.Contains(in.args, "--from") {
			continue
		}
		for _, src := range copySources(in.args) {
			if _, err := os.Stat(filepath.Join("..", src)); err != nil {
				t.Errorf("Dockerfile line %d: COPY source %s: %v", in.line, src, err)
			}
		}
	}
}

func TestFinalUserNotRoot(t *testing.T) {
	last := ""
	line := 0
	for _, in := range dockerfile(t) {
		switch in.cmd {
		case "FROM":
			last, line = "", in.line // a new stage starts as the base's user
		case "USER":
			last, line = in.args, in.line
		}
	}
	if last == "" {
		t.Fatal("the final stage sets no USER: it would run as whatever the base image says")
	}
	user, _, _ := strings.Cut(last, ":")
	if user == "root" || user == "0" {
		t.Errorf("Dockerfile line %d: final USER %s is root", line, last)
	}
}

// tokenOff matches the ways of turning Jupyter's token (or its other
// protections) off on a command line, in a config file or in compose.
var tokenOff = []*regexp.Regexp{
	regexp.MustCompile(`(?i)token\s*=\s*(''|""|\s|$)`),
	regexp.MustCompile(`(?i)JUPYTER_TOKEN\s*[:=]\s*(''|""|$)`),
	regexp.MustCompile(`(?i)password\s*=\s*(''|"")`),
	regexp.MustCompile(`(?i)disable_check_xsrf\s*=\s*True`),
	regexp.MustCompile(`(?i)allow_unauthenticated_access`),
	regexp.MustCompile(`(?i)--(NotebookApp|ServerApp|IdentityProvider)\.token`),
}

func disablesToken(line string) bool {
	for _, re := range tokenOff {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

func TestDisablesToken(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{`CMD ["start-notebook.py", "--IdentityProvider.token=''"]`, true},
		{`command: start-notebook.py --ServerApp.token=`, true},
		{`c.ServerApp.token = ""`, true},
		{`c.NotebookApp.password = ''`, true},
		{`      JUPYTER_TOKEN: ""`, true},
		{`ENV JUPYTER_TOKEN=`, true},
		{`c.ServerApp.disable_check_xsrf = True`, true},
		{`# start-notebook.py with a generated token, printed in the log.`, false},
		{`JUPYTER_TOKEN=${GRADBOOK_TOKEN:?set a token}`, false},
	} {
		if got := disablesToken(tc.line); got != tc.want {
			t.Errorf("disablesToken(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

func TestTokenStaysOn(t *testing.T) {
	for _, path := range []string{"Dockerfile", "compose.yaml", "jupyterhub/jupyterhub_config.py", "before-notebook.d/10-gradbook-notebooks.sh",
		"standin/Containerfile", "standin/start.sh", "standin/start-notebook.py"} {
		for i, line := range strings.Split(readFile(t, path), "\n") {
			if disablesToken(line) {
				t.Errorf("%s:%d turns authentication off: %s", path, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// composeList returns the items of every block list under key (e.g.
// "ports:") in a compose file: the "- item" lines indented below it. It reads
// only the short syntax, which is all compose.yaml uses; anything else under
// the key is returned as is, so a check on it fails loudly.
func composeList(yaml, key string) []string {
	var items []string
	lines := strings.Split(yaml, "\n")
	for i := 0; i < len(lines); i++ {
		trim := strings.TrimSpace(lines[i])
		if trim != key {
			continue
		}
		indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
		for i++; i < len(lines); i++ {
			l := lines[i]
			t := strings.TrimSpace(l)
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			if !strings.HasPrefix(t, "- ") || len(l)-len(strings.TrimLeft(l, " ")) < indent {
				break
			}
			items = append(items, strings.Trim(strings.TrimSpace(strings.TrimPrefix(t, "- ")), `"'`))
		}
		i--
	}
	return items
}

func TestComposeList(t *testing.T) {
	yaml := "services:\n  a:\n    ports:\n      # why\n      - \"127.0.0.1:8888:8888\"\n      - 9000:9000\n    volumes:\n      - w:/home/jovyan/work\n  b:\n    ports:\n    - '[::1]:1:1'\nvolumes:\n  w:\n"
	got := composeList(yaml, "ports:")
	want := []string{"127.0.0.1:8888:8888", "9000:9000", "[::1]:1:1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("composeList(ports:) = %q, want %q", got, want)
	}
	if got := composeList(yaml, "volumes:"); len(got) != 1 || got[0] != "w:/home/jovyan/work" {
		t.Errorf("composeList(volumes:) = %q", got)
	}
}

func TestComposeLoopbackAndVolume(t *testing.T) {
	yaml := readFile(t, "compose.yaml")
	ports := composeList(yaml, "ports:")
	if len(ports) == 0 {
		t.Fatal("compose.yaml publishes no port")
	}
	for _, p := range ports {
		if !strings.HasPrefix(p, "127.0.0.1:") && !strings.HasPrefix(p, "[::1]:") {
			t.Errorf("compose.yaml publishes %q beyond the loopback interface", p)
		}
	}
	vols := composeList(yaml, "volumes:")
	work := ""
	for _, v := range vols {
		if src, dst, ok := strings.Cut(v, ":"); ok && strings.TrimSuffix(dst, ":rw") == "/home/jovyan/work" {
			work = src
		}
	}
	if work == "" {
		t.Fatalf("compose.yaml mounts nothing on /home/jovyan/work (volumes %q)", vols)
	}
	named := strings.HasPrefix(work, ".") || strings.HasPrefix(work, "/") // a bind mount is also fine
	if !named && !regexp.MustCompile(`(?m)^volumes:\n(\s+#.*\n)*\s+`+regexp.QuoteMeta(work)+`:`).MatchString(yaml) {
		t.Errorf("compose.yaml mounts volume %q but does not declare it under the top-level volumes:", work)
	}
}

func TestHubConfigMatchesImage(t *testing.T) {
	cfg := readFile(t, "jupyterhub/jupyterhub_config.py")
	compose := readFile(t, "compose.yaml")
	image := regexp.MustCompile(`(?m)^\s+image:\s*(\S+)`).FindStringSubmatch(compose)
	if image == nil {
		t.Fatal("compose.yaml names no image")
	}
	for _, want := range []string{"dockerspawner.DockerSpawner", `"` + image[1] + `"`, `"/home/jovyan/work"`} {
		if !strings.Contains(cfg, want) {
			t.Errorf("jupyterhub_config.py does not contain %s", want)
		}
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to parse jupyterhub_config.py")
	}
	// Parse without running: DockerSpawner is not installed here.
	cmd := exec.Command(python, "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", "jupyterhub/jupyterhub_config.py")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("jupyterhub_config.py does not parse: %v\n%s", err, out)
	}
}

func TestHookScriptParses(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	for _, script := range []string{"before-notebook.d/10-gradbook-notebooks.sh", "slim.sh", "standin/start.sh"} {
		if out, err := exec.Command(bash, "-n", script).CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", script, err, out)
		}
	}
}

func TestParseDockerfile(t *testing.T) {
	src := "# c\nARG A=1\nFROM x:${A}\nRUN a && \\\n    # inner comment\n    b\n\nUSER 1000\n"
	ins, err := parseDockerfile(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range ins {
		got = append(got, fmt.Sprintf("%d %s %s", in.line, in.cmd, in.args))
	}
	want := []string{"2 ARG A=1", "3 FROM x:${A}", "4 RUN a &&  b", "8 USER 1000"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("parseDockerfile =\n%q\nwant\n%q", got, want)
	}
	if _, err := parseDockerfile("RUN a \\\n"); err == nil {
		t.Error("a trailing continuation was accepted")
	}
}

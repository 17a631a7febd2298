package main

import (
	"fmt"
	"time"

	"github.com/gradbook/gradbook/internal/nbformat"
)

// session is one student's state after the run: their server's API, the
// running kernel and the saved notebook.
type session struct {
	*student
	server     api
	kernel     *kernel
	saved      string // file name of the executed notebook in the home directory
	start, end time.Time
}

// studentRun does what a student does: log in, start a server, open the
// lecture, run every cell and save. Each step is one check.
func studentRun(ck *checks, hubURL string, s *student, password string, lecture nbformat.Notebook, name string, cellTimeout time.Duration) *session {
	ses := &session{student: s, saved: "executed-" + name}
	var token string
	err := login(hubURL, s.name, password)
	if err == nil {
		token, err = userToken(hubURL, s.name, password)
	}
	ck.report(s.name+" logs in through the hub (login form, then a token for the password)", err)
	if err != nil {
		return ses
	}
	t0 := time.Now()
	err = startServer(hubURL, s.name, token)
	ck.report(fmt.Sprintf("%s's server starts (%.1fs)", s.name, time.Since(t0).Seconds()), err)
	if err != nil {
		return ses
	}
	ses.server = api{base: hubURL + "/user/" + s.name, token: token}

	nb := lecture.Clone() // each student runs their own copy
	err = ses.put(name, nb)
	if err == nil {
		ses.kernel, err = startKernel(ses.server, "gradbook")
	}
	if err != nil {
		ck.report(s.name+" opens the lecture on the gradbook kernel", err)
		return ses
	}
	ses.start = time.Now()
	rep, err := runNotebook(nb, ses.kernel, cellTimeout)
	ses.end = time.Now()
	if err == nil && rep.pngs == 0 {
		err = fmt.Errorf("%d code cells ran but none displayed a PNG plot", rep.cells)
	}
	if err == nil {
		err = ses.put(ses.saved, nb)
	}
	ck.report(fmt.Sprintf("%s runs %s through the hub: %d code cells, %d PNG plots, no errors (%.1fs, slowest cell %.1fs)",
		s.name, name, rep.cells, rep.pngs, rep.total.Seconds(), rep.slowest.Seconds()), err)
	return ses
}

// put saves a notebook into the student's home through the contents API.
func (s *session) put(path string, nb nbformat.Notebook) error {
	_, err := s.server.call("PUT", "/api/contents/"+path,
		map[string]any{"type": "notebook", "format": "json", "content": nb}, nil, 200, 201)
	return err
}

// isolation checks that a cannot read b's work, from a's kernel (file
// permissions) and with a's token against b's server (hub authorization).
// A read of a's own file in the same cell shows the method can succeed.
func isolation(ck *checks, a, b *session) {
	// The cell checks for itself and panics on a surprise, so the verdict is
	// the execute_reply status; the printed lines explain a failure.
	code := fmt.Sprintf(`import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

%%%%
fmt.Println("uid:", os.Getuid())
if os.Getuid() != %d {
	panic(fmt.Sprintf("the kernel runs as uid %%d, want %d", os.Getuid()))
}
_, own := os.ReadFile(%q)
fmt.Println("own:", own)
if own != nil {
	panic(own)
}
_, other := os.ReadFile(%q)
fmt.Println("other:", other)
if !errors.Is(other, fs.ErrPermission) {
	panic(fmt.Sprint("reading the other student's notebook did not fail with permission denied: ", other))
}
`, a.uid, a.uid, a.home+"/"+a.saved, b.home+"/"+b.saved)
	outs, status, err := a.kernel.execute(code, 3*time.Minute)
	if err == nil && status != "ok" {
		err = fmt.Errorf("cell status %q: %s", status, outputText(outs))
	}
	ck.report(fmt.Sprintf("%s's kernel runs as %s, reads its own notebook, and is denied %s's", a.name, a.name, b.name), err)

	intruder := api{base: b.server.base, token: a.server.token}
	code2, err := intruder.call("GET", "/api/contents/"+b.saved, nil, nil)
	if err == nil && code2 != 403 {
		err = fmt.Errorf("GET %s/api/contents/%s with %s's token: status %d, want 403", b.server.base, b.saved, a.name, code2)
	}
	ck.report(fmt.Sprintf("%s's token is refused by %s's server (403)", a.name, b.name), err)
}

// overlap reports the two executions' time windows: the test wants both
// students' notebooks running at the same time.
func overlap(ss []*session) {
	a, b := ss[0], ss[1]
	both := a.end.Sub(b.start)
	if b.end.Before(a.end) {
		both = b.end.Sub(b.start)
	}
	if a.start.After(b.start) {
		both = b.end.Sub(a.start)
		if a.end.Before(b.end) {
			both = a.end.Sub(a.start)
		}
	}
	fmt.Printf("hubtest: %s ran %s..%s, %s ran %s..%s: %.1fs of overlap\n",
		a.name, a.start.Format("15:04:05.0"), a.end.Format("15:04:05.0"),
		b.name, b.start.Format("15:04:05.0"), b.end.Format("15:04:05.0"), max(both.Seconds(), 0))
}

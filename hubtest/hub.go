package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// hub is a running JupyterHub started by the test.
type hub struct {
	cmd   *exec.Cmd
	url   string // the proxy's public address, http://127.0.0.1:PORT
	log   string // the hub's log file
	state string
	done  chan error
}

// freePort asks the kernel for an unused loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// hubSettings are what the test passes to jupyterhub_config.py.
type hubSettings struct {
	config   string // hubtest/jupyterhub_config.py
	chp      string // configurable-http-proxy executable
	state    string // private directory for the database, secret, log
	users    []string
	password string
	modCache string
}

// startHub runs jupyterhub in its own process group and waits until its API
// answers through the proxy.
func startHub(s hubSettings) (*hub, error) {
	var ports [3]int
	for i := range ports {
		p, err := freePort()
		if err != nil {
			return nil, err
		}
		ports[i] = p
	}
	if err := os.MkdirAll(s.state, 0o700); err != nil {
		return nil, err
	}
	h := &hub{url: fmt.Sprintf("http://127.0.0.1:%d", ports[0]), log: filepath.Join(s.state, "jupyterhub.log"), state: s.state, done: make(chan error, 1)}
	logFile, err := os.Create(h.log)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	h.cmd = exec.Command("jupyterhub", "-f", s.config)
	h.cmd.Dir = s.state
	// The servers inherit PATH: only directories every user can read, Go first.
	h.cmd.Env = append(os.Environ(),
		"PATH=/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin",
		"GRADBOOK_HUBTEST_STATE="+s.state,
		"GRADBOOK_HUBTEST_PORT="+strconv.Itoa(ports[0]),
		"GRADBOOK_HUBTEST_HUB_PORT="+strconv.Itoa(ports[1]),
		"GRADBOOK_HUBTEST_PROXY_API_PORT="+strconv.Itoa(ports[2]),
		"GRADBOOK_HUBTEST_CHP="+s.chp,
		"GRADBOOK_HUBTEST_USERS="+strings.Join(s.users, ","),
		"GRADBOOK_HUBTEST_PASSWORD="+s.password,
	)
	for _, kv := range studentGoEnv(s.modCache) {
		h.cmd.Env = append(h.cmd.Env, "GRADBOOK_HUBTEST_GO_"+kv)
	}
	h.cmd.Stdout, h.cmd.Stderr = logFile, logFile
	h.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := h.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting jupyterhub: %v", err)
	}
	go func() { h.done <- h.cmd.Wait() }()
	deadline := time.Now().Add(90 * time.Second)
	for {
		var info struct {
			Version string `json:"version"`
		}
		if _, err := (api{base: h.url + "/hub"}).call("GET", "/api", nil, &info, 200); err == nil {
			fmt.Printf("hubtest: JupyterHub %s up at %s (log %s)\n", info.Version, h.url, h.log)
			return h, nil
		}
		select {
		case err := <-h.done:
			h.done <- err
			return h, fmt.Errorf("jupyterhub exited (%v); see %s:\n%s", err, h.log, tail(h.log, 30))
		case <-time.After(500 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return h, fmt.Errorf("jupyterhub did not answer within 90 s; see %s:\n%s", h.log, tail(h.log, 30))
		}
	}
}

// stop asks the hub to shut down (it stops the servers it spawned and the
// proxy it started), then kills its process group if it lingers.
func (h *hub) stop() error {
	if h.cmd == nil || h.cmd.Process == nil {
		return nil
	}
	pgid := h.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-h.done:
	case <-time.After(30 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-h.done
		return errors.New("jupyterhub did not stop within 30 s and was killed")
	}
	syscall.Kill(-pgid, syscall.SIGKILL) // the proxy, should it have outlived the hub
	return nil
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// login posts the hub's login form as a browser does and reports whether the
// hub accepted the password (a redirect that sets the login cookie).
func login(hubURL, name, password string) error {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// The login page sets the _xsrf cookie that newer hubs require back.
	resp, err := client.Get(hubURL + "/hub/login")
	if err != nil {
		return err
	}
	resp.Body.Close()
	form := url.Values{"username": {name}, "password": {password}}
	u, _ := url.Parse(hubURL + "/hub/login")
	for _, c := range jar.Cookies(u) {
		if c.Name == "_xsrf" {
			form.Set("_xsrf", c.Value)
		}
	}
	resp, err = client.PostForm(hubURL+"/hub/login?next=", form)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return fmt.Errorf("login of %s: %s, want 302 Found", name, resp.Status)
	}
	for _, c := range jar.Cookies(u) {
		if c.Name == "jupyterhub-hub-login" {
			return nil
		}
	}
	return fmt.Errorf("login of %s: no jupyterhub-hub-login cookie set", name)
}

// userToken trades the student's password for an API token, the hub's
// token-for-credentials request, so no admin credential is involved.
func userToken(hubURL, name, password string) (string, error) {
	var tok struct {
		Token string `json:"token"`
	}
	_, err := (api{base: hubURL + "/hub"}).call("POST", "/api/users/"+name+"/tokens",
		map[string]any{"auth": map[string]string{"username": name, "password": password}, "note": "gradbook hub-test"}, &tok, 200, 201)
	if err == nil && tok.Token == "" {
		err = fmt.Errorf("token request for %s returned no token", name)
	}
	return tok.Token, err
}

// startServer starts the student's default server and waits until the hub
// reports it ready.
func startServer(hubURL, name, token string) error {
	hubAPI := api{base: hubURL + "/hub", token: token}
	if _, err := hubAPI.call("POST", "/api/users/"+name+"/server", nil, nil, 201, 202); err != nil {
		return err
	}
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		var u struct {
			Servers map[string]struct {
				Ready bool `json:"ready"`
			} `json:"servers"`
		}
		if _, err := hubAPI.call("GET", "/api/users/"+name, nil, &u, 200); err != nil {
			return err
		}
		if s, ok := u.Servers[""]; ok && s.Ready {
			return nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return fmt.Errorf("the server of %s was not ready within 3 minutes", name)
}

package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

func runLab(args []string) error {
	fs := flag.NewFlagSet("lab", flag.ContinueOnError)
	port := fs.Int("port", 8888, "port on 127.0.0.1")
	noBrowser := fs.Bool("no-browser", false, "do not open a web browser")
	classic := fs.Bool("classic", false, "use the classic Notebook even where JupyterLab is installed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	env, err := ensureJupyter()
	if err != nil {
		return err
	}
	if !kernelIsCurrent() || !isExecutable(filepath.Join(binDir(root), "gopls")) {
		if _, err := install(installOptions{gopls: true, online: installedOnline()}); err != nil {
			return err
		}
	}
	if err := warm(); err != nil {
		return err
	}
	front := "notebook"
	if !*classic && exec.Command(env.python, "-c", "import jupyterlab").Run() == nil {
		front = "lab"
	}
	if !*noBrowser && headless() {
		// No display to open a browser on: say so rather than let Jupyter
		// start a browser that cannot show anything.
		*noBrowser = true
		fmt.Println("no display (DISPLAY and WAYLAND_DISPLAY are unset): not opening a browser")
	}
	cmdArgs := labArgs(front, filepath.Join(root, "notebooks"), *port, *noBrowser, os.Geteuid() == 0)
	fmt.Printf("starting Jupyter %s on http://127.0.0.1:%d — open the URL with the token that Jupyter prints below\n", front, *port)
	if err := adoptOrphans(); err != nil {
		fmt.Fprintf(os.Stderr, "lab: cannot adopt orphaned kernel processes (%v); a dead kernel's gopls may outlive it\n", err)
	}
	cmd := exec.Command(env.jupyter, cmdArgs...)
	cmd.Dir = filepath.Join(root, "notebooks")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	// Outlive the server: ^C reaches the whole terminal session, and lab
	// must still be here when Jupyter has shut its kernels down, to kill
	// what they left. SIGTERM, sent to lab alone, is passed on.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	go func() {
		for s := range signals {
			if s == syscall.SIGTERM {
				cmd.Process.Signal(s)
			}
		}
	}()
	stop := make(chan struct{})
	go reapOrphansEvery(2*time.Second, cmd.Process.Pid, stop)
	err = cmd.Wait()
	close(stop)
	killOrphans(-1)
	return err
}

// headless reports whether there is no graphical display to open a browser
// on (Linux and the BSDs; macOS and Windows always have one).
func headless() bool {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		return false
	}
	return os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == ""
}

// labArgs builds the server command line: loopback only, and token
// authentication left on (Jupyter's default; nothing here disables it).
func labArgs(front, dir string, port int, noBrowser, root bool) []string {
	a := []string{front, "--ip=127.0.0.1", "--port=" + strconv.Itoa(port), "--notebook-dir=" + dir,
		// New notebooks start on the Go kernel rather than Python.
		"--MultiKernelManager.default_kernel_name=" + kernelName}
	if noBrowser {
		a = append(a, "--no-browser")
	}
	if root {
		a = append(a, "--allow-root")
	}
	return a
}

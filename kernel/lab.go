package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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
	cmdArgs := labArgs(front, filepath.Join(root, "notebooks"), *port, *noBrowser, os.Geteuid() == 0)
	fmt.Printf("starting Jupyter %s on http://127.0.0.1:%d — open the URL with the token that Jupyter prints below\n", front, *port)
	cmd := exec.Command(env.jupyter, cmdArgs...)
	cmd.Dir = filepath.Join(root, "notebooks")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	return cmd.Run()
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

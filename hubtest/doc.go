// Command hubtest runs gradbook's multi-user test: a real JupyterHub with
// two students on one machine, without Docker.
//
// Usage (as root; `make hub-test` runs it):
//
//	go run ./hubtest [-notebook notebooks/NAME.ipynb] [-keep]
//
// It exercises the path a course server takes:
//
//   - copies the repository to /srv/gradbook-hubtest (the checkout may sit
//     in a home directory other users cannot enter), runs the README's
//     `go run ./kernel install` there, and installs the written kernel spec
//     system-wide as /usr/local/share/jupyter/kernels/gradbook;
//   - creates two system users with private (0700) home directories;
//   - starts Debian's JupyterHub on 127.0.0.1 with configurable-http-proxy
//     from npm (hubtest/node_modules), the DummyAuthenticator with a shared
//     password, and LocalProcessSpawner, so that each student's server and
//     kernels run as that student;
//   - logs both students in through the hub's login form and its token API,
//     starts both servers, uploads a lecture notebook to each and executes
//     it cell by cell at the same time for both, through the proxy, with the
//     Jupyter REST API and the kernel's WebSocket channels; every cell must
//     finish without an error and the lecture must produce a PNG plot;
//   - checks isolation: a Go cell in one student's kernel can read its own
//     saved notebook but gets "permission denied" on the other's, and one
//     student's token is refused by the other's server;
//   - stops the hub (which stops the servers and the proxy), kills anything
//     the test users still run, and removes the users, their homes, the
//     kernel spec and the copy under /srv.
//
// The students' Go builds use their own build caches (cold, as for a new
// student) and a shared read-only module cache with GOPROXY=off, so a cell
// that needs the network fails the test.
package main

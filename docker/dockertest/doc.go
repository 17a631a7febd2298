// Command dockertest builds gradbook's Docker image and runs it the way a
// student does, on a machine with no image registry: `make docker-test`.
//
// It uses Debian's podman (with runc and ulimits the test VMs allow) and
// works in four steps:
//
//  1. The base: a Debian bookworm minbase made with mmdebstrap and imported
//     into podman, and on it the stand-in for quay.io/jupyter/base-notebook
//     (docker/standin, a test double of the docker-stacks contract the image
//     relies on). Both are kept between runs, tagged by a hash of what made
//     them, so a second run starts from the warm base.
//  2. The image: docker/Dockerfile built on the stand-in, with Go served
//     from the host's own toolchain on 127.0.0.1 (go.dev is not reachable)
//     and its SHA-256 passed as the checksum. The project's layers and their
//     sizes are printed, and their sum over the base.
//  3. The container, run as docker/compose.yaml runs it (port on 127.0.0.1,
//     token on, the work folder on a named volume), and checked: it runs as
//     jovyan; the API refuses requests without the token; the gradbook
//     kernel is listed and the default; the lectures were copied into the
//     volume; the first plot cell in the fresh container and its time; every
//     lecture runs with `go run ./kernel exec` inside the container, the
//     module proxy off; Run All of a lecture in Chromium (e2e/) shows its
//     plots; a file saved through Jupyter survives removing and re-creating
//     the container; the container stops cleanly on SIGTERM.
//  4. Clean-up of every container, volume and image it made, except the
//     reused base (and the image itself with -keep).
//
// It exits non-zero when a check fails, after running the rest.
package main

// Package docker holds gradbook's container files and the test that checks
// them. It has no Go API: the package exists so that `go test ./...` reads
// the Dockerfile and compose file on every run.
//
// The files are:
//
//	Dockerfile               JupyterLab image on quay.io/jupyter/base-notebook
//	Dockerfile.dockerignore  keeps host builds (.gradbook, out, node_modules) out of the context
//	slim.sh                  trims the Go caches in the image to what notebooks use
//	compose.yaml             `docker compose -f docker/compose.yaml up` for a student
//	before-notebook.d/       start hook: copies the lectures into ~/work/gradbook
//	jupyterhub/              DockerSpawner config for a course, Kubernetes notes
//	standin/                 test double of the docker-stacks base, for make docker-test
//	dockertest/              make docker-test: build the image with podman and run it
//
// This package's test checks the files by reading them, on every `go test
// ./...`: the base image tag is a docker-stacks date tag (those never
// move), the Go release is pinned and its archive's SHA-256 is verified, the
// image sets up the kernel with the same `go run ./kernel install` and
// `warm` commands that the Makefile and the tests use (and no other build of
// gonb), the layers are ordered so that editing a notebook does not rebuild
// Go or gonb, the final user is not root, nothing disables the server's
// token, and compose publishes the port on 127.0.0.1 only with the student's
// work on a named volume.
//
// `make docker-test` (the dockertest command) builds and runs the image for
// real with podman, on a stand-in base since no image registry is reachable
// from the development machines; docker/README.md says what that route
// cannot check.
package docker

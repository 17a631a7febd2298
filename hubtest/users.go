package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// userMarker is the GECOS comment of the users the test creates. A user
// that exists without it is someone else's, and the test refuses to touch it.
const userMarker = "gradbook hub-test user"

// student is one system user made for the test.
type student struct {
	name string
	uid  int
	home string
}

// createStudent adds a system user with a private home directory. A user of
// that name left by an interrupted run (recognised by the marker) is removed
// first.
func createStudent(name string) (*student, error) {
	if u, err := user.Lookup(name); err == nil {
		if !strings.Contains(u.Name, userMarker) {
			return nil, fmt.Errorf("user %s exists and was not made by this test; choose other names with -users", name)
		}
		if err := removeStudent(&student{name: name, home: u.HomeDir}); err != nil {
			return nil, err
		}
	}
	if out, err := exec.Command("useradd", "--create-home", "--shell", "/bin/bash",
		"--comment", userMarker, name).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("useradd %s: %v: %s", name, err, out)
	}
	u, err := user.Lookup(name)
	if err != nil {
		return nil, err
	}
	uid, _ := strconv.Atoi(u.Uid)
	// As on a course server: nobody but the student enters the home.
	if err := os.Chmod(u.HomeDir, 0o700); err != nil {
		return nil, err
	}
	return &student{name: name, uid: uid, home: u.HomeDir}, nil
}

// removeStudent ends the user's processes and deletes the user and home.
func removeStudent(s *student) error {
	if u, err := user.Lookup(s.name); err == nil {
		uid, _ := strconv.Atoi(u.Uid)
		killUID(uid)
	}
	out, err := exec.Command("userdel", "--remove", s.name).CombinedOutput()
	// userdel exits 12 when the mail spool is missing, which useradd does
	// not create; the user is gone all the same.
	if err != nil && !strings.Contains(string(out), "mail spool") {
		return fmt.Errorf("userdel %s: %v: %s", s.name, err, out)
	}
	if s.home != "" && strings.HasPrefix(s.home, "/home/") {
		os.RemoveAll(s.home)
	}
	return nil
}

// killUID ends every process owned by uid: the test's users run nothing the
// test did not start. SIGTERM first, SIGKILL for what is left after 3 s.
func killUID(uid int) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		pids := pidsOf(uid)
		if len(pids) == 0 {
			return
		}
		for _, pid := range pids {
			syscall.Kill(pid, sig)
		}
		for i := 0; i < 30 && len(pidsOf(uid)) > 0; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// pidsOf lists the processes whose real user is uid, from /proc.
func pidsOf(uid int) []int {
	if uid <= 0 {
		return nil // never root's, whatever went wrong
	}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var pids []int
	for _, d := range dirs {
		var st syscall.Stat_t
		if syscall.Stat(d, &st) != nil || int(st.Uid) != uid {
			continue
		}
		pid, err := strconv.Atoi(filepath.Base(d))
		if err == nil {
			pids = append(pids, pid)
		}
	}
	return pids
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// leaseUIDs takes the first free block of sandbox uids for this grading
// run and holds it until the returned file is closed (or the process ends:
// the lock is the kernel's, not a file's content). Two runs at once — two
// assignments graded side by side, or a test beside a course's grading —
// must never share a uid: a process of one could then signal or read the
// other's, and one run's clean-up check would see the other's processes.
func leaseUIDs() (uid0 int, lease *os.File, err error) {
	dir := "/run/lock"
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		dir = os.TempDir()
	}
	for b := range uidBlocks {
		uid0 := sandboxUID + b*uidBlock
		name := filepath.Join(dir, fmt.Sprintf("gradbook-sandbox-uids-%d.lock", uid0))
		f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR|syscall.O_NOFOLLOW, 0o600)
		if err != nil {
			continue // a link or a file we cannot use: try the next block
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			return uid0, f, nil
		}
		f.Close()
	}
	return 0, nil, fmt.Errorf("all %d blocks of sandbox uids from %d are held by other grading runs on this machine", uidBlocks, sandboxUID)
}

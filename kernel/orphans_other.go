//go:build !linux

package main

import "time"

// Elsewhere than Linux there is no child subreaper: orphans of a dead kernel
// are left to the operating system.
func adoptOrphans() error                                                   { return nil }
func killOrphans(keep int) int                                              { return 0 }
func reapOrphansEvery(period time.Duration, keep int, stop <-chan struct{}) {}

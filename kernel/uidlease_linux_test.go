package main

import "testing"

// Two grading runs at once get disjoint uid blocks, and a block is free
// again once its run is over.
func TestLeaseUIDsAreExclusive(t *testing.T) {
	a0, a, err := leaseUIDs()
	if err != nil {
		t.Fatal(err)
	}
	b0, b, err := leaseUIDs()
	if err != nil {
		a.Close()
		t.Fatal(err)
	}
	defer b.Close()
	if a0 == b0 || a0 < sandboxUID || b0 < sandboxUID || (a0-b0)%uidBlock != 0 {
		t.Errorf("two leases got blocks %d and %d; want distinct blocks of %d from %d", a0, b0, uidBlock, sandboxUID)
	}
	a.Close()
	c0, c, err := leaseUIDs()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c0 == b0 {
		t.Errorf("after the first run ended a new lease got %d; want a block other than the running second one (%d)", c0, b0)
	}
}

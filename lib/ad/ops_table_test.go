package ad

import "testing"

// Every opcode has an entry in the one table: a unique display name,
// forward and backward rules and a tangent rule. The exceptions are
// stated: a leaf has no rules, and the tangent of a custom operation's
// JVP (a second derivative through Custom) is not supported.
func TestOpTable(t *testing.T) {
	seen := map[string]opcode{}
	for op := opcode(0); op < opCount; op++ {
		d := ops[op]
		if d.name == "" {
			t.Errorf("opcode %d has no name: missing from opTable?", op)
			continue
		}
		if prev, dup := seen[d.name]; dup {
			t.Errorf("opcodes %d and %d share the name %q", prev, op, d.name)
		}
		seen[d.name] = op
		if op == opLeaf {
			continue
		}
		if d.forward == nil || d.backward == nil {
			t.Errorf("%s: forward or backward rule missing", d.name)
		}
		if d.jvp == nil && op != opCustomJVP {
			t.Errorf("%s: tangent rule missing", d.name)
		}
	}
	for _, op := range []opcode{opAdd, opSub, opMul, opDiv, opMaximum, opMinimum} {
		if ops[op].method == "" {
			t.Errorf("%s: binary op without the method name its shape panic needs", ops[op].name)
		}
	}
}

package ad

import (
	"fmt"
)

// JVP records the forward-mode derivative of y in the direction dx of the
// input x, the Jacobian-vector product  ẏ = (∂y/∂x)·dx, and returns it as a
// Var of y's shape. dx must have x's shape.
//
// Each recorded operation pushes its tangent forward by its own rule
// (d(a⊙b) = da⊙b + a⊙db, d eᵃ = eᵃ⊙da, ...). The tangent is itself
// recorded with tape operations, so it can be differentiated again:
// Backward on a JVP gives second derivatives (see HessVec).
func (t *Tape) JVP(y, x, dx Var) Var {
	y.mustTape(x, "JVP")
	x.mustTape(dx, "JVP")
	nx, ndx := x.node(), dx.node()
	if nx.rows != ndx.rows || nx.cols != ndx.cols {
		panic(fmt.Sprintf("ad: JVP: direction is %d×%d, input is %d×%d", ndx.rows, ndx.cols, nx.rows, nx.cols))
	}
	tan := make([]Var, y.id+1)
	if x.id <= y.id {
		tan[x.id] = dx
	}
	for i := x.id + 1; i <= y.id; i++ {
		n := &t.nodes[i]
		if n.op == opLeaf {
			continue
		}
		var da, db Var
		if n.a >= 0 {
			da = tan[n.a]
		}
		if n.b >= 0 {
			db = tan[n.b]
		}
		if da.t == nil && db.t == nil {
			continue
		}
		rule := ops[n.op].jvp
		if rule == nil {
			panic(fmt.Sprintf("ad: JVP: operation %s has no tangent rule", opName(t, i)))
		}
		r, c := n.rows, n.cols
		d := rule(t, i, da, db)
		if d.t != nil {
			d = d.BroadcastTo(r, c)
		}
		tan[i] = d
	}
	if d := tan[y.id]; d.t != nil {
		return d
	}
	r, c := y.Dims()
	return t.ConstantData(r, c, make([]float64, r*c)) // y does not depend on x
}

func opName(t *Tape, id int32) string {
	n := &t.nodes[id]
	if n.custom != nil {
		return n.custom.name()
	}
	return ops[n.op].name
}

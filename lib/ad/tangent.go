package ad

// Tangent arithmetic used by the jvp rules. A tangent is a Var on the same
// tape; the zero Var stands for a tangent that is identically zero, so
// parts of the graph that do not depend on the direction cost nothing.

func addT(a, b Var) Var {
	switch {
	case a.t == nil:
		return b
	case b.t == nil:
		return a
	}
	return a.Add(b)
}

func negT(a Var) Var {
	if a.t == nil {
		return a
	}
	return a.Neg()
}

func mulT(a, b Var) Var {
	if a.t == nil || b.t == nil {
		return Var{}
	}
	return a.Mul(b)
}

func divT(a, b Var) Var {
	if a.t == nil {
		return a
	}
	return a.Div(b)
}

func scaleT(a Var, k float64) Var {
	if a.t == nil {
		return a
	}
	return a.Scale(k)
}

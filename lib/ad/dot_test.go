package ad

import (
	"strings"
	"testing"
)

func TestWriteDot(t *testing.T) {
	tape := NewTape()
	x := tape.VariableScalar(2).Name("x")
	y := tape.VariableScalar(3).Name("y")
	f := x.Mul(y).Add(x.Sin()).Name("f")
	tape.Backward(f)
	dot := tape.DotString(f)
	// values and adjoints: f = 6 + sin 2 ≈ 6.909, ∂f/∂x = 3 + cos 2 ≈ 2.584, ∂f/∂y = 2
	for _, want := range []string{"digraph", `x\nvalue 2\nadjoint 2.584`, `y\nvalue 3\nadjoint 2`, `f\nvalue 6.909\nadjoint 1`, "sin", "×", "->"} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %q:\n%s", want, dot)
		}
	}
}

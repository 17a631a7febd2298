package symbolic

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParsePrint(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"(t^2-4)/(t-2)", "(t^2 - 4)/(t - 2)"},
		{"-x^2 + 3*x - 1/2", "-x^2 + 3*x - 1/2"},
		{"x/(2*y)", "x/(2*y)"},
		{"-x/(2*y)", "-x/(2*y)"},
		{"1/sqrt(x)", "1/sqrt(x)"},
		{"x^(3/2)", "x^(3/2)"},
		{"x**2", "x^2"},
		{"e^x", "exp(x)"},
		{"2^-x", "2^(-x)"},
		{"x^y^z", "x^(y^z)"},
		{"(x^y)^z", "(x^y)^z"},
		{"(-x)^y", "(-x)^y"},
		{"0.1 + 1e-3", "101/1000"}, // decimals are read exactly
		{"2^10", "1024"},
		{"4^(1/2)", "2"},
		{"1/0", "nan"},
		{"a - (b - c)", "a - (b - c)"},
		{"sigmoid(w*x+b)", "sigmoid(w*x + b)"},
		{"+x", "x"},
		{"--x", "x"},
		{"x_1*theta", "x_1*theta"},
		{"pi*r^2", "pi*r^2"},
	} {
		e, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := e.String(); got != tc.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		col  int
		word string
	}{
		{"(t^2-", 6, "end of input"},
		{"2x", 2, "operator"},
		{"foo(x)", 1, "unknown function"},
		{"sin x", 5, "parentheses"},
		{"(x+1", 5, `")"`},
		{"x + $", 5, "unexpected character"},
		{"x * * y", 5, "expected a number"},
		{"1.2.3", 1, "malformed number"},
		{"", 1, "end of input"},
		{"x)", 2, "unexpected"},
		{"λ+", 3, "end of input"}, // columns count characters, not bytes
	} {
		_, err := Parse(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q): error %v, want a *ParseError", tc.in, err)
			continue
		}
		if pe.Col != tc.col || !strings.Contains(pe.Msg, tc.word) {
			t.Errorf("Parse(%q): column %d %q, want column %d mentioning %q", tc.in, pe.Col, pe.Msg, tc.col, tc.word)
		}
		// The caret sits under the column.
		lines := strings.Split(pe.Error(), "\n")
		if len(lines) != 3 || strings.Index(lines[2], "^") != tc.col+1 {
			t.Errorf("Parse(%q): caret misplaced:\n%s", tc.in, pe.Error())
		}
	}
}

func TestLaTeX(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"(t^2-4)/(t-2)", `\frac{t^{2} - 4}{t - 2}`},
		{"sigmoid(x)*(1-sigmoid(x))", `\sigma\left(x\right) \left(1 - \sigma\left(x\right)\right)`},
		{"sqrt(x^2+1)", `\sqrt{x^{2} + 1}`},
		{"exp(-x^2/2)", `e^{-\frac{x^{2}}{2}}`},
		{"abs(x) + heaviside(x) + relu(x)", `\left|x\right| + H\left(x\right) + \operatorname{ReLU}\left(x\right)`},
		{"-1/3*x", `-\frac{x}{3}`},
		{"theta^2", `\theta^{2}`},
	} {
		if got := MustParse(tc.in).LaTeX(); got != tc.want {
			t.Errorf("LaTeX(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got := Markdown("h(t)", MustParse("t+2")); got != "$$h(t) = t + 2$$" {
		t.Errorf("Markdown: %s", got)
	}
}

// FuzzParseRoundTrip checks that printing is a fixed point: for any input
// that parses, printing and parsing again gives an equal expression that
// prints identically.
func FuzzParseRoundTrip(f *testing.F) {
	for _, s := range []string{"(t^2-4)/(t-2)", "-x^2*y/(2*z)", "sigmoid(w*x+b)^2", "x^-1/2", "1/sqrt(x)^3", "(-x)^y^z", "e^x - 0.25", "abs(-x)/x", "2^-3*x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(20 * time.Second): // a parse that hangs is a bug
				panic(fmt.Sprintf("Parse(%q) did not finish in 20 s", s))
			}
		}()
		e1, err := Parse(s)
		if err != nil {
			return
		}
		p1 := e1.String()
		e2, err := Parse(p1)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", s, p1, err)
		}
		if !Equal(e1, e2) {
			t.Fatalf("round trip changed the expression: %q → %q → %q", s, p1, e2)
		}
		if p2 := e2.String(); p2 != p1 {
			t.Fatalf("printing is not a fixed point: %q → %q → %q", s, p1, p2)
		}
	})
}

// Deep nesting is a ParseError, not a fatal stack overflow; nesting below
// the limit parses.
func TestParseDepthLimit(t *testing.T) {
	for _, tc := range []struct {
		open, close string
		n           int
	}{{"(", ")", 1_000_000}, {"sin(", ")", MaxParseDepth + 1}, {"-", "", 100_000}, {"x^", "", 100_000}} {
		s := strings.Repeat(tc.open, tc.n) + "x" + strings.Repeat(tc.close, tc.n)
		_, err := Parse(s)
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "nested more than") {
			t.Errorf("%q nested %d deep: %.200v, want a ParseError about nesting", tc.open, tc.n, err)
		}
	}
	s := strings.Repeat("sin(", 1000) + "x" + strings.Repeat(")", 1000)
	if e, err := Parse(s); err != nil || e.Size() != 1001 {
		t.Errorf("sin nested 1000 deep: %v", err)
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gradbook/gradbook/internal/nbformat"
)

// An exercise is one exercise of a notebook: the declaration cell the
// student edits, the check cells that judge it, a solution and the wrong
// answers that every check must catch.
type exercise struct {
	name     string
	stub     string   // a fragment found only in the cell the student edits
	checks   []string // fragments of the check cells, each found in one cell
	solution string   // a declaration that solves it; "" means the cell as committed (assignments)
	wrong    []variant
}

// A variant is a wrong answer: a declaration that replaces the student's cell.
type variant struct{ kind, code string }

// Kinds of wrong answers, as the course asks checks to reject them.
const (
	constant = "a constant"
	prose    = "the formula in the prose, for something else"
	library  = "a call to the library function the exercise asks for"
	other    = "a plausible mistake"
)

// exercises lists every exercise with a check cell, per notebook (a path
// under notebooks/). For a lecture the committed cell is the stub; for an
// assignment it is the solution and the stub is what `assign` makes of it.
var exercises = map[string][]exercise{
	"00-welcome.ipynb": {{
		name: "cube", stub: "func cube(", checks: []string{`check.Func("cube"`},
		solution: "func cube(x float64) float64 { return x * x * x }",
		wrong:    []variant{{constant, "func cube(x float64) float64 { return 8 }"}},
	}},
	"01-optimization-recap.ipynb": {{
		name: "sqrtStep", stub: "func sqrtStep(", checks: []string{"five Newton steps"},
		solution: "func sqrtStep(x float64) float64 { return x - (x*x-2)/(2*x) }",
		wrong: []variant{
			{constant, "func sqrtStep(x float64) float64 { return 1.4142135623730951 }"},
			{library, "func sqrtStep(x float64) float64 { return math.Sqrt(2) }"},
		},
	}, {
		name: "goldstein", stub: "func goldstein(", checks: []string{"goldstein accepts"},
		solution: `func goldstein(phi0, slope0, alpha, phiAlpha, c float64) bool {
	return phiAlpha <= phi0+c*alpha*slope0 && phiAlpha >= phi0+(1-c)*alpha*slope0
}`,
		wrong: []variant{
			{constant, "func goldstein(phi0, slope0, alpha, phiAlpha, c float64) bool { return false }"},
			{prose, "func goldstein(phi0, slope0, alpha, phiAlpha, c float64) bool { return optim.Armijo(phi0, slope0, alpha, phiAlpha, c) }"},
		},
	}, {
		name: "exactStep", stub: "func exactStep(", checks: []string{"exactStep, positive"},
		solution: `func exactStep(a, g []float64) float64 {
	var gg, gAg float64
	for i := range g {
		gg += g[i] * g[i]
		gAg += a[i] * g[i] * g[i]
	}
	if gAg <= 0 {
		return math.Inf(1)
	}
	return gg / gAg
}`,
		wrong: []variant{
			{constant, "func exactStep(a, g []float64) float64 { return 0.1 }"},
			{prose, `func exactStep(a, g []float64) float64 {
	var gg, gAg float64
	for i := range g {
		gg += g[i] * g[i]
		gAg += a[i] * g[i] * g[i]
	}
	return gg / gAg
}`},
			{library, `func exactStep(a, g []float64) float64 {
	q := optim.Problem{
		Func: func(x []float64) float64 {
			s := 0.0
			for i := range x {
				s += 0.5 * a[i] * x[i] * x[i]
			}
			return s
		},
		Grad: func(gr, x []float64) {
			for i := range x {
				gr[i] = a[i] * x[i]
			}
		},
	}
	x, d := make([]float64, len(a)), make([]float64, len(a))
	gg := 0.0
	for i := range a {
		x[i], d[i], gg = g[i]/a[i], -g[i], gg+g[i]*g[i]
	}
	alpha, err := optim.Exact{}.Search(optim.NewLine(q, x, d), q.Func(x), -gg, 1)
	if err != nil {
		return math.NaN()
	}
	return alpha
}`},
		},
	}},
	"02-smoothness.ipynb": {{
		name: "smoothAbs", stub: "func smoothAbs(", checks: []string{`check.Derivative("d/dx smoothAbs`},
		solution: `func smoothAbs(x, gamma float64) float64 { return gamma * math.Log(math.Cosh(x/gamma)) }
func smoothAbsDeriv(x, gamma float64) float64 { return math.Tanh(x / gamma) }`,
		wrong: []variant{
			{constant, `func smoothAbs(x, gamma float64) float64 { return 1 }
func smoothAbsDeriv(x, gamma float64) float64 { return 0 }`},
			{other, `func smoothAbs(x, gamma float64) float64 { return math.Abs(x) - gamma*math.Ln2 }
func smoothAbsDeriv(x, gamma float64) float64 {
	if x < 0 {
		return -1
	}
	if x > 0 {
		return 1
	}
	return 0
}`},
		},
	}, {
		name: "stimulusFor", stub: "func stimulusFor(", checks: []string{"lifRate(stimulusFor"},
		solution: "func stimulusFor(rate float64) float64 { return vTh / (1 - math.Exp(-(1/rate-tRef)/tauM)) }",
		wrong:    []variant{{constant, "func stimulusFor(rate float64) float64 { return 1.5 }"}},
	}},
	"03-activation-functions.ipynb": {{
		name: "logSigmoid", stub: "func logSigmoid(", checks: []string{`check.Slice("logSigmoid"`},
		solution: `func logSigmoid(z float64) float64 {
	if z >= 0 {
		return -math.Log1p(math.Exp(-z))
	}
	return z - math.Log1p(math.Exp(z))
}`,
		wrong: []variant{{constant, "func logSigmoid(z float64) float64 { return -0.6931471805599453 }"}},
	}, {
		name: "swishDeriv", stub: "func swishDeriv(", checks: []string{`check.Derivative("swishDeriv"`},
		solution: "func swishDeriv(z float64) float64 { return activation.Sigmoid(z) + z*activation.SigmoidDeriv(z) }",
		wrong:    []variant{{constant, "func swishDeriv(z float64) float64 { return 0.5 }"}},
	}},
	"04-svm-and-constraints.ipynb": {{
		name: "distance", stub: "func distance(", checks: []string{"closest point at half the margin"},
		solution: "func distance(c []float64, b float64, x []float64) float64 { return math.Abs(floats.Dot(c, x)-b) / floats.Norm(c, 2) }",
		wrong: []variant{
			{constant, "func distance(c []float64, b float64, x []float64) float64 { return 1 }"},
			{prose, "func distance(c []float64, b float64, x []float64) float64 { return 2 / floats.Norm(c, 2) }"},
			{other, "func distance(c []float64, b float64, x []float64) float64 { return 1 / floats.Norm(c, 2) }"},
		},
	}, {
		name: "sigmoidPenaltyDeriv", stub: "func sigmoidPenaltyDeriv(", checks: []string{`check.Derivative("sigmoidPenaltyDeriv"`},
		solution: "func sigmoidPenaltyDeriv(g float64) float64 { s := activation.Sigmoid(-sharp * g); return -sharp * s * (1 - s) }",
		wrong: []variant{
			{constant, "func sigmoidPenaltyDeriv(g float64) float64 { return -1 }"},
			{prose, "func sigmoidPenaltyDeriv(g float64) float64 { s := activation.Sigmoid(-sharp * g); return s * (1 - s) }"},
		},
	}, {
		name: "hingeSub", stub: "func hingeSub(", checks: []string{`check.Slice("hingeSub"`},
		solution: `func hingeSub(X *mat.Dense, y []float64, C float64, theta []float64) []float64 {
	_, d := X.Dims()
	sub := make([]float64, d+1)
	copy(sub[:d], theta[:d])
	for i := range y {
		x := X.RawRowView(i)
		if y[i]*(floats.Dot(theta[:d], x)-theta[d]) < 1 {
			floats.AddScaled(sub[:d], -C*y[i], x)
			sub[d] += C * y[i]
		}
	}
	return sub
}`,
		wrong: []variant{{constant, "func hingeSub(X *mat.Dense, y []float64, C float64, theta []float64) []float64 { return []float64{1, 1, 1} }"}},
	}},
	"05-symbolic-differentiation.ipynb": {{
		name: "dGauss", stub: "func dGauss(", checks: []string{`check.Derivative("dGauss"`},
		solution: `func dGauss(x float64) float64 {
	f, err := symbolic.Compile(symbolic.Diff(symbolic.MustParse("x*exp(-x^2)"), "x", 1), "x")
	if err != nil {
		panic(err)
	}
	return f(x)
}`,
		wrong: []variant{{constant, "func dGauss(x float64) float64 { return 1 }"}},
	}, {
		name: "qAt", stub: "func qAt(", checks: []string{"qAt(%d)"},
		solution: `func qAt(a int) float64 {
	v, _, err := symbolic.At(symbolic.MustParse(fmt.Sprintf("(x^3 - (%d)^3)/(x - (%d))", a, a)), "x", float64(a))
	if err != nil {
		panic(err)
	}
	return v
}`,
		wrong: []variant{{constant, "func qAt(a int) float64 { return 12 }"}},
	}, {
		name: "limitAt", stub: "func limitAt(", checks: []string{"limitAt(%d)"},
		solution: `func limitAt(k int) float64 {
	v, err := symbolic.Limit(symbolic.MustParse(fmt.Sprintf("(log(1 + %d*x) - %d*x)/x^2", k, k)), "x", symbolic.Int(0), symbolic.Both)
	if err != nil {
		panic(err)
	}
	return v.Float()
}`,
		wrong: []variant{
			{constant, "func limitAt(k int) float64 { return 2 }"},
			{prose, "func limitAt(k int) float64 { return float64(k) }"},
		},
	}},
	"06-finite-differences.ipynb": {{
		name: "secondDiff", stub: "func secondDiff(", checks: []string{"secondDiff (e^2x)"},
		solution: "func secondDiff(f func(float64) float64, x float64) float64 { h := 1e-4; return (f(x+h) - 2*f(x) + f(x-h)) / (h * h) }",
		wrong:    []variant{{constant, "func secondDiff(f func(float64) float64, x float64) float64 { return 4 }"}},
	}, {
		name: "richardsonStep", stub: "func richardsonStep(", checks: []string{"richardsonStep sin′(1)"},
		solution: `func richardsonStep(f func(float64) float64, x, h float64) float64 {
	d := func(h float64) float64 { return (f(x+h) - f(x-h)) / (2 * h) }
	return (4*d(h/2) - d(h)) / 3
}`,
		wrong: []variant{
			{constant, "func richardsonStep(f func(float64) float64, x, h float64) float64 { return 0.5403023058681398 }"},
			{library, "func richardsonStep(f func(float64) float64, x, h float64) float64 { return fd.Richardson(f, x, nil).Value }"},
		},
	}, {
		name: "gComplex", stub: "func gComplex(", checks: []string{"complex-step gradient of g"},
		solution: "func gComplex(x []complex128) complex128 { return x[0]*x[0]*cmplx.Sin(x[1]) + cmplx.Exp(x[0]*x[1]) }",
		wrong:    []variant{{constant, "func gComplex(x []complex128) complex128 { return 1 }"}},
	}},
	"07-automatic-differentiation.ipynb": {{
		name: "tape exp", stub: "func (t *tape) exp(", checks: []string{"tape derivative of x·eˣ"},
		solution: `func (t *tape) exp(a *value) *value {
	e := math.Exp(a.val)
	return t.op(e, []*value{a}, []float64{e})
}`,
		wrong: []variant{{constant, "func (t *tape) exp(a *value) *value { return t.leaf(1) }"}},
	}, {
		name: "q", stub: "func q(t *ad.Tape", checks: []string{"q(x) on the tape"},
		solution: "func q(t *ad.Tape, x ad.Var) ad.Var { return x.Square().Log1p().Sum() }",
		wrong:    []variant{{constant, "func q(t *ad.Tape, x ad.Var) ad.Var { return t.ConstantScalar(1) }"}},
	}, {
		name: "sinCubed", stub: "func sinCubed(", checks: []string{"Taylor mode at 0 succeeds"},
		solution: "func sinCubed(x ad.Series) ad.Series { return x.Sub(x.Sin()).Div(x.Square().Mul(x)) }",
		wrong: []variant{
			{constant, "func sinCubed(x ad.Series) ad.Series { return x.Const(1.0 / 6) }"},
			{prose, "func sinCubed(x ad.Series) ad.Series { return x.Cos().Neg().Shift(1).Div(x.Square()) }"},
		},
	}},
	"08-second-derivatives.ipynb": {{
		name: "myHessian", stub: "func myHessian(", checks: []string{"Hessian of x²y + e^(xy) at (0.5"},
		solution: `func myHessian(x, y float64) []float64 {
	e := math.Exp(x * y)
	return []float64{2*y + y*y*e, 2*x + e*(1+x*y), 2*x + e*(1+x*y), x * x * e}
}`,
		wrong: []variant{
			{constant, "func myHessian(x, y float64) []float64 { return []float64{-1.3934693402873666, 1.3032653298563166, 1.3032653298563166, 0.15163266492815836} }"},
			{other, "func myHessian(x, y float64) []float64 { e := math.Exp(x * y); return []float64{2*y + y*y*e, 2*x + e, 2*x + e, x * x * e} }"},
		},
	}, {
		name: "largestCurvature", stub: "func largestCurvature(", checks: []string{"largest Hessian eigenvalue"},
		solution: `func largestCurvature(f ad.Func, x []float64, iters int) float64 {
	v := make([]float64, len(x))
	for i := range v {
		v[i] = 1 / math.Sqrt(float64(len(v)))
	}
	for range iters {
		hv := ad.HessVec(nil, f, x, v)
		n := 0.0
		for _, h := range hv {
			n += h * h
		}
		n = math.Sqrt(n)
		for i := range v {
			v[i] = hv[i] / n
		}
	}
	hv := ad.HessVec(nil, f, x, v)
	r := 0.0
	for i := range v {
		r += v[i] * hv[i]
	}
	return r
}`,
		wrong: []variant{{constant, "func largestCurvature(f ad.Func, x []float64, iters int) float64 { return 800 }"}},
	}},
	"09-dropout.ipynb": {{
		name: "sumVariance", stub: "func sumVariance(", checks: []string{"/ sample variance"},
		solution: `func sumVariance(w, x []float64, p float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * w[i] * x[i] * x[i]
	}
	return (1 - p) / p * s
}`,
		wrong: []variant{
			{constant, "func sumVariance(w, x []float64, p float64) float64 { return 1 }"},
			{prose, "func sumVariance(w, x []float64, p float64) float64 { return (1 - p) / p }"},
			{other, `func sumVariance(w, x []float64, p float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * x[i]
	}
	return (1 - p) / p * s * s
}`},
		},
	}, {
		name: "dropoutBackward", stub: "func dropoutBackward(", checks: []string{`check.Gradient("dropoutBackward"`},
		solution: "func dropoutBackward(m dropout.Mask, w []float64) []float64 { return m.Apply(nil, w) }",
		wrong:    []variant{{constant, "func dropoutBackward(m dropout.Mask, w []float64) []float64 { return []float64{1, 1, 1, 1, 1, 1} }"}},
	}},
	"10-function-layers.ipynb": {{
		name: "lastBiasGrad", stub: "func lastBiasGrad(", checks: []string{`check.Slice("lastBiasGrad"`},
		solution: `func lastBiasGrad(out, y *mat.Dense) []float64 {
	r, c := out.Dims()
	g := make([]float64, c)
	for i := range r {
		for j := range c {
			g[j] += (out.At(i, j) - y.At(i, j)) / float64(r)
		}
	}
	return g
}`,
		wrong: []variant{{constant, "func lastBiasGrad(out, y *mat.Dense) []float64 { return []float64{0.1, 0.1} }"}},
	}, {
		name: "dreamDigit", stub: "func dreamDigit(", checks: []string{"dreamDigit(%d) is classified"},
		solution: `func dreamDigit(net *nn.Network, class int) *mat.Dense {
	x, _, err := net.OptimizeInput(mat.NewDense(1, 64, nil), nn.Targets{Labels: []int{class}},
		&nn.InputSettings{Loss: nn.CrossEntropy, Iterations: 100})
	if err != nil {
		panic(err)
	}
	return x
}`,
	}},
	"assignments/a1-finite-differences.ipynb": {{
		name: "forward and central", stub: "func forward(", checks: []string{"forward(sin, 1, 1e-4)"},
		wrong: []variant{{other, `func forward(f func(float64) float64, x, h float64) float64 { return (f(x+h) - f(x-h)) / (2 * h) }
func central(f func(float64) float64, x, h float64) float64 { return (f(x+h) - f(x-h)) / h }`}},
	}, {
		name: "errorCurve and slope", stub: "func errorCurve(", checks: []string{"forward error at h = 0.1"},
	}, {
		name: "bestStep", stub: "func bestStep(", checks: []string{"best forward step"},
		wrong: []variant{
			{constant, "func bestStep(hs, errs []float64) float64 { return 1 }"},
			{other, "func bestStep(hs, errs []float64) float64 { return hs[len(hs)/2] }"},
		},
	}, {
		name: "richardson", stub: "func richardson(", checks: []string{"richardson(exp, 1, 0.1)"},
		wrong: []variant{{other, "func richardson(f func(float64) float64, x, h float64) float64 { return central(f, x, h) }"}},
	}},
	"assignments/a2-backward-rules.ipynb": {{
		name: "Div", stub: "func Div(", checks: []string{`check.Gradient("∇(x / y)"`},
		wrong: []variant{{other, `func Div(a, b *Node) *Node {
	out := &Node{Value: a.Value / b.Value, parents: []*Node{a, b}}
	out.back = func() {
		a.Grad = out.Grad / b.Value // overwrites instead of accumulating
		b.Grad = -out.Grad * a.Value / (b.Value * b.Value)
	}
	return out
}`}},
	}, {
		name: "Tanh", stub: "func Tanh(", checks: []string{"tanh'(%g)"},
	}, {
		name: "Softplus", stub: "func Softplus(", checks: []string{"softplus'(%g)"},
	}, {
		name: "Pow", stub: "func Pow(", checks: []string{"∇ xʸ at (2, 3)"},
	}},
	"assignments/a3-svm-training.ipynb": {{
		name: "smoothHinge and loss", stub: "func smoothHinge(", checks: []string{"smoothHinge(1, 0.1)"},
	}, {
		name: "lossGrad", stub: "func lossGrad(", checks: []string{"∇loss at (0.3, -0.2, 0.1)"},
	}, {
		name: "train", stub: "func train(", checks: []string{"|∇loss| after training"},
		wrong: []variant{{other, `func train(X [][]float64, y []float64, lambda, lr float64, steps int) []float64 {
	p := []float64{0.5, -0.5, 0} // does not start at zero
	g := make([]float64, len(p))
	for k := 0; k < steps; k++ {
		lossGrad(g, p, X, y, lambda)
		for j := range p {
			p[j] -= lr * g[j]
		}
	}
	return p
}`}},
	}, {
		name: "accuracy", stub: "func accuracy(", checks: []string{"held-out accuracy (at least 0.95)"},
		wrong: []variant{{constant, "func accuracy(p []float64, X [][]float64, y []float64) float64 { return 1 }"}},
	}},
}

// A run is one check cell executed after a version of the student's cell,
// with what its output must show.
type run struct {
	what   string // e.g. "cube: the stub"
	cell   int    // index of the check cell in the generated notebook
	solved bool   // the version is a solution: PASS, and no FAIL
}

// TestExercisesFailUnsolved runs every exercise's check cells through the
// kernel after its stub, after a solution and after each wrong answer
// (constants, the formula the prose gives for something else, the library
// call the exercise asks the student to write, plausible mistakes), and
// asserts that the solution passes and that each of the others prints a
// FAIL line (or, for an assignment stub that panics, ends in an error,
// which the grader scores zero).
func TestExercisesFailUnsolved(t *testing.T) {
	env := testKernel(t)
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	for name, exs := range exercises {
		t.Run(name, func(t *testing.T) {
			cells, runs := exerciseNotebook(t, filepath.Join(root, "notebooks", name), exs)
			dir := t.TempDir()
			nb := filepath.Join(dir, strings.ReplaceAll(name, "/", "-"))
			writeTestNotebook(t, nb, cells...)
			res, err := executeNotebook(env, nb, execOptions{outDir: filepath.Join(dir, "out"), env: offline,
				allowErrors: true, timeout: 5 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			outs := cellOutputs(t, res.Out)
			for i, c := range res.Cells {
				if c.Status != "ok" && !isCheck(runs, i) {
					t.Errorf("declaration cell %d (%q) failed: %s %s", i, c.FirstLine, c.Ename, firstLines(c.Evalue+"\n"+c.Detail, 6))
				}
			}
			for _, r := range runs {
				out, status := outs[r.cell], res.Cells[r.cell].Status
				fails := strings.Contains("\n"+out, "\nFAIL ")
				switch {
				case r.solved && (status != "ok" || fails || !strings.Contains("\n"+out, "\nPASS ")):
					t.Errorf("%s: the check does not pass (%s):\n%s", r.what, status, out)
				case !r.solved && !fails && !(status == "error" && strings.Contains(out, "not implemented")):
					t.Errorf("%s: the check prints no FAIL (%s):\n%s", r.what, status, out)
				}
			}
		})
	}
}

// exerciseNotebook builds the cells to run for one notebook: its
// declaration cells (with every exercise cell as committed), then for each
// exercise its check cells after the stub, after the solution and after each
// wrong answer, and then its solution again for the exercises after it.
func exerciseNotebook(t *testing.T, path string, exs []exercise) (cells []string, runs []run) {
	t.Helper()
	src, err := nbformat.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	assignment := strings.Contains(path, string(filepath.Separator)+"assignments"+string(filepath.Separator))
	var code []string
	for _, c := range src.Cells() {
		if nbformat.Type(c) == "code" {
			code = append(code, nbformat.Source(c))
		}
	}
	find := func(fragment string) string {
		var hits []string
		for _, s := range code {
			if strings.Contains(s, fragment) {
				hits = append(hits, s)
			}
		}
		if len(hits) != 1 {
			t.Fatalf("%s: %d code cells contain %q; want exactly one", path, len(hits), fragment)
		}
		return hits[0]
	}
	for _, s := range code {
		if !strings.HasPrefix(s, "%%") {
			cells = append(cells, s)
		}
	}
	for _, ex := range exs {
		committed := find(ex.stub)
		stub, solution := committed, ex.solution
		if assignment {
			if stub, err = stubSolutions(committed); err != nil {
				t.Fatal(err)
			}
			solution = committed
		}
		versions := append([]variant{{"the stub", stub}, {"the solution", solution}}, ex.wrong...)
		for _, v := range versions {
			cells = append(cells, v.code)
			for _, frag := range ex.checks {
				runs = append(runs, run{what: fmt.Sprintf("%s, %s", ex.name, v.kind), cell: len(cells), solved: v.kind == "the solution"})
				cells = append(cells, find(frag))
			}
		}
		// Later exercises may build on this one (an assignment's parts do):
		// leave the solution declared.
		cells = append(cells, solution)
	}
	return cells, runs
}

func isCheck(runs []run, i int) bool {
	for _, r := range runs {
		if r.cell == i {
			return true
		}
	}
	return false
}

// cellOutputs returns the text each code cell of an executed nbformat.Notebook
// printed: standard output and error, and error values.
func cellOutputs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			CellType string `json:"cell_type"`
			Outputs  []struct {
				Text   any    `json:"text"`
				Ename  string `json:"ename"`
				Evalue string `json:"evalue"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatal(err)
	}
	var outs []string
	for _, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		var b strings.Builder
		for _, o := range c.Outputs {
			switch v := o.Text.(type) {
			case string:
				b.WriteString(v)
			case []any:
				for _, s := range v {
					b.WriteString(fmt.Sprint(s))
				}
			}
			if o.Ename != "" {
				b.WriteString(o.Ename + ": " + o.Evalue + "\n")
			}
		}
		outs = append(outs, b.String())
	}
	return outs
}

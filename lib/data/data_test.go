package data

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestReadCSVErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     string
		opts   *CSVOptions
		target error
		line   int
		col    int
		msg    string // substring of the message
	}{
		{"empty", "", nil, ErrEmpty, 0, 0, "no data rows"},
		{"only header", "a,b,y\n", &CSVOptions{Header: true}, ErrEmpty, 0, 0, "no data rows"},
		{"ragged short", "1,2,0\n3,4,1\n5,1\n", nil, ErrRagged, 3, 0, "line 3"},
		{"ragged long", "1,2,0\n3,4,5,1\n", nil, ErrRagged, 2, 0, "4, expected 3"},
		{"header mismatch", "a,b\n1,2,0\n", &CSVOptions{Header: true}, ErrRagged, 2, 0, "header has 2"},
		{"not a number", "1,2,0\n3,x4,1\n", nil, ErrNotNumber, 2, 2, `column 2, field "x4"`},
		{"NaN feature", "1,NaN,0\n", nil, ErrNaN, 1, 2, "NaN"},
		{"Inf feature", "1,2,0\n+Inf,2,0\n", nil, ErrNaN, 2, 1, "infinite"},
		{"negative label", "1,2,-1\n", nil, ErrBadLabel, 1, 3, "non-negative integer"},
		{"fractional label", "1,2,0.5\n", nil, ErrBadLabel, 1, 3, "bad class label"},
		{"unknown class", "1,2,cat\n1,2,dgo\n", &CSVOptions{Classes: []string{"cat", "dog"}}, ErrBadLabel, 2, 3, `"dgo"`},
		{"NaN target", "1,2,0.5\n1,2,nan\n", &CSVOptions{Kind: RealTargets}, ErrNaN, 2, 3, "line 2, column 3"},
		{"target column out of range", "1,2\n", &CSVOptions{Target: 5}, ErrRagged, 1, 0, "target column 5"},
		{"line counts skipped lines", "meta\n1,2,0\n1,2,z\n", &CSVOptions{SkipLines: 1}, ErrBadLabel, 3, 3, "line 3"},
		{"out of range", "1,2,0\n1,1e400,0\n", nil, ErrRange, 2, 2, "out of float64 range"},
		{"negative out of range", "1,-1e400,0\n", nil, ErrRange, 1, 2, "out of float64 range"},
		{"hexadecimal float", "1,0x1p3,0\n", nil, ErrNotNumber, 1, 2, "decimal"},
		{"digit separators", "1,1_000,0\n", nil, ErrNotNumber, 1, 2, "decimal"},
		{"hexadecimal target", "1,2,0x1p3\n", &CSVOptions{Kind: RealTargets}, ErrNotNumber, 1, 3, "decimal"},
		{"negative Target", "1,2,0\n", &CSVOptions{Target: -1}, ErrOption, 0, 0, "Target -1"},
		{"huge class label", "1,2,0\n1,2,1000000000\n", nil, ErrBadLabel, 2, 3, "at most"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ReadCSV(strings.NewReader(tc.in), tc.opts)
			if err == nil {
				t.Fatalf("got set %v, want error", s)
			}
			if !errors.Is(err, tc.target) {
				t.Errorf("error %q does not wrap %q", err, tc.target)
			}
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *CSVError", err)
			}
			if ce.Line != tc.line || ce.Column != tc.col {
				t.Errorf("error at line %d column %d, want %d, %d (%v)", ce.Line, ce.Column, tc.line, tc.col, err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q does not contain %q", err, tc.msg)
			}
			// The sentinels carry the "data: " prefix; the message says it once.
			if !strings.HasPrefix(tc.target.Error(), "data: ") || strings.Count(err.Error(), "data: ") != 1 {
				t.Errorf("message %q, sentinel %q: want the package prefix once", err, tc.target)
			}
		})
	}
}

func TestReadCSV(t *testing.T) {
	in := "# x, y, class\nf1 ; f2 ; label\n1.5;-2;cat\n\n3e2; 4 ;dog\n"
	s, err := ReadCSV(strings.NewReader(in), &CSVOptions{Comma: ';', SkipLines: 1, Header: true,
		Classes: []string{"cat", "dog"}, Name: "pets"})
	if err != nil {
		t.Fatal(err)
	}
	want := mat.NewDense(2, 2, []float64{1.5, -2, 300, 4})
	if !mat.Equal(s.X, want) || !slices.Equal(s.Labels, []int{0, 1}) ||
		!slices.Equal(s.FeatureNames, []string{"f1", "f2"}) || s.Name != "pets" || s.Classes() != 2 {
		t.Errorf("got %+v", s)
	}

	// Target in the first column, read as a real number.
	s, err = ReadCSV(strings.NewReader("0.5,1,2\n-1,3,4\n"), &CSVOptions{Target: 1, Kind: RealTargets})
	if err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(s.X, mat.NewDense(2, 2, []float64{1, 2, 3, 4})) || !slices.Equal(s.Y, []float64{0.5, -1}) || s.Labels != nil {
		t.Errorf("got %+v", s)
	}

	s, err = ReadCSV(strings.NewReader("1,2\n3,4\n"), &CSVOptions{Kind: NoTarget})
	if err != nil || s.Dim() != 2 || s.Y != nil || s.Labels != nil {
		t.Errorf("NoTarget: got %+v, %v", s, err)
	}
}

func TestBreastCancer(t *testing.T) {
	s, err := BreastCancer()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	counts := make([]int, 2)
	for _, l := range s.Labels {
		counts[l]++
	}
	// Class distribution 212 malignant / 357 benign: scikit-learn 1.2.1
	// sklearn/datasets/descr/breast_cancer.rst.
	if counts[0] != 212 || counts[1] != 357 {
		t.Errorf("class counts %v, want [212 357]", counts)
	}
	// First sample: first line of sklearn's breast_cancer.csv after the metadata row.
	if s.X.At(0, 0) != 17.99 || s.X.At(0, 29) != 0.1189 || s.Labels[0] != 0 {
		t.Errorf("first row %v label %d", s.X.RawRowView(0)[:3], s.Labels[0])
	}
	if s.FeatureNames[0] != "mean radius" || s.FeatureNames[10] != "radius error" || s.FeatureNames[27] != "worst concave points" {
		t.Errorf("feature names %q", s.FeatureNames)
	}
}

func TestDigits(t *testing.T) {
	s, err := Digits()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	// Class counts tallied from sklearn's digits.csv.gz with awk on its 65th column.
	want := []int{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}
	counts := make([]int, 10)
	for _, l := range s.Labels {
		counts[l]++
	}
	if !slices.Equal(counts, want) {
		t.Errorf("class counts %v, want %v", counts, want)
	}
	lo, hi := mat.Min(s.X), mat.Max(s.X)
	if lo != 0 || hi != 16 {
		t.Errorf("pixel range [%v, %v], want [0, 16]", lo, hi)
	}
	if s.OneHot().At(1, 1) != 1 || s.Labels[1] != 1 {
		t.Errorf("second image should be a 1")
	}
}

func TestToySets(t *testing.T) {
	for _, tc := range []struct {
		name    string
		make    func(rng *rand.Rand) *Set
		n, d, k int
	}{
		{"blobs", func(r *rand.Rand) *Set { return Blobs(r, 101, 3) }, 101, 2, 2},
		{"separable", func(r *rand.Rand) *Set { return SeparableBlobs(r, 80, 1) }, 80, 2, 2},
		{"moons", func(r *rand.Rand) *Set { return Moons(r, 50, 0.1) }, 50, 2, 2},
		{"xor", func(r *rand.Rand) *Set { return XOR(r, 40, 0.2) }, 40, 2, 2},
		{"spirals", func(r *rand.Rand) *Set { return Spirals(r, 91, 3, 0.02) }, 91, 2, 3},
		{"curve", func(r *rand.Rand) *Set { return Curve(r, 30, 0.1) }, 30, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.make(rand.New(rand.NewPCG(1, 2)))
			b := tc.make(rand.New(rand.NewPCG(1, 2)))
			c := tc.make(rand.New(rand.NewPCG(3, 4)))
			if !mat.Equal(a.X, b.X) || !slices.Equal(a.Labels, b.Labels) || !slices.Equal(a.Y, b.Y) {
				t.Error("same seed gave different sets")
			}
			if mat.Equal(a.X, c.X) {
				t.Error("different seeds gave the same set")
			}
			if a.Len() != tc.n || a.Dim() != tc.d || a.Classes() != tc.k {
				t.Errorf("got %d×%d with %d classes, want %d×%d with %d", a.Len(), a.Dim(), a.Classes(), tc.n, tc.d, tc.k)
			}
			if err := a.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestSeparableBlobsGap(t *testing.T) {
	const gap = 1.5
	s := SeparableBlobs(rand.New(rand.NewPCG(7, 7)), 400, gap)
	y := s.Signs(1)
	for i := range y {
		x := s.Row(i)
		// Signed distance to the line x1 + x2 = 0.
		if dist := y[i] * (x[0] + x[1]) / math.Sqrt2; dist < gap/2 {
			t.Fatalf("sample %d at signed distance %v < %v", i, dist, gap/2)
		}
	}
}

func TestXORLabels(t *testing.T) {
	s := XOR(rand.New(rand.NewPCG(1, 1)), 200, 0.1) // noise 0.1 never crosses an axis at 10σ
	for i, l := range s.Labels {
		x := s.Row(i)
		if (x[0]*x[1] > 0) != (l == 1) {
			t.Fatalf("sample %d at %v has label %d", i, x, l)
		}
	}
}

func TestSplitStandardize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := Blobs(rng, 100, 4)
	orig := mat.DenseCopyOf(s.X)
	train, test := Split(s, 0.7, rng)
	if train.Len() != 70 || test.Len() != 30 {
		t.Fatalf("split sizes %d, %d", train.Len(), test.Len())
	}
	if !mat.Equal(s.X, orig) {
		t.Error("Split modified its input")
	}
	// Every original row appears exactly once in train ∪ test.
	seen := map[[2]float64]int{}
	for _, part := range []*Set{train, test} {
		for i := range part.Len() {
			r := part.Row(i)
			seen[[2]float64{r[0], r[1]}]++
		}
	}
	for i := range s.Len() {
		r := s.Row(i)
		if seen[[2]float64{r[0], r[1]}] != 1 {
			t.Fatalf("row %d appears %d times", i, seen[[2]float64{r[0], r[1]}])
		}
	}

	sc := Standardize(train, test)
	for j := range 2 {
		col := mat.Col(nil, j, train.X)
		var m, v float64
		for _, x := range col {
			m += x
		}
		m /= float64(len(col))
		for _, x := range col {
			v += (x - m) * (x - m)
		}
		v /= float64(len(col))
		if math.Abs(m) > 1e-12 || math.Abs(v-1) > 1e-12 {
			t.Errorf("column %d: mean %v variance %v after standardizing", j, m, v)
		}
	}
	// The test rows use the training statistics.
	r := test.Row(0)
	x0 := (r[0]*sc.Scale[0] + sc.Mean[0])
	found := false
	for i := range s.Len() {
		if math.Abs(s.X.At(i, 0)-x0) < 1e-12 {
			found = true
		}
	}
	if !found {
		t.Error("test row was not transformed with the training scaler")
	}
}

func TestConstantColumn(t *testing.T) {
	x := mat.NewDense(3, 2, []float64{1, 5, 2, 5, 3, 5})
	sc := FitScaler(x)
	sc.Transform(x)
	if sc.Scale[1] != 1 || x.At(0, 1) != 0 {
		t.Errorf("constant column: scale %v, value %v", sc.Scale[1], x.At(0, 1))
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    *Set
		msg  string
	}{
		{"empty", &Set{Name: "e"}, "empty"},
		{"mismatch", &Set{X: mat.NewDense(2, 1, []float64{1, 2}), Labels: []int{0}}, "1 labels for 2 samples"},
		{"nan", &Set{X: mat.NewDense(2, 1, []float64{1, math.NaN()}), Y: []float64{1, 2}}, "sample 1, feature 0 is NaN"},
		{"neg label", &Set{X: mat.NewDense(1, 1, []float64{1}), Labels: []int{-2}}, "label 0 is negative"},
	} {
		err := tc.s.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v, want it to mention %q", tc.name, err, tc.msg)
		}
	}
}

// A UTF-8 byte-order mark, as spreadsheet programs write it, is not part
// of the first field.
func TestReadCSVByteOrderMark(t *testing.T) {
	s, err := ReadCSV(strings.NewReader("\ufeff1,2,0\n3,4,1\n"), nil)
	if err != nil || s.X.At(0, 0) != 1 {
		t.Fatalf("BOM without header: %v, %v", s, err)
	}
	s, err = ReadCSV(strings.NewReader("\ufeffx1,x2,y\n1,2,0\n"), &CSVOptions{Header: true})
	if err != nil || !slices.Equal(s.FeatureNames, []string{"x1", "x2"}) {
		t.Fatalf("BOM with header: names %q, %v", s.FeatureNames, err)
	}
}

// Values near ±MaxFloat64 standardize to ±1, not to 0 with scale +Inf:
// (x − μ)² overflows unless the deviations are scaled first.
func TestStandardizeHugeValues(t *testing.T) {
	for _, big := range []float64{1e308, math.MaxFloat64} {
		s := &Set{X: mat.NewDense(4, 1, []float64{big, -big, big, -big})}
		sc := Standardize(s)
		if sc.Scale[0] != big || sc.Mean[0] != 0 {
			t.Errorf("±%g: mean %v, scale %v; want 0, %v", big, sc.Mean[0], sc.Scale[0], big)
		}
		for i, want := range []float64{1, -1, 1, -1} {
			if got := s.X.At(i, 0); got != want {
				t.Errorf("±%g: z[%d] = %v, want %v", big, i, got, want)
			}
		}
	}
	// Ordinary data: the same numbers as the textbook formula.
	s := &Set{X: mat.NewDense(3, 1, []float64{1, 2, 6})}
	sc := Standardize(s)
	if sc.Mean[0] != 3 || math.Abs(sc.Scale[0]-math.Sqrt(14.0/3)) > 1e-15 {
		t.Errorf("mean %v, scale %v; want 3, √(14/3)", sc.Mean[0], sc.Scale[0])
	}
}

// OneHot of labels too large for a matrix panics with a message, not an
// allocation of a billion columns.
func TestOneHotHugeLabel(t *testing.T) {
	s := &Set{X: mat.NewDense(1, 1, []float64{0}), Labels: []int{1_000_000_000}}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "label") {
			t.Errorf("recovered %v, want a panic naming the label", r)
		}
	}()
	s.OneHot()
}

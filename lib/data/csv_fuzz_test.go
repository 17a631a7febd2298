package data

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// FuzzReadCSV: whatever the bytes and options, ReadCSV returns either an
// error that is a *CSVError (or wraps one) or a consistent set: n×d
// finite features, one target or label per row, labels in 0…MaxClassLabel,
// and as many feature names as features when there was a header.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"1,2,0\n3,4,1\n",
		"\ufeffx1,x2,y\n1,2,0\n",
		"a;b;c\n1;2;cat\n",
		"1,2,3\n4,5\n",
		"1,\"2\",0\n3,NaN,1\n",
		"1e400,0x1p3,1_000\n",
		"1,2,1000000000\n",
		"\n\n1,2,0\n\n",
	} {
		f.Add(s, false, uint8(0), int8(0), false)
	}
	f.Add("x,y\n1.5,-2\n", true, uint8(1), int8(1), true)
	f.Fuzz(func(t *testing.T, in string, header bool, kind uint8, target int8, classes bool) {
		o := &CSVOptions{Header: header, Kind: TargetKind(kind % 3), Target: int(target)}
		if kind%7 == 5 {
			o.Comma = ';'
		}
		if classes && o.Kind == ClassLabels {
			o.Classes = []string{"cat", "dog", "0", "1"}
		}
		s, err := ReadCSV(strings.NewReader(in), o)
		if err != nil {
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("ReadCSV(%q, %+v): error %T %v is not a *CSVError", in, o, err, err)
			}
			return
		}
		n, d := s.X.Dims()
		if n == 0 || d == 0 {
			t.Fatalf("ReadCSV(%q): empty %d×%d set without error", in, n, d)
		}
		for i := range n {
			for j, v := range s.X.RawRowView(i) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("ReadCSV(%q): X[%d, %d] = %v", in, i, j, v)
				}
			}
		}
		switch o.Kind {
		case RealTargets:
			if len(s.Y) != n {
				t.Fatalf("ReadCSV(%q): %d targets for %d rows", in, len(s.Y), n)
			}
		case ClassLabels:
			if len(s.Labels) != n {
				t.Fatalf("ReadCSV(%q): %d labels for %d rows", in, len(s.Labels), n)
			}
			for i, l := range s.Labels {
				if l < 0 || l > MaxClassLabel {
					t.Fatalf("ReadCSV(%q): label %d = %d", in, i, l)
				}
			}
		}
		if header && len(s.FeatureNames) != d {
			t.Fatalf("ReadCSV(%q): %d feature names for %d features", in, len(s.FeatureNames), d)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("ReadCSV(%q): the set it returned does not validate: %v", in, err)
		}
	})
}

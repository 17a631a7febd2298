package observe

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestWriteParse(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("» no newline before the record")
	recs := []Record{
		Floats("a", Rel, 1e-8, 1.5, math.NaN(), math.Inf(-1), 0x1p-1074),
		Truth("b", true),
		Failed("c", Abs, 0.1, errors.New("panic: boom")),
	}
	for _, r := range recs {
		if err := Write(&b, r); err != nil {
			t.Fatal(err)
		}
	}
	b.WriteString(Prefix + "{not json\n" + Prefix + `{"kind":"rel"}` + "\n") // undecodable, nameless
	got := Parse(b.String())
	if len(got) != len(recs) {
		t.Fatalf("parsed %d records, want %d: %+v", len(got), len(recs), got)
	}
	for i := range recs {
		if strings.Join(got[i].Values, ",") != strings.Join(recs[i].Values, ",") || got[i].Name != recs[i].Name ||
			got[i].Kind != recs[i].Kind || got[i].Tol != recs[i].Tol || got[i].Err != recs[i].Err {
			t.Errorf("record %d: got %+v, want %+v", i, got[i], recs[i])
		}
	}
	if got[0].Values[1] != "NaN" || got[0].Values[2] != "-Inf" || got[0].Values[3] != "5e-324" {
		t.Errorf("special values written as %q", got[0].Values)
	}
}

func TestCompare(t *testing.T) {
	ref := Floats("x", Rel, 1e-6, 100)
	tests := []struct {
		name string
		ref  Record
		got  []Record
		ok   bool
		why  string
	}{
		{"within relative tolerance", ref, []Record{Floats("x", Rel, 0, 100.00009)}, true, ""},
		{"outside relative tolerance", ref, []Record{Floats("x", Rel, 1e-6, 100.0002)}, false, "got 100.0002, want 100"},
		{"the student's tolerance is ignored", ref, []Record{Floats("x", Rel, 1e9, 0)}, false, "got 0"},
		{"missing", ref, []Record{Floats("y", Rel, 1e-6, 100)}, false, "not reported"},
		{"reported twice", ref, []Record{Floats("x", Rel, 1e-6, 100), Floats("x", Rel, 1e-6, 100)}, false, "reported 2 times"},
		{"the stub panicked", ref, []Record{Failed("x", Rel, 1e-6, errors.New("panic: not implemented"))}, false, "panic: not implemented"},
		{"a stub-like panic carries nothing more", ref, []Record{Failed("x", Rel, 1e-6, errors.New("HIDDEN panic: not implemented"))}, false, "panic: not implemented (the stub"},
		// Text from the student's program never reaches the verdict (which
		// feedback shows): not a panic's message, not a forged value.
		{"a panic's text is not repeated", ref, []Record{Failed("x", Rel, 1e-6, errors.New("panic: HIDDEN TEST SOURCE"))}, false, "the code under test failed"},
		{"a forged non-number is not repeated", ref, []Record{{Name: "x", Kind: Rel, Values: []string{"HIDDEN TEST SOURCE"}}}, false, "got something that is not a number"},
		{"a forged boolean is not repeated", Truth("b", true), []Record{{Name: "b", Kind: Bool, Values: []string{"HIDDEN TEST SOURCE"}}}, false, "got something that is not a boolean"},
		{"NaN never agrees with a number", ref, []Record{Floats("x", Rel, 1e-6, math.NaN())}, false, "got NaN"},
		{"wrong length", ref, []Record{Floats("x", Rel, 1e-6, 100, 100)}, false, "2 values, want 1"},
		{"absolute: 0.9 off with tol 1", Floats("e", Abs, 1, -7.5), []Record{Floats("e", Abs, 1, -6.6)}, true, ""},
		{"absolute: 1.1 off with tol 1", Floats("e", Abs, 1, -7.5), []Record{Floats("e", Abs, 1, -6.4)}, false, "got -6.4"},
		{"equal infinities", Floats("i", Rel, 0, math.Inf(1)), []Record{Floats("i", Rel, 0, math.Inf(1))}, true, ""},
		{"slice names the first mismatch", Floats("s", Rel, 1e-12, 1, 2, 3), []Record{Floats("s", Rel, 1e-12, 1, 2.5, 4)}, false,
			"2 of 3 values differ; first at index 1: got 2.5, want 2"},
		{"bool", Truth("b", true), []Record{Truth("b", false)}, false, "got false, want true"},
		{"reference failed", Failed("r", Rel, 0, errors.New("boom")), []Record{Floats("r", Rel, 0, 1)}, false, "reference solution failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs := Compare([]Record{tc.ref}, tc.got)
			if len(vs) != 1 {
				t.Fatalf("%d verdicts", len(vs))
			}
			if vs[0].OK != tc.ok || !strings.Contains(vs[0].Why, tc.why) || strings.Contains(vs[0].Why, "HIDDEN") {
				t.Errorf("got %v %q, want %v and a reason containing %q", vs[0].OK, vs[0].Why, tc.ok, tc.why)
			}
		})
	}
}

package observe

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// EnvVar is the environment variable that turns records on.
const EnvVar = "GRADBOOK_OBSERVE"

// Prefix starts every record line; the leading ASCII record separator keeps
// it out of anything a student would print by accident.
const Prefix = "\x1egradbook-observation "

// Kinds of record: how Compare measures agreement.
const (
	Rel  = "rel"  // |got − ref| ≤ tol·max(1, |ref|), the checks' mixed error
	Abs  = "abs"  // |got − ref| ≤ tol
	Bool = "bool" // got == ref
)

// A Record is what one check saw.
type Record struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	// Values are written with strconv's 'g' format, so NaN and ±Inf survive
	// JSON; Float turns them back.
	Values []string `json:"values"`
	Tol    float64  `json:"tol"`
	// Err is set when the student's function panicked or a value could not
	// be computed; such a record never agrees.
	Err string `json:"err,omitempty"`
}

// Floats returns a record of numbers.
func Floats(name, kind string, tol float64, xs ...float64) Record {
	r := Record{Name: name, Kind: kind, Tol: tol, Values: make([]string, len(xs))}
	for i, x := range xs {
		r.Values[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return r
}

// Truth returns a boolean record.
func Truth(name string, ok bool) Record {
	return Record{Name: name, Kind: Bool, Values: []string{strconv.FormatBool(ok)}}
}

// Failed returns a record of a computation that did not produce values.
func Failed(name, kind string, tol float64, err error) Record {
	return Record{Name: name, Kind: kind, Tol: tol, Err: err.Error()}
}

// Write writes r as one framed line, on a line of its own even when the
// output before it did not end a line.
func Write(w io.Writer, r Record) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "\n%s%s\n", Prefix, data)
	return err
}

// Parse returns the records in text (a cell's standard output), in order.
// Lines that are not records, or records that do not decode, are skipped:
// they count as not reported.
func Parse(text string) []Record {
	var rs []Record
	for _, line := range strings.Split(text, "\n") {
		i := strings.Index(line, Prefix)
		if i < 0 {
			continue
		}
		var r Record
		if json.Unmarshal([]byte(line[i+len(Prefix):]), &r) == nil && r.Name != "" {
			rs = append(rs, r)
		}
	}
	return rs
}

// A Verdict is the outcome of comparing one reference record.
type Verdict struct {
	Name string
	OK   bool
	Why  string // what disagreed, for a failed record
}

// Compare compares the student's records with the reference's, record by
// record in the reference's order. Student records with names the reference
// does not have are ignored; a reference name the student reported twice
// fails.
func Compare(ref, got []Record) []Verdict {
	byName := map[string][]Record{}
	for _, r := range got {
		byName[r.Name] = append(byName[r.Name], r)
	}
	vs := make([]Verdict, 0, len(ref))
	for _, want := range ref {
		v := Verdict{Name: want.Name}
		switch g := byName[want.Name]; {
		case len(g) == 0:
			v.Why = "not reported (the test did not reach this check)"
		case len(g) > 1:
			v.Why = fmt.Sprintf("reported %d times", len(g))
		default:
			v.OK, v.Why = agree(want, g[0])
		}
		vs = append(vs, v)
	}
	return vs
}

// agree compares one student record with its reference.
func agree(want, got Record) (bool, string) {
	switch {
	case want.Err != "":
		return false, "the reference solution failed here: " + want.Err
	case strings.HasSuffix(got.Err, "panic: not implemented"):
		// The stubs' own panic: a fixed text, so saying it leaks nothing.
		return false, "panic: not implemented (the stub is not filled in yet)"
	case got.Err != "":
		// The error's text comes from the student's program, which can read
		// the hidden tests: the verdict (shown in feedback) never repeats it.
		return false, "the code under test failed here (a panic or an error)"
	case len(got.Values) != len(want.Values):
		return false, fmt.Sprintf("%d values, want %d", len(got.Values), len(want.Values))
	case want.Kind == Bool:
		if got.Values[0] != want.Values[0] {
			return false, fmt.Sprintf("got %s, want %s", quoteBool(got.Values[0]), want.Values[0])
		}
		return true, ""
	}
	bad, first, firstGot := 0, -1, ""
	for i := range want.Values {
		w, err1 := strconv.ParseFloat(want.Values[i], 64)
		g, err2 := strconv.ParseFloat(got.Values[i], 64)
		if err1 != nil || err2 != nil || !close(want.Kind, g, w, want.Tol) {
			bad++
			if first < 0 {
				// The got value is shown as the number it parses to, never
				// as the record's text, which a forged record could fill
				// with anything (the hidden tests' source, say).
				first, firstGot = i, strconv.FormatFloat(g, 'g', 10, 64)
				if err2 != nil {
					firstGot = "something that is not a number"
				}
			}
		}
	}
	if bad == 0 {
		return true, ""
	}
	what := fmt.Sprintf("got %s, want %s", firstGot, want.Values[first])
	if len(want.Values) > 1 {
		what = fmt.Sprintf("%d of %d values differ; first at index %d: %s", bad, len(want.Values), first, what)
	}
	return false, what
}

// close reports whether g agrees with the reference w. Equal infinities and
// two NaNs agree (the reference produced that value too); otherwise a NaN
// never does.
func close(kind string, g, w, tol float64) bool {
	if math.IsNaN(w) || math.IsNaN(g) {
		return math.IsNaN(w) && math.IsNaN(g)
	}
	if math.IsInf(w, 0) || math.IsInf(g, 0) {
		return g == w
	}
	e := math.Abs(g - w)
	if kind == Abs {
		return e <= tol
	}
	return e <= tol*math.Max(1, math.Abs(w))
}

// quoteBool shows a boolean record's value as true or false, and anything
// else a forged record might hold as "not a boolean".
func quoteBool(v string) string {
	if v == "true" || v == "false" {
		return v
	}
	return "something that is not a boolean"
}

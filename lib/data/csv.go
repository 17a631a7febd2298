package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// TargetKind says how the target column of a CSV file is read.
type TargetKind int

const (
	// ClassLabels reads the target as a class: a non-negative integer, or
	// one of CSVOptions.Classes when that is set.
	ClassLabels TargetKind = iota
	// RealTargets reads the target as a real number (regression, or ±1
	// labels that a binary classifier checks itself).
	RealTargets
	// NoTarget reads every column as a feature.
	NoTarget
)

// CSVOptions controls ReadCSV. A nil *CSVOptions means the defaults: comma
// separated, no header, class labels in the last column.
type CSVOptions struct {
	Comma     rune       // field separator; 0 means ','
	SkipLines int        // lines to skip before the header or data
	Header    bool       // the first line read holds the column names
	Target    int        // 1-based column of the target; 0 means the last column
	Kind      TargetKind // how the target column is read
	Classes   []string   // names of the classes; labels must be one of these
	Name      string     // name given to the set and used in errors
}

// CSVError describes a malformed CSV input. Line and Column are 1-based;
// Column is the field number, 0 when the problem concerns a whole line,
// and Line is 0 when it concerns the whole input.
type CSVError struct {
	Name   string // the set or file name, if known
	Line   int
	Column int
	Field  string // the offending text, if any
	Err    error  // what is wrong
}

func (e *CSVError) Error() string {
	var b strings.Builder
	b.WriteString("data: ")
	if e.Name != "" {
		b.WriteString(e.Name + ": ")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d, ", e.Line)
	}
	if e.Column > 0 {
		fmt.Fprintf(&b, "column %d, ", e.Column)
	}
	if e.Field != "" || e.Column > 0 {
		fmt.Fprintf(&b, "field %q: ", e.Field)
	}
	// The sentinels carry the package prefix too; it is said once, above.
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "data: "))
	return b.String()
}

func (e *CSVError) Unwrap() error { return e.Err }

// Sentinel errors wrapped by *CSVError, for errors.Is.
var (
	ErrEmpty     = errors.New("data: no data rows")
	ErrRagged    = errors.New("data: wrong number of fields")
	ErrNotNumber = errors.New("data: not a number")
	ErrNaN       = errors.New("data: NaN or infinite value")
	ErrRange     = errors.New("data: out of float64 range")
	ErrBadLabel  = errors.New("data: bad class label")
	ErrOption    = errors.New("data: bad option")
)

// MaxClassLabel is the largest integer class label ReadCSV accepts: labels
// index the columns of a one-hot matrix, and a label of 1e9 would ask for
// a billion of them.
const MaxClassLabel = 1<<16 - 1

// utf8BOM is the byte-order mark spreadsheet programs put before UTF-8 text.
const utf8BOM = "\ufeff"

// LoadCSV reads the named file with ReadCSV; errors carry the file name.
func LoadCSV(path string, opts *CSVOptions) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	o := CSVOptions{}
	if opts != nil {
		o = *opts
	}
	if o.Name == "" {
		o.Name = path
	}
	return ReadCSV(f, &o)
}

// ReadCSV reads a data set with one sample per line. Every line must have
// the same number of fields; every feature must be a finite decimal number
// (as strconv.ParseFloat reads it, less the Go-only hexadecimal form 0x1p3
// and digit separators 1_000, which no spreadsheet writes); the target is
// read as opts.Kind says, class labels being integers 0 … MaxClassLabel. A
// UTF-8 byte-order mark at the start is skipped. The first problem found is
// returned as a *CSVError naming its line and column, wrapping ErrEmpty,
// ErrRagged, ErrNotNumber, ErrNaN (NaN, ±Inf), ErrRange (a number beyond
// ±1.8e308, such as 1e400), ErrBadLabel or, for a negative opts.Target,
// ErrOption.
func ReadCSV(r io.Reader, opts *CSVOptions) (*Set, error) {
	o := CSVOptions{}
	if opts != nil {
		o = *opts
	}
	if o.Target < 0 {
		return nil, &CSVError{Name: o.Name, Err: fmt.Errorf("%w: Target %d: want a 1-based column number, or 0 for the last column", ErrOption, o.Target)}
	}
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(utf8BOM)); err == nil && string(b) == utf8BOM {
		br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	if o.Comma != 0 {
		cr.Comma = o.Comma
	}
	cr.FieldsPerRecord = -1 // checked here, with a better message
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	fail := func(line, col int, field string, err error) (*Set, error) {
		return nil, &CSVError{Name: o.Name, Line: line, Column: col, Field: field, Err: err}
	}
	read := func() ([]string, int, error) {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, 0, &CSVError{Name: o.Name, Line: pe.Line, Column: 0, Err: pe.Err}
			}
			return nil, 0, err
		}
		line, _ := cr.FieldPos(0)
		return rec, line, nil
	}
	for range o.SkipLines {
		if _, _, err := read(); err == io.EOF {
			return fail(0, 0, "", ErrEmpty)
		} else if err != nil {
			return nil, err
		}
	}
	var names []string
	if o.Header {
		rec, _, err := read()
		if err == io.EOF {
			return fail(0, 0, "", ErrEmpty)
		} else if err != nil {
			return nil, err
		}
		names = make([]string, len(rec))
		for i, f := range rec {
			names[i] = strings.TrimSpace(f)
		}
	}

	var (
		values  []float64
		targets []float64
		labels  []int
		width   = -1 // fields per line
		target  = -1 // 0-based target column
	)
	classIndex := map[string]int{}
	for i, c := range o.Classes {
		classIndex[c] = i
	}
	for {
		rec, line, err := read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if width < 0 {
			width = len(rec)
			if names != nil && len(names) != width {
				return fail(line, 0, "", fmt.Errorf("%w: %d, header has %d", ErrRagged, width, len(names)))
			}
			if o.Kind != NoTarget {
				target = width - 1
				if o.Target > 0 {
					target = o.Target - 1
				}
				if target >= width || width < 2 {
					return fail(line, 0, "", fmt.Errorf("%w: %d, need a target column %d and a feature", ErrRagged, width, target+1))
				}
			}
		}
		if len(rec) != width {
			return fail(line, 0, "", fmt.Errorf("%w: %d, expected %d", ErrRagged, len(rec), width))
		}
		for j, f := range rec {
			f = strings.TrimSpace(f)
			if j == target {
				switch {
				case o.Kind == RealTargets:
					v, err := parseFinite(f)
					if err != nil {
						return fail(line, j+1, f, err)
					}
					targets = append(targets, v)
				case o.Classes != nil:
					c, ok := classIndex[f]
					if !ok {
						return fail(line, j+1, f, fmt.Errorf("%w: want one of %q", ErrBadLabel, o.Classes))
					}
					labels = append(labels, c)
				default:
					c, err := strconv.Atoi(f)
					if err != nil || c < 0 || c > MaxClassLabel {
						return fail(line, j+1, f, fmt.Errorf("%w: want a non-negative integer, at most %d", ErrBadLabel, MaxClassLabel))
					}
					labels = append(labels, c)
				}
				continue
			}
			v, err := parseFinite(f)
			if err != nil {
				return fail(line, j+1, f, err)
			}
			values = append(values, v)
		}
	}
	if width < 0 {
		return fail(0, 0, "", ErrEmpty)
	}
	d := width
	if target >= 0 {
		d--
	}
	n := len(values) / d
	s := &Set{Name: o.Name, X: mat.NewDense(n, d, values), Y: targets, Labels: labels}
	if o.Classes != nil {
		s.ClassNames = append([]string(nil), o.Classes...)
	}
	if names != nil {
		s.FeatureNames = make([]string, 0, d)
		for j, nm := range names {
			if j != target {
				s.FeatureNames = append(s.FeatureNames, nm)
			}
		}
	}
	return s, nil
}

// parseFinite parses a decimal float. It rejects NaN and ±Inf, which
// strconv accepts, numbers beyond the float64 range, which strconv turns
// into ±Inf, and Go's hexadecimal floats and digit separators.
func parseFinite(f string) (float64, error) {
	if strings.ContainsAny(f, "xX_") {
		return 0, fmt.Errorf("%w: only decimal numbers (no hexadecimal, no _ separators)", ErrNotNumber)
	}
	v, err := strconv.ParseFloat(f, 64)
	if errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0) {
		return 0, fmt.Errorf("%w: beyond ±%.4g", ErrRange, math.MaxFloat64)
	}
	if err != nil && !errors.Is(err, strconv.ErrRange) { // underflow to 0 is fine
		return 0, ErrNotNumber
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, ErrNaN
	}
	return v, nil
}

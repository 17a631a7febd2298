package svm

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/gradbook/gradbook/lib/data"
	"gonum.org/v1/gonum/mat"
)

// reference is testdata/reference.json, written by testdata/make_reference.py
// with scikit-learn 1.2.1 (Debian python3-sklearn 1.2.1+dfsg-1).
type reference struct {
	Sklearn string `json:"sklearn"`
	Fits    []struct {
		Data      string  `json:"data"`
		C         float64 `json:"C"`
		LinearSVC refFit  `json:"linearsvc"`
		SVC       refFit  `json:"svc"`
	} `json:"fits"`
	DigitsOVR struct {
		C             float64 `json:"C"`
		TrainAccuracy float64 `json:"train_accuracy"`
		TestAccuracy  float64 `json:"test_accuracy"`
	} `json:"digits_ovr"`
}

type refFit struct {
	W             []float64 `json:"w"`
	B             float64   `json:"b"`
	Objective     float64   `json:"objective"`
	Support       []int     `json:"support"`
	Margin        float64   `json:"margin"`
	TrainAccuracy float64   `json:"train_accuracy"`
	TestAccuracy  *float64  `json:"test_accuracy"`
}

func loadReference(t testing.TB) *reference {
	t.Helper()
	raw, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	return &ref
}

// binarySet is a training set (and, for breast cancer, a test set) built
// exactly as make_reference.py builds it.
type binarySet struct {
	X, Xtest *mat.Dense
	y, ytest []float64
}

func loadBinary(t testing.TB, name string) binarySet {
	t.Helper()
	switch name {
	case "blobs_separable", "blobs_overlap":
		s, err := data.LoadCSV("testdata/"+name+".csv", &data.CSVOptions{Header: true, Kind: data.RealTargets})
		if err != nil {
			t.Fatal(err)
		}
		return binarySet{X: s.X, y: s.Y}
	case "breast_cancer":
		s, err := data.BreastCancer()
		if err != nil {
			t.Fatal(err)
		}
		var train, test []int
		for i := range s.Len() {
			if i%4 == 0 {
				test = append(test, i)
			} else {
				train = append(train, i)
			}
		}
		tr, te := s.Subset(train), s.Subset(test)
		data.Standardize(tr, te)
		return binarySet{X: tr.X, y: tr.Signs(1), Xtest: te.X, ytest: te.Signs(1)}
	}
	t.Fatalf("unknown data set %q", name)
	return binarySet{}
}

func relDiff(a, b float64) float64 { return math.Abs(a-b) / math.Max(1e-12, math.Abs(b)) }

package data

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
)

//go:embed bundled/breast_cancer.csv.gz bundled/digits.csv.gz
var bundled embed.FS

// openBundled returns a reader for the decompressed contents of a bundled file.
func openBundled(name string) (io.Reader, error) {
	raw, err := bundled.ReadFile("bundled/" + name)
	if err != nil {
		return nil, err
	}
	return gzip.NewReader(bytes.NewReader(raw))
}

// breastCancerFeatures are the column names scikit-learn's
// load_breast_cancer gives the 30 features (sklearn/datasets/_base.py, 1.2.1).
var breastCancerFeatures = func() []string {
	var names []string
	for _, stat := range []string{"mean %s", "%s error", "worst %s"} {
		for _, q := range []string{"radius", "texture", "perimeter", "area",
			"smoothness", "compactness", "concavity", "concave points",
			"symmetry", "fractal dimension"} {
			names = append(names, fmt.Sprintf(stat, q))
		}
	}
	return names
}()

// BreastCancer returns the Breast Cancer Wisconsin (Diagnostic) data set as
// shipped by scikit-learn 1.2.1: 569 samples, 30 real features (mean,
// standard error and worst value of ten nucleus measurements), labels
// 0 = malignant (212 samples) and 1 = benign (357). The features have very
// different scales (area is in the thousands, smoothness near 0.1), so
// standardize before fitting a linear model. See bundled/SOURCE.md.
func BreastCancer() (*Set, error) {
	r, err := openBundled("breast_cancer.csv.gz")
	if err != nil {
		return nil, err
	}
	// The first line is scikit-learn's metadata "569,30,malignant,benign".
	s, err := ReadCSV(r, &CSVOptions{SkipLines: 1, Name: "breast cancer"})
	if err != nil {
		return nil, err
	}
	if s.Len() != 569 || s.Dim() != 30 {
		return nil, fmt.Errorf("data: breast cancer: read %d×%d, want 569×30", s.Len(), s.Dim())
	}
	s.FeatureNames = breastCancerFeatures
	s.ClassNames = []string{"malignant", "benign"}
	return s, nil
}

// Digits returns the optical handwritten digits data set as shipped by
// scikit-learn 1.2.1: 1797 samples, each an 8×8 image stored row by row in
// 64 features with integer pixel values 0..16, labels 0..9. Divide by 16 to
// bring pixels into [0, 1]. See bundled/SOURCE.md.
func Digits() (*Set, error) {
	r, err := openBundled("digits.csv.gz")
	if err != nil {
		return nil, err
	}
	s, err := ReadCSV(r, &CSVOptions{Name: "digits"})
	if err != nil {
		return nil, err
	}
	if s.Len() != 1797 || s.Dim() != 64 {
		return nil, fmt.Errorf("data: digits: read %d×%d, want 1797×64", s.Len(), s.Dim())
	}
	s.FeatureNames = make([]string, 64)
	for j := range s.FeatureNames {
		s.FeatureNames[j] = fmt.Sprintf("pixel_%d_%d", j/8, j%8)
	}
	s.ClassNames = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	return s, nil
}

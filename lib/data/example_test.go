package data_test

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/gradbook/gradbook/lib/data"
)

func ExampleBreastCancer() {
	s, err := data.BreastCancer()
	if err != nil {
		panic(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	train, test := data.Split(s, 0.75, rng)
	data.Standardize(train, test) // statistics from the training rows only
	fmt.Println(s.Len(), "samples,", s.Dim(), "features, classes", s.ClassNames)
	fmt.Println(train.Len(), "train,", test.Len(), "test")
	// Output:
	// 569 samples, 30 features, classes [malignant benign]
	// 427 train, 142 test
}

func ExampleDigits() {
	s, err := data.Digits()
	if err != nil {
		panic(err)
	}
	// Draw the first image, pixel values 0..16.
	img := s.Row(0)
	const shades = " .:-=+*#%@"
	for r := range 8 {
		line := []byte("|")
		for c := range 8 {
			line = append(line, shades[int(img[8*r+c])*9/16])
		}
		fmt.Println(string(line) + "|")
	}
	fmt.Println("label", s.Labels[0])
	// Output:
	// |  :#+   |
	// |  #%+%: |
	// | .%. *= |
	// | :*  == |
	// | :=  += |
	// | :*  *- |
	// | .#:+*  |
	// |  -#+   |
	// label 0
}

func ExampleReadCSV() {
	in := "x1,x2,label\n0.5,1.0,0\n2.0,oops,1\n"
	_, err := data.ReadCSV(strings.NewReader(in), &data.CSVOptions{Header: true, Name: "toy.csv"})
	fmt.Println(err)
	// Output:
	// data: toy.csv: line 3, column 2, field "oops": not a number
}

func ExampleSeparableBlobs() {
	rng := rand.New(rand.NewPCG(1, 1))
	s := data.SeparableBlobs(rng, 6, 2)
	y := s.Signs(1)
	for i := range s.Len() {
		fmt.Printf("%+.0f  % .2f\n", y[i], s.Row(i))
	}
	// Output:
	// -1  [-0.86 -1.32]
	// -1  [-2.55 -1.11]
	// -1  [-1.86 -2.78]
	// +1  [ 1.05  0.83]
	// +1  [ 2.46  2.21]
	// +1  [ 2.14  1.55]
}

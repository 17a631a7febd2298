package main

// backend names the BLAS behind lib/ad's matrix products.
var backend = "gonum pure Go"

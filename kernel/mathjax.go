package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/gradbook/gradbook/internal/sysdeps"
)

// The site carries its own MathJax so that its math is typeset without a
// network: behind a firewall, from a USB stick, from file://. It is a copy
// of the parts of Debian's libjs-mathjax (MathJax 2.7) that the pages use:
// TeX input, CommonHTML output with its TeX web fonts, and the extensions
// and configuration they load. About 3 MB instead of 54.

// siteMathJaxDir is the folder of the copy, relative to the site.
const siteMathJaxDir = "mathjax"

// mathJaxConfig is the combined configuration the pages ask for; Safe
// keeps notebook math from running links or styles.
const mathJaxConfig = "TeX-AMS_CHTML-full,Safe"

// mathJaxParts are the files and folders copied, relative to MathJax's root.
var mathJaxParts = []string{
	"MathJax.js",
	"config/TeX-AMS_CHTML-full.js",
	"config/Safe.js",
	"extensions",
	"jax/input/TeX",
	"jax/output/CommonHTML",
	"jax/element",
	"fonts/HTML-CSS/TeX/woff",
	"fonts/HTML-CSS/TeX/otf",
	"localization/en",
}

// copyMathJax copies MathJax from src (Debian's folder) into the site
// folder dst/mathjax. A missing part is an error that says how to install
// it.
func copyMathJax(src, dst string) error {
	for _, part := range mathJaxParts {
		from := filepath.Join(src, filepath.FromSlash(part))
		if _, err := os.Stat(from); err != nil {
			return fmt.Errorf("MathJax for the site: %s is missing (%v); install Debian's libjs-mathjax: go run ./kernel setup html", from, err)
		}
		err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(src, p)
			if err != nil {
				return err
			}
			to := filepath.Join(dst, siteMathJaxDir, rel)
			if d.IsDir() {
				return os.MkdirAll(to, 0o755)
			}
			data, err := os.ReadFile(p) // follows Debian's symlinks
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				return err
			}
			return os.WriteFile(to, data, 0o644)
		})
		if err != nil {
			return fmt.Errorf("copying MathJax into the site: %w", err)
		}
	}
	return nil
}

// mathJaxURL is the address of the site's MathJax for a page at page (a
// path relative to the site, slash-separated): relative, so that the site
// works wherever it is put. A non-empty override (the -mathjax flag) wins.
func mathJaxURL(page, override string) string {
	if override != "" {
		return override
	}
	rel := siteMathJaxDir + "/MathJax.js?config=" + mathJaxConfig
	for d := path.Dir(page); d != "." && d != "/"; d = path.Dir(d) {
		rel = "../" + rel
	}
	return rel
}

// defaultMathJaxSource is where copyMathJax takes MathJax from.
var defaultMathJaxSource = sysdeps.MathJaxDir

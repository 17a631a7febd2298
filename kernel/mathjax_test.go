package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMathJaxURL(t *testing.T) {
	for _, tc := range []struct{ page, override, want string }{
		{"index.html", "", "mathjax/MathJax.js?config=" + mathJaxConfig},
		{"03-activation-functions.html", "", "mathjax/MathJax.js?config=" + mathJaxConfig},
		{"assignments/a1.html", "", "../mathjax/MathJax.js?config=" + mathJaxConfig},
		{"a/b/c.html", "", "../../mathjax/MathJax.js?config=" + mathJaxConfig},
		{"assignments/a1.html", "https://example.org/MathJax.js", "https://example.org/MathJax.js"},
	} {
		if got := mathJaxURL(tc.page, tc.override); got != tc.want {
			t.Errorf("mathJaxURL(%q, %q) = %q, want %q", tc.page, tc.override, got, tc.want)
		}
	}
}

func TestCopyMathJax(t *testing.T) {
	src := t.TempDir()
	for _, part := range mathJaxParts {
		p := filepath.Join(src, filepath.FromSlash(part))
		if strings.HasSuffix(part, ".js") {
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte("// "+part), 0o644)
		} else {
			os.MkdirAll(p, 0o755)
			os.WriteFile(filepath.Join(p, "x.js"), []byte("// "+part), 0o644)
		}
	}
	os.MkdirAll(filepath.Join(src, "unpacked"), 0o755) // not needed: not copied
	os.WriteFile(filepath.Join(src, "unpacked", "big.js"), []byte("x"), 0o644)

	dst := t.TempDir()
	if err := copyMathJax(src, dst); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dst, "mathjax", "jax", "output", "CommonHTML", "x.js"))
	if err != nil || string(got) != "// jax/output/CommonHTML" {
		t.Errorf("copied CommonHTML file: %q, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(dst, "mathjax", "unpacked")); !os.IsNotExist(err) {
		t.Errorf("unpacked/ was copied (err %v)", err)
	}

	// A missing part names itself and the fix.
	os.RemoveAll(filepath.Join(src, "jax", "element"))
	err = copyMathJax(src, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "element") || !strings.Contains(err.Error(), "setup html") {
		t.Errorf("copy with jax/element missing: err = %v, want one naming it and the fix", err)
	}
}

func TestCopyDebianMathJax(t *testing.T) {
	if _, err := os.Stat(filepath.Join(defaultMathJaxSource, "MathJax.js")); err != nil {
		t.Skipf("Debian's libjs-mathjax is not installed: %v", err)
	}
	dst := t.TempDir()
	if err := copyMathJax(defaultMathJaxSource, dst); err != nil {
		t.Fatal(err)
	}
	var size int64
	filepath.Walk(filepath.Join(dst, "mathjax"), func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			size += fi.Size()
		}
		return nil
	})
	// The point of copying parts: a few MB, not the 54 MB package.
	if size > 15<<20 {
		t.Errorf("site MathJax is %d MB", size>>20)
	}
	t.Logf("site MathJax: %.1f MB", float64(size)/(1<<20))
}

package symbolic

import (
	"fmt"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A ParseError reports where and why an expression could not be read.
// Col is the 1-based column (in characters) of the offending token.
type ParseError struct {
	Input string
	Col   int
	Msg   string
}

// Error returns the message with the input and a caret under the column:
//
//	symbolic: column 5: expected an operand, found ")"
//	  (t^2-)/(t-2)
//	       ^
func (e *ParseError) Error() string {
	return fmt.Sprintf("symbolic: column %d: %s\n  %s\n  %s^", e.Col, e.Msg, e.Input, strings.Repeat(" ", e.Col-1))
}

type token struct {
	kind byte // 'n' number, 'i' identifier, 'e' end, or the operator itself
	text string
	col  int
}

func tokenize(s string) ([]token, error) {
	var toks []token
	col := 1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		start := col
		switch {
		case unicode.IsSpace(r):
			i += size
			col++
			continue
		case r == '*' && strings.HasPrefix(s[i:], "**"):
			toks = append(toks, token{'^', "**", start})
			i += 2
			col += 2
			continue
		case strings.ContainsRune("+-*/^()", r):
			toks = append(toks, token{byte(r), string(r), start})
		case r >= '0' && r <= '9' || r == '.':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			// Exponent: 1e-3, 2.5E4.
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				if k < len(s) && s[k] >= '0' && s[k] <= '9' {
					for k < len(s) && s[k] >= '0' && s[k] <= '9' {
						k++
					}
					j = k
				}
			}
			toks = append(toks, token{'n', s[i:j], start})
			col += j - i
			i = j
			continue
		case unicode.IsLetter(r) || r == '_':
			j := i
			n := 0
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '_') {
					break
				}
				j += sz
				n++
			}
			toks = append(toks, token{'i', s[i:j], start})
			col += n
			i = j
			continue
		default:
			return nil, &ParseError{s, start, fmt.Sprintf("unexpected character %q", r)}
		}
		i += size
		col++
	}
	return append(toks, token{'e', "", col}), nil
}

type parser struct {
	input string
	toks  []token
	pos   int
	depth int // nesting of unary(), which every recursion passes through
}

// MaxParseDepth bounds the nesting of parentheses, function calls, signs
// and powers that Parse accepts. Go's stack grows up to a fixed limit
// whose overflow kills the program (it cannot be recovered), and a million
// nested parentheses reach it; expressions a person writes, and machine-
// made ones such as sin nested a thousand deep, stay far below.
const MaxParseDepth = 10000

// Parse reads an expression such as "(t^2-4)/(t-2)" or
// "sigmoid(w*x + b)". It knows + − * / ^ (also **), parentheses, unary
// minus, numbers (read exactly: 0.1 is 1/10, 1e-3 is 1/1000), variables
// (letters, digits, underscores), the constants pi and e (= exp(1)), and
// the functions exp, log, sin, cos, tan, tanh, sqrt, abs, sign, sigmoid,
// relu, softplus and heaviside. ^ binds right to left and tighter than
// unary minus: -x^2 is −(x²). Errors are *ParseError values that point at
// the offending column, also for nesting deeper than MaxParseDepth.
func Parse(s string) (*Expr, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &parser{input: s, toks: toks}
	e, err := p.sum()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != 'e' {
		if t.kind == 'n' || t.kind == 'i' || t.kind == '(' {
			return nil, p.errorf(t, "expected an operator before %q (write 2*x, not 2x)", t.text)
		}
		return nil, p.errorf(t, "unexpected %q", t.text)
	}
	return e, nil
}

// MustParse is Parse for expressions known to be valid; it panics on error.
func MustParse(s string) *Expr {
	e, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return e
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token { t := p.toks[p.pos]; p.pos++; return t }

func (p *parser) errorf(t token, format string, args ...any) error {
	return &ParseError{p.input, t.col, fmt.Sprintf(format, args...)}
}

func describe(t token) string {
	if t.kind == 'e' {
		return "end of input"
	}
	return fmt.Sprintf("%q", t.text)
}

// sum := product { (+|-) product }
func (p *parser) sum() (*Expr, error) {
	e, err := p.product()
	if err != nil {
		return nil, err
	}
	for {
		switch p.peek().kind {
		case '+':
			p.next()
			r, err := p.product()
			if err != nil {
				return nil, err
			}
			e = Add(e, r)
		case '-':
			p.next()
			r, err := p.product()
			if err != nil {
				return nil, err
			}
			e = Sub(e, r)
		default:
			return e, nil
		}
	}
}

// product := unary { (*|/) unary }
func (p *parser) product() (*Expr, error) {
	e, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		switch p.peek().kind {
		case '*':
			p.next()
			r, err := p.unary()
			if err != nil {
				return nil, err
			}
			e = Mul(e, r)
		case '/':
			p.next()
			r, err := p.unary()
			if err != nil {
				return nil, err
			}
			e = Div(e, r)
		default:
			return e, nil
		}
	}
}

// unary := (-|+) unary | power
func (p *parser) unary() (*Expr, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > MaxParseDepth {
		return nil, p.errorf(p.peek(), "nested more than %d deep (parentheses, calls, signs, powers)", MaxParseDepth)
	}
	switch p.peek().kind {
	case '-':
		p.next()
		e, err := p.unary()
		if err != nil {
			return nil, err
		}
		return Neg(e), nil
	case '+':
		p.next()
		return p.unary()
	}
	return p.power()
}

// power := atom [ ^ unary ]   (right-associative; the exponent may be signed)
func (p *parser) power() (*Expr, error) {
	base, err := p.atom()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != '^' {
		return base, nil
	}
	p.next()
	exp, err := p.unary()
	if err != nil {
		return nil, err
	}
	return Pow(base, exp), nil
}

func (p *parser) atom() (*Expr, error) {
	t := p.next()
	switch t.kind {
	case 'n':
		if i := strings.IndexAny(t.text, "eE"); i >= 0 && len(strings.TrimLeft(t.text[i+1:], "+-")) > 3 {
			return nil, p.errorf(t, "number %q: exponent too large (at most 3 digits)", t.text)
		}
		r, ok := new(big.Rat).SetString(t.text)
		if !ok {
			return nil, p.errorf(t, "malformed number %q", t.text)
		}
		return numOf(r), nil
	case '(':
		e, err := p.sum()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != ')' {
			return nil, p.errorf(c, "expected \")\" to close the \"(\" at column %d, found %s", t.col, describe(c))
		}
		return e, nil
	case 'i':
		name := t.text
		if isFunc(name) || name == "sqrt" {
			open := p.next()
			if open.kind != '(' {
				return nil, p.errorf(open, "function %s needs an argument in parentheses, found %s", name, describe(open))
			}
			arg, err := p.sum()
			if err != nil {
				return nil, err
			}
			if c := p.next(); c.kind != ')' {
				return nil, p.errorf(c, "expected \")\" to close %s( at column %d, found %s", name, open.col, describe(c))
			}
			return Call(name, arg), nil
		}
		if p.peek().kind == '(' {
			return nil, p.errorf(t, "unknown function %q", name)
		}
		switch name {
		case "pi":
			return Pi, nil
		case "e":
			return Exp(one), nil
		case "nan":
			return undefined, nil
		}
		return Var(name), nil
	}
	return nil, p.errorf(t, "expected a number, variable, function or \"(\", found %s", describe(t))
}

# Regenerates sympy_reference.json, the SymPy reference values for the
# lib/symbolic tests: derivatives (value at points), limits, cancel and
# factor. Run with Debian's /usr/bin/python3 (python3-sympy 1.11.1):
#   /usr/bin/python3 sympy_reference.py > sympy_reference.json
# Expressions are written in gradbook's syntax; the activations are
# defined as the lecture defines them (heaviside(0) = 0, as lib/activation).
import json
import sympy as sp

x, y, t = sp.symbols('x y t', real=True)
ns = {
    'x': x, 'y': y, 't': t,
    'sigmoid': lambda u: 1 / (1 + sp.exp(-u)),
    'relu': lambda u: sp.Max(u, 0),
    'softplus': lambda u: sp.log(1 + sp.exp(u)),
    'heaviside': lambda u: sp.Heaviside(u, 0),
    'abs': sp.Abs, 'sign': sp.sign,
}


def parse(s):
    return sp.sympify(s.replace('^', '**'), locals=ns)


def num(v):
    v = sp.N(v, 30)
    return float(v)


derivs = [
    ("x^2*sin(x)*exp(x)", "x", 1, [0.3, 1.7]),
    ("x^2*sin(x)*exp(x)", "x", 3, [0.3, 1.7]),
    ("sigmoid(x)", "x", 1, [-2, 0, 0.5]),
    ("sigmoid(x)", "x", 4, [-2, 0, 0.5]),
    ("softplus(2*x - 1)", "x", 2, [-1, 0.25, 3]),
    ("tanh(x^2)", "x", 2, [0.4, 1.2]),
    ("log(x^2 + 1)/x", "x", 2, [0.5, 2]),
    ("x^x", "x", 2, [0.5, 1.5]),
    ("sqrt(1 + x^2)*cos(x)", "x", 1, [-1, 0.7]),
    ("exp(sin(x))", "x", 5, [0.2, 1]),
    ("(t^2 - 4)/(t - 2)", "t", 1, [1, 3]),
    ("x^2*y + sin(x*y)", "y", 1, [0.5]),
    ("x^2*y + sin(x*y)", "x", 2, [0.5]),
    ("relu(x)^2 + abs(x)", "x", 1, [-0.5, 0.8]),
    ("tan(x)", "x", 2, [0.3]),
]
limits = [
    ("(t^2 - 4)/(t - 2)", "t", "2", "+-"),
    ("sin(x)/x", "x", "0", "+-"),
    ("(1 - cos(x))/x^2", "x", "0", "+-"),
    ("(exp(x) - 1 - x)/x^2", "x", "0", "+-"),
    ("x*log(x)", "x", "0", "+"),
    ("x^x", "x", "0", "+"),
    ("1/x", "x", "0", "+"),
    ("1/x", "x", "0", "-"),
    ("1/x - 1/sin(x)", "x", "0", "+-"),
    ("tanh(x)/x", "x", "0", "+-"),
    ("(sigmoid(x) - 1/2)/x", "x", "0", "+-"),
    ("(x^3 - 1)/(x - 1)", "x", "1", "+-"),
    ("(sqrt(x) - 1)/(x - 1)", "x", "1", "+-"),
    ("log(x)/(x - 1)", "x", "1", "+-"),
    ("(x^2 - 5*x + 6)/(x^2 - 4)", "x", "2", "+-"),
    ("x/exp(x)", "x", "oo", "-"),
    ("(x + 1)/(2*x - 3)", "x", "oo", "-"),
    ("x*sin(1/x)", "x", "oo", "-"),
    ("relu(x)/x", "x", "0", "+"),
    ("relu(x)/x", "x", "0", "-"),
    ("heaviside(x)", "x", "0", "-"),
    ("(2^x - 1)/x", "x", "0", "+-"),
]
# Limits of derivatives at removable singularities: sums of terms that
# each blow up (cos(x)/x - sin(x)/x^2), which Limit must bring over a
# common denominator.
derivative_limits = [
    ("sin(x)/x", "x", 1, "0"),
    ("sin(x)/x", "x", 2, "0"),
    ("(1 - cos(x))/x^2", "x", 1, "0"),
    ("(1 - cos(x))/x^2", "x", 2, "0"),
    ("(exp(x) - 1)/x", "x", 1, "0"),
    ("(exp(x) - 1)/x", "x", 2, "0"),
]
rational = [
    "(t^2 - 4)/(t - 2)",
    "(x^3 - x)/(x^2 - 1)",
    "(x^2 - 5*x + 6)/(x^2 - 4)",
    "(2*x^2 + x - 1)/(4*x^2 - 1)",
    "x^4 - 1",
    "(x^3 - 3*x^2 + 3*x - 1)/(x^2 - 2*x + 1)",
    "6*x^3 - 11*x^2 + 6*x - 1",
    "(x^2 + 1)/(x + 1)",
]
out = {"sympy": sp.__version__, "derivatives": [], "limits": [], "derivative_limits": [], "rational": []}
for s, v, n, pts in derivs:
    e = parse(s)
    var = ns[v]
    d = sp.diff(e, var, n)
    vals = []
    for p in pts:
        sub = {var: sp.nsimplify(p)}
        for other in e.free_symbols - {var}:
            sub[other] = sp.Rational(3, 10)
        vals.append(num(d.subs(sub)))
    out["derivatives"].append({"expr": s, "var": v, "order": n, "at": pts, "others": 0.3, "values": vals})
for s, v, a, d in limits:
    e = parse(s)
    point = sp.oo if a == "oo" else sp.sympify(a)
    r = sp.limit(e, ns[v], point, d)
    out["limits"].append({"expr": s, "var": v, "at": a, "dir": d, "result": str(r)})
for s, v, n, a in derivative_limits:
    d = sp.diff(parse(s), ns[v], n)
    r = sp.limit(d, ns[v], sp.sympify(a), "+-")
    out["derivative_limits"].append({"expr": s, "var": v, "order": n, "at": a, "result": str(r)})
for s in rational:
    e = parse(s)
    out["rational"].append({"expr": s, "cancel": str(sp.cancel(e)).replace("**", "^"), "factor": str(sp.factor(e)).replace("**", "^")})
print(json.dumps(out, indent=1))

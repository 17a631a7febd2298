# Regenerates sympy_derivatives.json: derivatives of order 0..4 of the
# corpus's scalar functions at their points, evaluated by SymPy to 30
# digits and printed with 17 significant digits. Run with Debian's
# /usr/bin/python3 (python3-sympy 1.11.1).
import json
import sympy as sp

x = sp.symbols('x')
funcs = {
    "exp": (sp.exp(x), [-2, 0, 0.5, 1, 3]),
    "sin": (sp.sin(x), [-1, 0.3, 1, 2.5]),
    "log": (sp.log(x), [0.5, 1, 2, 10]),
    "x^5": (x**5, [-1.5, 0.5, 2]),
    "x^2.5": (x**sp.Rational(5, 2), [0.5, 1, 4]),
    "tanh": (sp.tanh(x), [-1, 0.2, 0.7]),
    "1/(1+x^2)": (1 / (1 + x**2), [-0.7, 0.3, 1.5]),
}
out = {"sympy": sp.__version__, "functions": {}}
for name, (f, pts) in funcs.items():
    rows = []
    for p in pts:
        at = sp.nsimplify(p)
        rows.append({"x": p, "d": [float(sp.N(sp.diff(f, x, d).subs(x, at), 30)) for d in range(5)]})
    out["functions"][name] = rows
print(json.dumps(out, indent=1))

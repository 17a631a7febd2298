#!/usr/bin/python3
"""Reference figures for lib/svm from scikit-learn (Debian python3-sklearn).

Run from lib/svm/testdata with Debian's interpreter:

    /usr/bin/python3 make_reference.py

It writes
  blobs_separable.csv, blobs_overlap.csv  two 2-D toy sets (x1, x2, y in ±1),
                                          drawn with numpy's seeded PCG64
  reference.json                          fitted models and objectives

Conventions: scikit-learn's decision function is w·x + intercept; gradbook's
is w·x − b, so b = −intercept. The breast-cancer split is deterministic so
Go can rebuild it: rows with i % 4 == 0 are the test set, the rest train,
standardized with the training rows' mean and population standard deviation.
Digits use pixels / 16 and the same split.

Objectives:
  liblinear (LinearSVC, loss='hinge', intercept_scaling=1): the bias is an
    extra feature of value 1, so it is regularized:
    P = ½(‖w‖² + intercept²) + C Σ max(0, 1 − yᵢ(w·xᵢ + intercept))
  libsvm (SVC, kernel='linear'): the bias is free:
    P = ½‖w‖² + C Σ max(0, 1 − yᵢ(w·xᵢ + intercept))
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_digits
from sklearn.svm import SVC, LinearSVC


def hinge_sum(w, intercept, X, y):
    return float(np.maximum(0.0, 1.0 - y * (X @ w + intercept)).sum())


def fit_both(name, X, y, C, Xtest=None, ytest=None):
    out = {"data": name, "C": C}
    lin = LinearSVC(loss="hinge", C=C, tol=1e-10, max_iter=1_000_000,
                    intercept_scaling=1.0, dual=True, random_state=0)
    lin.fit(X, y)
    w, c0 = lin.coef_[0], float(lin.intercept_[0])
    out["linearsvc"] = {
        "w": w.tolist(), "b": -c0, "n_iter": int(lin.n_iter_),
        "objective": 0.5 * float(w @ w + c0 * c0) + C * hinge_sum(w, c0, X, y),
        "train_accuracy": float(lin.score(X, y)),
    }
    svc = SVC(kernel="linear", C=C, tol=1e-8)
    svc.fit(X, y)
    w, c0 = svc.coef_[0], float(svc.intercept_[0])
    out["svc"] = {
        "w": w.tolist(), "b": -c0,
        "objective": 0.5 * float(w @ w) + C * hinge_sum(w, c0, X, y),
        "support": sorted(int(i) for i in svc.support_),
        "margin": 2.0 / float(np.linalg.norm(w)),
        "train_accuracy": float(svc.score(X, y)),
    }
    if Xtest is not None:
        out["linearsvc"]["test_accuracy"] = float(lin.score(Xtest, ytest))
        out["svc"]["test_accuracy"] = float(svc.score(Xtest, ytest))
    return out


def blobs(rng, n, centre, gap):
    """n points per class around ±centre·u, u = (1,1)/√2; with gap > 0,
    points closer than gap/2 to the line u·x = 0 are redrawn."""
    u = np.array([1.0, 1.0]) / np.sqrt(2.0)
    X, y = [], []
    for sign in (-1.0, 1.0):
        k = 0
        while k < n:
            p = sign * centre * u + rng.standard_normal(2)
            if gap > 0 and sign * (p @ u) < gap / 2:
                continue
            X.append(p)
            y.append(sign)
            k += 1
    return np.array(X), np.array(y)


def write_csv(path, X, y):
    with open(path, "w") as f:
        f.write("x1,x2,y\n")
        for p, t in zip(X, y):
            f.write(f"{p[0]!r},{p[1]!r},{int(t)}\n")


def split(n):
    test = np.arange(n) % 4 == 0
    return ~test, test


def main():
    rng = np.random.Generator(np.random.PCG64(20261126))
    ref = {"sklearn": sklearn.__version__, "numpy": np.__version__,
           "python": sys.version.split()[0], "fits": []}

    Xs, ys = blobs(rng, 30, 2.5, 1.0)
    write_csv("blobs_separable.csv", Xs, ys)
    Xo, yo = blobs(rng, 50, 1.0, 0.0)
    write_csv("blobs_overlap.csv", Xo, yo)
    ref["fits"].append(fit_both("blobs_separable", Xs, ys, 1e4))  # hard margin
    ref["fits"].append(fit_both("blobs_separable", Xs, ys, 0.1))
    ref["fits"].append(fit_both("blobs_overlap", Xo, yo, 1.0))

    bc = load_breast_cancer()
    tr, te = split(len(bc.target))
    mu = bc.data[tr].mean(axis=0)
    sd = bc.data[tr].std(axis=0)
    Xtr, Xte = (bc.data[tr] - mu) / sd, (bc.data[te] - mu) / sd
    # sklearn: 0 = malignant, 1 = benign; gradbook's Signs(1): benign = +1.
    ytr, yte = np.where(bc.target[tr] == 1, 1.0, -1.0), np.where(bc.target[te] == 1, 1.0, -1.0)
    for C in (0.01, 1.0):
        ref["fits"].append(fit_both("breast_cancer", Xtr, ytr, C, Xte, yte))

    dg = load_digits()
    tr, te = split(len(dg.target))
    Xtr, Xte = dg.data[tr] / 16.0, dg.data[te] / 16.0
    ovr = LinearSVC(loss="hinge", C=0.1, tol=1e-8, max_iter=1_000_000, dual=True,
                    random_state=0)
    ovr.fit(Xtr, dg.target[tr])
    ref["digits_ovr"] = {
        "C": 0.1,
        "train_accuracy": float(ovr.score(Xtr, dg.target[tr])),
        "test_accuracy": float(ovr.score(Xte, dg.target[te])),
    }

    with open("reference.json", "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

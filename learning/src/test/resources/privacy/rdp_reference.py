"""Independent cross-check of RdpAccountant: TensorFlow Privacy's rdp_accountant algorithm in
Python 3 with SciPy's binom and log_ndtr (exact erfc tails) instead of Sentio's Java code.

Run: python3 rdp_reference.py  (prints the values RdpAccountantTest compares against)."""
import math

import numpy as np
from scipy import special

ORDERS = [1 + x / 10.0 for x in range(1, 100)] + list(range(12, 64))


def log_add(x, y):
    a, b = min(x, y), max(x, y)
    return b if a == -np.inf else math.log1p(math.exp(a - b)) + b


def log_sub(x, y):
    if y == -np.inf:
        return x
    if x == y:
        return -np.inf
    try:
        return math.log(math.expm1(x - y)) + y
    except OverflowError:
        return x


def log_erfc(x):
    return math.log(2) + special.log_ndtr(-x * 2**0.5)


def log_a_int(q, sigma, alpha):
    log_a = -np.inf
    for i in range(alpha + 1):
        c = math.log(special.binom(alpha, i)) + i * math.log(q) + (alpha - i) * math.log(1 - q)
        log_a = log_add(log_a, c + (i * i - i) / (2 * sigma**2))
    return log_a


def log_a_frac(q, sigma, alpha):
    a0, a1 = -np.inf, -np.inf
    i = 0
    z0 = sigma**2 * math.log(1 / q - 1) + 0.5
    while True:
        coef = special.binom(alpha, i)
        lc = math.log(abs(coef))
        j = alpha - i
        t0 = lc + i * math.log(q) + j * math.log(1 - q)
        t1 = lc + j * math.log(q) + i * math.log(1 - q)
        e0 = math.log(0.5) + log_erfc((i - z0) / (math.sqrt(2) * sigma))
        e1 = math.log(0.5) + log_erfc((z0 - j) / (math.sqrt(2) * sigma))
        s0 = t0 + (i * i - i) / (2 * sigma**2) + e0
        s1 = t1 + (j * j - j) / (2 * sigma**2) + e1
        if coef > 0:
            a0, a1 = log_add(a0, s0), log_add(a1, s1)
        else:
            a0, a1 = log_sub(a0, s0), log_sub(a1, s1)
        i += 1
        if max(s0, s1) < -30:
            break
    return log_add(a0, a1)


def rdp(q, sigma, steps, alpha):
    if q == 1:
        return steps * alpha / (2 * sigma**2)
    la = log_a_int(q, sigma, int(alpha)) if float(alpha).is_integer() else log_a_frac(q, sigma, alpha)
    return steps * la / (alpha - 1)


def eps(q, sigma, steps, delta, improved, orders=ORDERS):
    best = (np.inf, None)
    for a in orders:
        r = rdp(q, sigma, steps, a)
        if improved:
            e = r + math.log((a - 1) / a) - (math.log(delta) + math.log(a)) / (a - 1)
        else:
            e = r - math.log(delta) / (a - 1)
        best = min(best, (e, a))
    return best


CASES = [
    (250 / 60000, 1.3, 15 * 60000 // 250, 1e-5),
    (256 / 60000, 1.1, 60 * 60000 // 256, 1e-5),
    (0.01, 1.0, 1000, 1e-5),
    (0.05, 0.8, 500, 1e-6),
    (64 / 4000, 1.0, 600, 1 / 4000),
    (1.0, 5.0, 10, 1e-5),
]

TF_PRIVACY_ORDERS = [1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0, 3.5, 4.0, 4.5] + list(range(5, 64)) + [
    128, 256, 512]

# Published values RdpAccountantTest also checks: (q, sigma, steps, delta, improved, orders).
PUBLISHED = [
    (150 / 60000, 1.3, math.ceil(15 * 60000 / 150), 1e-5, True, TF_PRIVACY_ORDERS),  # 0.7242 @ 19
    (100 / 100000, 1.0, math.ceil(30 * 100000 / 100), 1e-7, True, TF_PRIVACY_ORDERS),  # 1.4155 @ 13
    (0.01, 4.0, 10000, 1e-5, False, list(range(2, 33))),  # Abadi et al. 2016: 1.258575 @ 20
    (256 / 60000, 1.1, 14063, 1e-5, False, TF_PRIVACY_ORDERS),  # MNIST setting, TF orders
    (256 / 60000, 1.1, 14063, 1e-5, True, TF_PRIVACY_ORDERS),
]

if __name__ == "__main__":
    for q, s, t, d, improved, orders in PUBLISHED:
        e = eps(q, s, t, d, improved, orders)
        print(f"q={q!r} sigma={s} steps={t} delta={d} improved={improved}: {e[0]:.10f} (order {e[1]})")
    for q, s, t, d in CASES:
        c = eps(q, s, t, d, False)
        i = eps(q, s, t, d, True)
        print(f"q={q!r} sigma={s} steps={t} delta={d}: classic {c[0]:.6f} (order {c[1]}),"
              f" improved {i[0]:.6f} (order {i[1]})")

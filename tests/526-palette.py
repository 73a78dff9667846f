#!/usr/bin/env python3
"""526-palette.py PALETTE_H: check lib/palette.h's level colours.

Prints one line per failed check and exits 1 when any failed:
- every text colour keeps 4.5:1 contrast on its fill (WCAG 2.2 AA,
  normal text);
- neighbouring fills differ by at least 15 in CIELAB (delta E 1976) for
  normal vision and under full protanopia, deuteranopia and tritanopia
  (Machado, Oliveira and Fernandes 2009, severity 1);
- lightness falls with the level, so the scale stays ordered in
  greyscale.
"""
import math
import re
import sys

MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}


def linear(h):
    out = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def luminance(lin):
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    x, y = sorted([luminance(linear(a)), luminance(linear(b))])
    return (y + 0.05) / (x + 0.05)


def lab(lin):
    r, g, b = lin
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
         for t in (xyz[0] / 0.95047, xyz[1], xyz[2] / 1.08883)]
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))


def simulate(lin, m):
    return [min(1, max(0, sum(m[i][j] * lin[j] for j in range(3)))) for i in range(3)]


def main():
    text = open(sys.argv[1]).read()
    levels = re.findall(r'\{ "#([0-9a-f]{6})", "#([0-9a-f]{6})"', text)
    bad = []
    if len(levels) != 5:
        bad.append(f"expected 5 levels in {sys.argv[1]}, found {len(levels)}")
    for rank, (fill, fg) in enumerate(levels):
        c = contrast(fill, fg)
        if c < 4.5:
            bad.append(f"level {rank}: #{fg} on #{fill} is {c:.2f}:1, under 4.5:1")
    fills = [f for f, _ in levels]
    for name, m in [("normal vision", None)] + list(MACHADO.items()):
        labs = [lab(linear(f) if m is None else simulate(linear(f), m)) for f in fills]
        for i in range(len(labs) - 1):
            d = math.dist(labs[i], labs[i + 1])
            if d < 15:
                bad.append(f"{name}: #{fills[i]} and #{fills[i + 1]} differ by {d:.1f} (delta E), under 15")
    ls = [lab(linear(f))[0] for f in fills]
    if any(a <= b for a, b in zip(ls, ls[1:])):
        bad.append(f"lightness does not fall with the level: {[round(x) for x in ls]}")
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Plots ping-pong RTT and bulk TCP throughput for raw / ws2 / wine from bench/results.tsv.

    python3 bench/plot.py [bench/results.tsv] [bench/plot.png]

Bars are medians, whiskers the fastest and slowest run; log scale, since wine is an order of
magnitude away from the other two.
"""
import statistics
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

src = sys.argv[1] if len(sys.argv) > 1 else "bench/results.tsv"
dst = sys.argv[2] if len(sys.argv) > 2 else "bench/plot.png"
samples = defaultdict(list)
with open(src) as f:
    for line in f:
        case, flavour, value = line.rstrip("\n").split("\t")
        samples[case, flavour].append(float(value))

flavours = [f for f in ("raw", "ws2", "wine") if any(k[1] == f for k in samples)]
colours = {"raw": "#4c72b0", "ws2": "#55a868", "wine": "#c44e52"}
panels = [
    ("64-byte TCP ping-pong round trip (lower is better)", "µs",
     [("rtt", "threads unpinned"), ("rtt_pinned", "both on CPU 0")]),
    ("Bulk TCP, 64 KiB sends (higher is better)", "MB/s", [("bulk", "loopback")]),
]
fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), gridspec_kw={"width_ratios": [2, 1]})
for ax, (title, unit, cases) in zip(axes, panels):
    width = 0.8 / len(flavours)
    for i, flavour in enumerate(flavours):
        xs, meds, lo, hi, labels = [], [], [], [], []
        for j, (case, _) in enumerate(cases):
            v = samples.get((case, flavour))
            if not v:
                continue
            m = statistics.median(v)
            xs.append(j + (i - (len(flavours) - 1) / 2) * width)
            meds.append(m)
            lo.append(m - min(v))
            hi.append(max(v) - m)
            label = f"{m:.0f}" if m >= 100 else f"{m:.1f}"
            raw = samples.get((case, "raw"))
            if flavour != "raw" and raw:
                label += f"\n×{m / statistics.median(raw):.2f}"
            labels.append(label)
        bars = ax.bar(xs, meds, width, yerr=[lo, hi], capsize=3, label=flavour,
                      color=colours[flavour])
        ax.bar_label(bars, labels=labels, padding=2, fontsize=8)
    ax.set_xticks(range(len(cases)), [label for _, label in cases])
    ax.set_yscale("log")
    ax.margins(y=0.25)
    ax.set_ylabel(unit)
    ax.set_title(title, fontsize=10)
fig.suptitle("ws2 vs raw Linux sockets vs wine: medians, whiskers min–max, ×ratio to raw", fontsize=11)
handles, names = axes[0].get_legend_handles_labels()
fig.legend(handles, names, loc="lower center", ncol=len(flavours), fontsize=9, frameon=False)
fig.tight_layout(rect=(0, 0.05, 1, 1))
fig.savefig(dst, dpi=110)
print(f"plot: wrote {dst}")

#!/usr/bin/env python3
"""Turn the criterion results of `scripts/bench-programs.sh` into Markdown tables.

usage: bench-report.py <criterion dir> <log of the all-cores run (for `proof-size` lines)>
"""
import json
import pathlib
import re
import sys


def estimates(criterion_dir, baseline):
    """{full_id: median seconds} for every benchmark saved under `baseline`."""
    out = {}
    for bench in pathlib.Path(criterion_dir).glob(f"**/{baseline}/benchmark.json"):
        full_id = json.loads(bench.read_text())["full_id"]
        est = json.loads((bench.parent / "estimates.json").read_text())
        out[full_id] = est["median"]["point_estimate"] / 1e9
    return out


def fmt_time(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1e3:.1f} ms"


def main():
    criterion_dir, log = sys.argv[1], sys.argv[2]
    sizes = {}
    for line in pathlib.Path(log).read_text().splitlines():
        m = re.match(r"proof-size (\S+) (\d+)", line)
        if m:
            sizes[m.group(1)] = int(m.group(2))
    all_cores = estimates(criterion_dir, "all-cores")
    one_thread = estimates(criterion_dir, "one-thread")

    print("| program | level | steps | prove | verify | proof size |")
    print("|---|---|---|---|---|---|")
    for key in sorted(sizes, key=lambda k: (k.split("/")[0], int(k.split("/")[1]), int(k.split("^")[1]))):
        prove = all_cores.get(f"prove/{key}")
        verify = all_cores.get(f"verify/{key}")
        program, level, steps = key.split("/")
        print(
            f"| {program} | {level} | {steps} | {fmt_time(prove) if prove else '-'} | "
            f"{fmt_time(verify) if verify else '-'} | {sizes[key] / 1024:.1f} KiB |"
        )

    if one_thread:
        print()
        print("| proving at 2^16 steps | 1 thread | all cores | speed-up |")
        print("|---|---|---|---|")
        for full_id in sorted(one_thread):
            multi = all_cores.get(full_id)
            if multi:
                name = full_id.removeprefix("prove/")
                print(
                    f"| {name} | {fmt_time(one_thread[full_id])} | {fmt_time(multi)} | "
                    f"{one_thread[full_id] / multi:.2f}x |"
                )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Verification in the runtime versus native, per proof fixture.

usage: verify-weights-report.py <benchmark json (--json-file of `benchmark pallet`)>
        <pallets/jobs/fixtures> <pallets/jobs/src/weights.rs> <criterion dir>

For every fixture (program, level, steps): the proof's size; the weight `submit_proof` charges
for it (the generated formula, with ParityDB reads/writes); the measured time of the extrinsic
in the wasm runtime at the benchmark's component values that select that fixture (median); the
native verify time (criterion baseline `all-cores`); and the ratio of the two.
"""
import json
import pathlib
import re
import statistics
import sys

READ_PS, WRITE_PS = 8_000_000, 50_000_000  # ParityDbWeight

# SCALE bytes before the proof in a fixture: Inputs, SecurityLevel, Output, compact length.
HEADER = {"fibonacci": 5 + 1 + 9, "rescue-chain": 21 + 1 + 33, "mimc-vdf": 13 + 1 + 9}


def compact_len(n):
    return 1 if n < 64 else 2 if n < 2**14 else 4


def main():
    bench_json, fixtures_dir, weights_rs, criterion_dir = sys.argv[1:5]
    fixtures = []
    for path in sorted(pathlib.Path(fixtures_dir).glob("*.scale")):
        program, level, log2 = re.match(r"(.+)-(\d+)-(\d+)\.scale", path.name).groups()
        rest = path.stat().st_size - HEADER[program]
        proof = rest - compact_len(rest)
        fixtures.append((proof, program, int(level), int(log2)))
    fixtures.sort()

    text = pathlib.Path(weights_rs).read_text()
    fn = text[text.index("fn submit_proof(l: u32, ) -> Weight {"):]
    fn = fn[: fn.index("}")]
    base = int(re.search(r"Weight::from_parts\(([\d_]+), 0\)", fn).group(1).replace("_", ""))
    slope = int(re.search(r"from_parts\(([\d_]+), 0\)\.saturating_mul\(l", fn).group(1).replace("_", ""))
    reads = int(re.search(r"reads\((\d+)_u64\)", fn).group(1))
    writes = int(re.search(r"writes\((\d+)_u64\)", fn).group(1))

    measured = {}
    for bench in json.load(open(bench_json)):
        if bench["benchmark"] != "submit_proof":
            continue
        for result in bench["time_results"]:
            l = dict(result["components"])["l"]
            chosen = [f for f in fixtures if f[0] <= l] or fixtures[:1]
            measured.setdefault(chosen[-1], []).append(result["extrinsic_time"] / 1e6)

    def native(program, level, log2):
        path = pathlib.Path(criterion_dir, f"verify_{program}_{level}", f"2_{log2}", "all-cores", "estimates.json")
        if not path.exists():
            return None
        return json.loads(path.read_text())["median"]["point_estimate"] / 1e6

    print("| program | level | steps | proof | weight (ref time) | wasm extrinsic | native verify | wasm / native |")
    print("|---|---|---|---|---|---|---|---|")
    for fixture in sorted(fixtures, key=lambda f: (f[1], f[2], f[3])):
        proof, program, level, log2 = fixture
        weight = (base + slope * proof + reads * READ_PS + writes * WRITE_PS) / 1e9
        wasm = statistics.median(measured[fixture]) if fixture in measured else None
        nat = native(program, level, log2)
        ratio = f"{wasm / nat:.1f}x" if wasm and nat else "-"
        print(f"| {program} | {level} | 2^{log2} | {proof / 1024:.1f} KiB | {weight:.2f} ms | "
              f"{f'{wasm:.2f} ms' if wasm else '-'} | {f'{nat:.2f} ms' if nat else '-'} | {ratio} |")


main()

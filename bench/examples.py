#!/usr/bin/env python3
"""Differential check against TLC's recorded figures.

Runs `tlatrace model` on every model of a tlaplus/Examples checkout whose
manifest records a successful TLC run of at most MAX_SECONDS, and compares
distinct states, states generated and depth with the figures TLC recorded.

Usage: bench/examples.py EXAMPLES_DIR [TLATRACE] [MAX_SECONDS]
Prints one line per model (match / differ / error / timeout) and a summary.
"""
import json, os, subprocess, sys

def seconds(rt):
    h, m, s = (int(x) for x in rt.split(":"))
    return h * 3600 + m * 60 + s

def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    root = sys.argv[1]
    binary = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "target/release/tlatrace")
    max_s = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    counts = {}
    for dirpath, _, files in sorted(os.walk(os.path.join(root, "specifications"))):
        if "manifest.json" not in files:
            continue
        try:
            m = json.load(open(os.path.join(dirpath, "manifest.json")))
        except Exception:
            continue
        for mod in m.get("modules", []):
            for mo in mod.get("models", []):
                if mo.get("result") != "success" or "distinctStates" not in mo:
                    continue
                if seconds(mo.get("runtime", "99:00:00")) > max_s:
                    continue
                if mo.get("mode", "exhaustive search") != "exhaustive search":
                    continue
                cfg = os.path.join(root, mo["path"])
                tla = os.path.join(os.path.dirname(cfg), os.path.basename(cfg)[:-4] + ".tla")
                if not os.path.exists(tla):
                    tla = os.path.join(root, mod["path"])
                cmd = [binary, "model", os.path.basename(tla), "--config", os.path.abspath(cfg),
                       "--workers", "1", "--progress", "0", "--format", "json"]
                try:
                    p = subprocess.run(cmd, cwd=os.path.dirname(tla), capture_output=True, text=True, timeout=60)
                    out = json.loads(p.stdout) if p.stdout.strip().startswith("{") else None
                except subprocess.TimeoutExpired:
                    out, p = None, None
                name = mo["path"]
                if p is None:
                    kind = "timeout"
                elif out is None or out.get("verdict") != "ok":
                    kind = "error"
                else:
                    want = (mo.get("distinctStates"), mo.get("totalStates"), mo.get("stateDepth"))
                    got = (out["distinct"], out["generated"], out["depth"])
                    kind = "match" if want == got else "differ"
                    if kind == "differ":
                        name += f"  TLC {want} tlatrace {got}"
                if kind == "error" and p is not None:
                    first = (p.stderr.strip().splitlines() or ["?"])[0]
                    name += "  " + first[:150]
                counts[kind] = counts.get(kind, 0) + 1
                print(f"{kind:8} {name}")
    print(", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
    return 0 if counts.get("differ", 0) == 0 else 1

if __name__ == "__main__":
    sys.exit(main())

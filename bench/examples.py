#!/usr/bin/env python3
"""Differential check of `tlatrace model` against TLC on tlaplus/Examples.

Runs `tlatrace model --workers 1` on every model of a tlaplus/Examples
checkout whose manifest records an exhaustive TLC run of at most
--max-seconds (default 60), whatever TLC's result was (success, safety,
liveness, deadlock or assumption failure), and compares:

- the verdict class: the manifest's `result`, and tlatrace's (`class` of its
  JSON report when it gives one; else derived from its `verdict`);
- distinct states, states generated and depth, where the manifest records
  them and the run got that far;
- whether the run skipped anything (a part not checked, e.g. liveness).

A model passes ("same") when the class is TLC's, the figures are TLC's and
nothing was skipped. With --tlc JAR, TLC itself runs each model too (one
worker), and its own figures are the reference instead of the manifest's
(the manifests come from several TLC versions and worker counts).

Usage:
  bench/examples.py EXAMPLES_DIR [--bin target/release/tlatrace]
      [--max-seconds 60] [--timeout 120] [--jobs 1] [--tlc tla2tools.jar]
      [--community CommunityModules.jar] [--filter WORD] [--markdown]

Prints one line per model and a summary; with --markdown, a table for
bench/README.md. Exit status 1 when a model does not pass.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

CLASSES = {
    "ok": "success",
    "invariant": "safety failure",
    "property": "safety failure",
    "deadlock": "deadlock failure",
    "liveness": "liveness failure",
    "assumption": "assumption failure",
}


def seconds(rt):
    try:
        h, m, s = (int(x) for x in rt.split(":"))
        return h * 3600 + m * 60 + s
    except (ValueError, AttributeError):
        return None


def models(root, max_s, word):
    """(tla, cfg, manifest entry) of every exhaustive model within max_s."""
    out = []
    for dirpath, _, files in sorted(os.walk(os.path.join(root, "specifications"))):
        if "manifest.json" not in files:
            continue
        try:
            m = json.load(open(os.path.join(dirpath, "manifest.json")))
        except (OSError, ValueError):
            continue
        for mod in m.get("modules", []):
            for mo in mod.get("models", []):
                if mo.get("mode") != "exhaustive search":
                    continue
                rt = seconds(mo.get("runtime", ""))
                if rt is None or rt > max_s:
                    continue
                if word and word not in mo["path"]:
                    continue
                cfg = os.path.join(root, mo["path"])
                tla = os.path.join(root, mod["path"])
                out.append((tla, cfg, mo))
    return out


def run_tlatrace(binary, tla, cfg, timeout):
    cmd = [binary, "model", os.path.basename(tla), "--config", os.path.abspath(cfg),
           "--workers", "1", "--progress", "0", "--format", "json"]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=os.path.dirname(tla), capture_output=True,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"class": "timeout", "seconds": timeout}
    wall = time.monotonic() - t0
    try:
        j = json.loads(p.stdout)
    except ValueError:
        first = (p.stderr.strip().splitlines() or ["(no output)"])[0]
        return {"class": "error", "message": first[:160], "seconds": wall}
    cls = j.get("class") or CLASSES.get(j.get("verdict"), "error")
    skipped = j.get("not_checked") or []
    if not skipped and "NOT checked" in p.stderr + p.stdout:
        skipped = ["(see the human output)"]
    res = {
        "class": cls,
        "figures": (j.get("distinct"), j.get("generated"), j.get("depth")),
        "skipped": len(skipped),
        "seconds": wall,
    }
    if cls == "error":
        diags = j.get("diagnostics") or []
        msg = diags[0].get("message") if diags and isinstance(diags[0], dict) else None
        res["message"] = (msg or (p.stderr.strip().splitlines() or ["?"])[0])[:160]
    return res


def run_tlc(jar, community, library, tla, cfg, timeout):
    cp = jar + (os.pathsep + community if community else "")
    cmd = ["java", "-XX:+UseParallelGC", f"-DTLA-Library={library}", "-cp", cp,
           "tlc2.TLC", "-workers", "1",
           "-config", os.path.abspath(cfg), os.path.basename(tla)]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=os.path.dirname(tla), capture_output=True,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"class": "timeout", "seconds": timeout}
    out = p.stdout
    m = re.findall(r"([\d,]+) states generated, ([\d,]+) distinct states found", out)
    d = re.findall(r"The depth of the complete state graph search is (\d+)", out)
    n = lambda s: int(s.replace(",", ""))
    figures = (n(m[-1][1]), n(m[-1][0]), int(d[-1]) if d else None) if m else (None, None, None)
    if "Temporal properties were violated" in out:
        cls = "liveness failure"
    elif "Deadlock reached" in out:
        cls = "deadlock failure"
    elif re.search(r"Invariant .* is violated|Action property .* is violated|is violated", out):
        cls = "safety failure"
    elif "Assumption" in out and "is false" in out:
        cls = "assumption failure"
    elif "Model checking completed. No error has been found." in out:
        cls = "success"
    else:
        cls = "error"
    return {"class": cls, "figures": figures, "seconds": time.monotonic() - t0}


def compare(mo, ours, tlc):
    """The row's kind: same / differ / skipped / error / timeout."""
    if tlc is not None:
        want_cls, want = tlc["class"], tlc.get("figures")
    else:
        want_cls = mo.get("result")
        want = (mo.get("distinctStates"), mo.get("totalStates"), mo.get("stateDepth"))
    if ours["class"] in ("error", "timeout"):
        return ours["class"]
    if ours["class"] != want_cls:
        return "differ"
    got = ours.get("figures")
    # A failure stops the search early: its figures depend on the order of
    # the search, which a manifest (often several workers) does not pin;
    # they are compared only against TLC run here with one worker.
    pinned = want_cls == "success" or tlc is not None
    if pinned and want and None not in want and got != tuple(want):
        return "differ"
    if ours.get("skipped"):
        return "skipped"
    return "same"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("examples")
    ap.add_argument("--bin", default="target/release/tlatrace")
    ap.add_argument("--max-seconds", type=int, default=60)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--tlc")
    ap.add_argument("--community")
    ap.add_argument("--filter")
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    todo = models(a.examples, a.max_seconds, a.filter)
    # TLC finds the modules of TLAPS's library (TLAPS, the *Theorems and
    # *Induction modules, which specs with proofs EXTEND) on its library
    # path: give it the copies bundled with tlatrace, and only those (the
    # standard and community modules come from TLC's jars).
    library = tempfile.mkdtemp(prefix="tlaps-")
    stdlib = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "parser", "stdlib")
    for f in os.listdir(stdlib):
        if f == "TLAPS.tla" or f.endswith("Theorems.tla") or f.endswith("Induction.tla"):
            shutil.copy(os.path.join(stdlib, f), library)

    def one(item):
        tla, cfg, mo = item
        ours = run_tlatrace(binary, tla, cfg, a.timeout)
        tlc = run_tlc(a.tlc, a.community, library, tla, cfg, a.timeout * 10) if a.tlc else None
        return item, ours, tlc, compare(mo, ours, tlc)

    counts, rows = {}, []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        for (tla, cfg, mo), ours, tlc, kind in ex.map(one, todo):
            counts[kind] = counts.get(kind, 0) + 1
            name = os.path.relpath(cfg, os.path.join(a.examples, "specifications"))
            want = tlc if tlc else {"class": mo.get("result"), "figures": (
                mo.get("distinctStates"), mo.get("totalStates"), mo.get("stateDepth"))}
            rows.append((name, kind, want, ours, tlc))
            if not a.markdown:
                extra = ""
                if kind == "differ":
                    extra = f"  TLC {want['class']} {want.get('figures')}  tlatrace {ours['class']} {ours.get('figures')}"
                elif kind in ("error",):
                    extra = "  " + ours.get("message", "")
                elif kind == "skipped":
                    extra = f"  {ours['skipped']} part(s) not checked"
                print(f"{kind:8} {name}{extra}  ({ours['seconds']:.1f} s)", flush=True)
    if a.markdown:
        print("| model | TLC | distinct / generated / depth | tlatrace | s | TLC s |")
        print("|---|---|---|---|---:|---:|")
        for name, kind, want, ours, tlc in rows:
            f = want.get("figures") or ()
            fig = " / ".join(f"{x:,}" if isinstance(x, int) else "?" for x in f)
            tlc_s = f"{tlc['seconds']:.1f}" if tlc else ""
            print(f"| {name} | {want['class']} | {fig} | {kind} | {ours['seconds']:.1f} | {tlc_s} |")
    total = sum(counts.values())
    print(f"{counts.get('same', 0)}/{total} with TLC's verdict and figures, nothing skipped; "
          + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
    return 0 if counts.get("same", 0) == total else 1


if __name__ == "__main__":
    sys.exit(main())

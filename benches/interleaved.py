#!/usr/bin/env python3
"""Times whole commands in one interleaved run: round after round, each command once, so
that every command sees the same machine (load, caches, frequency). Wall time from a
monotonic clock around posix_spawn + wait4; CPU time (user + system) from wait4's rusage.

Usage: benches/interleaved.py ROUNDS 'name=command args' ...   (output: a Markdown table)
"""
import os
import shlex
import statistics
import sys
import time


def run(argv):
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        pid = os.posix_spawnp(argv[0], argv, os.environ,
                              file_actions=[(os.POSIX_SPAWN_DUP2, null.fileno(), 1),
                                            (os.POSIX_SPAWN_DUP2, null.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {shlex.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    rounds = int(sys.argv[1])
    commands = []
    for arg in sys.argv[2:]:
        name, _, command = arg.partition("=")
        commands.append((name, shlex.split(command)))
    for _, argv in commands:  # warm-up: page cache, first-run effects
        run(argv)
        run(argv)
    samples = {name: [] for name, _ in commands}
    for _ in range(rounds):
        for name, argv in commands:
            samples[name].append(run(argv))
    # (No peak RSS: a spawned child's ru_maxrss starts from this interpreter's. GNU time
    # measures it in compare.sh.)
    print(f"{rounds} interleaved rounds; wall and CPU (user + system) in ms\n")
    print("| command | wall mean ± σ | wall median | wall min | CPU mean |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, _ in commands:
        wall = [s[0] * 1e3 for s in samples[name]]
        cpu = [s[1] * 1e3 for s in samples[name]]
        print(f"| {name} | {statistics.mean(wall):.1f} ± {statistics.stdev(wall):.1f} "
              f"| {statistics.median(wall):.1f} | {min(wall):.1f} | {statistics.mean(cpu):.1f} |")


main()

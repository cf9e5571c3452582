#!/usr/bin/env python3
"""Start-up cost of the llmring command: wall time and CPU time (user + sys) per run, mean and spread.

    python3 llmring-bench/scripts/cli-startup.py launcher llmring-cli/target/llmring.jar   # through the launcher
    python3 llmring-bench/scripts/cli-startup.py /path/to/java llmring-cli/target/llmring.jar [JVM options]

Run from the repository root. Each command runs once to warm the file cache (and, through the launcher, to write
the class-data-sharing archive), then RUNS times. The registry is the CLI tests' local copy, so nothing is fetched.
CPU time is reported besides wall time because it is far less disturbed by other load on the machine.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile

RUNS = int(os.environ.get("RUNS", "12"))


def run(label, cmd, env):
    subprocess.run(cmd, capture_output=True, env=env)
    wall, cpu = [], []
    for _ in range(RUNS):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = os.times().elapsed
        p = subprocess.run(cmd, capture_output=True, env=env)
        wall.append(os.times().elapsed - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    ms = lambda xs, f: f(xs) * 1000
    print(f"{label:28s} exit {p.returncode}  wall {ms(wall, statistics.mean):5.0f} ms ± {ms(wall, statistics.stdev):4.0f}"
          f"  cpu {ms(cpu, statistics.mean):5.0f} ms ± {ms(cpu, statistics.stdev):3.0f} (min {ms(cpu, min):5.0f})",
          flush=True)


def main():
    java, jar, extra = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3:]
    work = tempfile.mkdtemp(prefix="llmring-startup-")
    with open(os.path.join(work, "llmring.lock"), "w") as f:
        f.write('[profiles.default]\nregistry_versions = { openai = 2 }\n[[profiles.default.bindings]]\n'
                'alias = "fast"\nmodels = ["anthropic:claude-haiku-4-5", "openai:gpt-5-nano"]\n')
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"),
               LLMRING_REGISTRY_URL=os.path.abspath("llmring-cli/src/test/resources/registry"))
    if java == "launcher":
        env["LLMRING_JAR"] = jar
        base = ["sh", os.path.abspath("llmring-cli/src/main/scripts/llmring")]
    else:
        base = [java] + extra + ["-jar", jar]
    os.chdir(work)
    run("--version", base + ["--version"], env)
    run("aliases", base + ["aliases"], env)
    run("lock validate", base + ["lock", "validate"], env)
    run("models --provider openai", base + ["models", "--provider", "openai"], env)


if __name__ == "__main__":
    main()

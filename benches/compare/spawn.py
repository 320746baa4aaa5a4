#!/usr/bin/env python3
"""Runs the measured processes for compare.py, one at a time.

Linux reports a child's peak RSS as at least the size of the process that
forked it (exec keeps the forked image's high-water mark), and compare.py
grows as it keeps answers: forking from it inflated the small figures. This
process stays small (a bare interpreter, ~10 MB). Protocol: one JSON object
a line on stdin, {"cmd", "timeout", "env", "cwd", "out", "err"} (out and err:
file paths for the child's stdout and stderr); one JSON line back,
{"wall", "rss_mb", "code"} or {"timeout": true}.
"""

import json
import os
import subprocess
import sys
import time


def main():
    for line in sys.stdin:
        req = json.loads(line)
        with open(req["out"], "wb") as out, open(req["err"], "wb") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(req["cmd"], stdout=out, stderr=err, env=req["env"],
                                 cwd=req["cwd"], start_new_session=True)
            res = None
            while True:
                pid, status, ru = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - t0 > req["timeout"]:
                    os.killpg(p.pid, 9)
                    os.wait4(p.pid, 0)
                    res = {"timeout": True}
                    break
                time.sleep(0.002)
            if res is None:
                res = {"wall": time.perf_counter() - t0, "rss_mb": ru.ru_maxrss / 1024.0,
                       "code": os.waitstatus_to_exitcode(status)}
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

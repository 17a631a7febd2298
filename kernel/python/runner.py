"""Execute one notebook with nbclient and report every cell as a JSON line.

Run by `go run ./kernel exec` (kernel/exec.go), which embeds this file. Each
executed code cell produces one line on stdout:

    {"index": 3, "seconds": 1.2, "status": "ok"|"error"|"timeout", ...}

and a final {"done": true, ...}. The executed notebook is written to --out even
when a cell fails, so the failure can be read in context.
"""
import argparse
import ctypes
import html
import json
import os
import re
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def first_line(cell):
    for line in cell.source.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


def error_of(cell):
    """Returns (ename, evalue) of the first error output of a cell, if any."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return out.get("ename", ""), out.get("evalue", "")
    return None


def detail_of(cell):
    """Returns what a failing cell said: its stderr, and the text of the HTML
    that gonb uses to show compile errors, ANSI colours removed."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append("".join(out.get("text", "")))
        elif out.get("output_type") == "display_data" and list(out.get("data", {})) == ["text/html"]:
            text = re.sub(r"(?s)<style.*?</style>", "", "".join(out["data"]["text/html"]))
            text = re.sub(r"<br\s*/?>|</div>|</p>|</tr>", "\n", text)
            parts.append(html.unescape(re.sub(r"<[^>]+>", "", text)))
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(parts))
    lines = [l.rstrip() for l in text.splitlines() if l.strip()]
    return "\n".join(lines[:30])


PR_SET_CHILD_SUBREAPER = 36


def become_subreaper():
    """Makes this process adopt its orphaned descendants (Linux), so that a
    cell's process that survives its kernel (it ignored SIGTERM, or detached
    itself) is reparented here rather than to PID 1, and kill_descendants can
    find it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def descendants(root):
    """PIDs of every live process below root, read from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] == "Z":
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def kill_descendants():
    """Kills whatever the kernel left behind and reaps it: after the kernel
    has shut down, nothing below this process has a reason to live."""
    me = os.getpid()
    for _ in range(100):
        pids = descendants(me)
        if not pids:
            return 0
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        time.sleep(0.05)
    return len(descendants(me))


class TimedClient(NotebookClient):
    """A NotebookClient that reports the wall time and outcome of each cell."""

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "code" or not cell.source.strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        start = time.monotonic()
        status, ename, evalue = "ok", "", ""
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except CellTimeoutError as e:
            status, ename, evalue = "timeout", "CellTimeoutError", str(e).splitlines()[0] if str(e) else "timed out"
            raise
        except CellExecutionError as e:
            status, ename, evalue = "error", getattr(e, "ename", "") or "error", getattr(e, "evalue", "") or str(e)[:2000]
            raise
        finally:
            err = error_of(cell)
            if err and status == "ok":
                status, ename, evalue = "error", err[0], err[1]
            elif err and status == "timeout":
                pass
            emit({
                "index": cell_index,
                "id": cell.get("id", ""),
                "seconds": round(time.monotonic() - start, 3),
                "status": status,
                "ename": ename,
                "evalue": evalue[:4000],
                "detail": detail_of(cell) if status != "ok" else "",
                "first_line": first_line(cell),
                "mime": sorted({k for o in cell.get("outputs", []) for k in o.get("data", {})}),
            })


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("--out", required=True)
    ap.add_argument("--kernel", default="gradbook")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--startup-timeout", type=int, default=120)
    ap.add_argument("--allow-errors", action="store_true")
    ap.add_argument("--cwd", default=None)
    args = ap.parse_args()

    try:
        nb = nbformat.read(args.notebook, as_version=4)
        nbformat.validate(nb)
    except Exception as e:  # not JSON, not a notebook, or an invalid one
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        emit({"done": True, "seconds": 0, "unreadable": True,
              "fatal": "not a valid Jupyter notebook: %s" % reason[:300]})
        return

    become_subreaper()
    client = TimedClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=args.startup_timeout,
        allow_errors=args.allow_errors,
        interrupt_on_timeout=args.allow_errors,
        resources={"metadata": {"path": args.cwd}} if args.cwd else {},
    )
    fatal = ""
    start = time.monotonic()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError):
        pass  # already reported per cell
    except DeadKernelError as e:
        fatal = "kernel died: %s" % e
    except Exception as e:  # kernel failed to start, spec missing, ...
        fatal = "%s: %s" % (type(e).__name__, e)
    finally:
        nbformat.write(nb, args.out)
        left = kill_descendants()
        if left and not fatal:
            fatal = "%d processes started by the notebook could not be killed" % left
    emit({"done": True, "seconds": round(time.monotonic() - start, 3), "fatal": fatal})


if __name__ == "__main__":
    main()

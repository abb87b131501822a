#!/usr/bin/python3
"""errscope on a Dask cluster: `errscope report` on the workers, `errscope merge` as a tree.

Each file (or, with --byte-ranges, each range of a large uncompressed file, cut at line ends)
is one shard K of N: a worker runs `errscope report --format json --shard K/N` on it and keeps
the one-line JSON report. The reports are merged on the workers, --fan-in at a time, with
`errscope merge --partial`, and the last reports with a final `errscope merge` that checks that
every shard 1..N is there; its output (--merge-args: any format, --baseline, thresholds) is
written to standard output, its exit status is this script's.

The paths (FILE..., --errscope) are the workers' paths: a shared file system, or the same
layout on every worker. Only the reports travel through the cluster, never the logs.

    errscope_dask.py --scheduler tcp://10.0.0.5:8786 /data/logs/*.log
    errscope_dask.py --scheduler-file /shared/scheduler.json --byte-ranges 256M \\
        --merge-args '--format markdown --baseline /shared/yesterday.json --fail-on-new' \\
        /shared/logs/big.log /shared/logs/*.log.gz

Exit status: the final merge's (0, 1 for a breached alert threshold, 2 when it refuses), or
2 when a shard failed on every try (each failed shard is named on stderr, nothing is written
to standard output), when the scheduler cannot be reached, or for a usage error.

Needs Dask's `distributed` on the driver and the workers (Debian: python3-distributed) and
errscope on the workers.
"""
import argparse
import shlex
import subprocess
import sys
import threading
import uuid

# The first bytes of the compressed formats errscope reads: such a file is one shard, whole.
_COMPRESSED_MAGIC = (b"\x1f\x8b", b"\x28\xb5\x2f\xfd", b"\xfd7zXZ\x00", b"BZh")
_CHUNK = 1 << 20


class ShardFailed(Exception):
    """A command run for a shard or a merge that exited non-zero, with its stderr."""


def _first_line(data):
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "(no message)"


def _line_start(handle, position, size):
    """The offset of the first line that starts at or after position (size when none does)."""
    if position <= 0:
        return 0
    if position >= size:
        return size
    handle.seek(position - 1)
    offset = position - 1
    while True:
        chunk = handle.read(_CHUNK)
        if not chunk:
            return size
        newline = chunk.find(b"\n")
        if newline >= 0:
            return offset + newline + 1
        offset += len(chunk)


def plan_file(path):
    """On a worker: the size of path, and whether it is compressed (then it is never cut)."""
    with open(path, "rb") as handle:
        magic = handle.read(6)
        handle.seek(0, 2)
        size = handle.tell()
    return size, magic.startswith(_COMPRESSED_MAGIC)


def report_shard(errscope, path, byte_range, shard, count, source, report_args):
    """On a worker: the one-line JSON report of shard `shard` of `count`.

    byte_range None reads the whole file; (start, end) reads the lines that start in
    [start, end) on errscope's standard input, counted under source (default: the path).
    """
    command = [errscope, "report", "--format", "json", "--shard", f"{shard}/{count}"]
    command += list(report_args)
    if byte_range is None:
        if source:
            command += ["--source", source]
        result = subprocess.run(command + [path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                check=False)
        if result.returncode != 0:
            raise ShardFailed(f"{path}: errscope report exited {result.returncode}: "
                              f"{_first_line(result.stderr)}")
        return result.stdout
    command += ["--source", source or path, "-"]
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        begin = _line_start(handle, byte_range[0], size)
        stop = _line_start(handle, byte_range[1], size)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        # stderr is read on a thread so that a chatty errscope cannot block on a full pipe
        # while this one feeds its standard input.
        errors = []
        reader = threading.Thread(target=lambda: errors.append(process.stderr.read()))
        reader.start()
        handle.seek(begin)
        left = stop - begin
        try:
            while left > 0:
                chunk = handle.read(min(_CHUNK, left))
                if not chunk:
                    break
                process.stdin.write(chunk)
                left -= len(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass
        output = process.stdout.read()
        status = process.wait()
        reader.join()
    if status != 0:
        raise ShardFailed(f"{path} bytes {begin}-{stop}: errscope report exited {status}: "
                          f"{_first_line(errors[0] if errors else b'')}")
    return output


def merge_reports(errscope, merge_args, final, *reports):
    """On a worker: `errscope merge MERGE_ARGS -` of the reports (bytes, one or more a piece).

    An inner step (final False) raises on failure and returns the merged JSON report; the
    final step returns (status, stdout, stderr) for the driver to pass on.
    """
    command = [errscope, "merge", *merge_args, "-"]
    data = b"".join(report if report.endswith(b"\n") else report + b"\n" for report in reports)
    result = subprocess.run(command, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            check=False)
    if final:
        return result.returncode, result.stdout, result.stderr
    if result.returncode != 0:
        raise ShardFailed(f"errscope merge --partial exited {result.returncode}: "
                          f"{_first_line(result.stderr)}")
    return result.stdout


def _size(text):
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    number, unit = (text[:-1], text[-1]) if text and text[-1] in units else (text, "")
    try:
        value = int(number) * units[unit]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 256M, 1G)") from None
    if value < 4096:
        raise argparse.ArgumentTypeError("a range of at least 4K")
    return value


def _parse(argv):
    parser = argparse.ArgumentParser(
        prog="errscope_dask.py", description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Any format, window or threshold of the result goes in --merge-args; the "
               "counting options (--vendor, --patterns, --tz, --bucket) in --report-args.")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="the scheduler's address, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--scheduler-file", metavar="FILE",
                       help="the file dask-scheduler --scheduler-file wrote")
    parser.add_argument("files", nargs="+", metavar="FILE", help="logs, as the workers see them")
    parser.add_argument("--errscope", default="errscope",
                        help="errscope on the workers (default: errscope on their PATH)")
    parser.add_argument("--byte-ranges", type=_size, metavar="SIZE",
                        help="cut uncompressed files into ranges of about SIZE (256M, 1G) at "
                             "line ends, a shard each (default: a shard per file)")
    parser.add_argument("--source", metavar="NAME",
                        help="count every file under this source (default: each file its own)")
    parser.add_argument("--report-args", default="", metavar="ARGS",
                        help="more arguments of each `errscope report`, one shell-quoted string")
    parser.add_argument("--merge-args", default="", metavar="ARGS",
                        help="arguments of the final `errscope merge` (default: text output)")
    parser.add_argument("--fan-in", type=int, default=8, metavar="K",
                        help="reports per merge step of the tree (default 8)")
    parser.add_argument("--retries", type=int, default=2, metavar="R",
                        help="tries of a failed shard after the first (default 2)")
    parser.add_argument("--threads-per-shard", type=int, default=1, metavar="J",
                        help="errscope report -j J on each shard (default 1: a worker thread "
                             "runs one shard)")
    parser.add_argument("--min-workers", type=int, default=1, metavar="W",
                        help="wait for W workers before starting (default 1)")
    parser.add_argument("--timeout", type=float, default=30, metavar="SECONDS",
                        help="to reach the scheduler and the workers (default 30)")
    args = parser.parse_args(argv)
    if args.fan_in < 2:
        parser.error("--fan-in takes 2 or more")
    if args.retries < 0 or args.threads_per_shard < 1 or args.min_workers < 0:
        parser.error("--retries takes 0 or more, --threads-per-shard and --min-workers 1 or more")
    return args


def _fail(message):
    print(f"errscope_dask: {message}", file=sys.stderr)
    return 2


def main(argv=None):
    args = _parse(argv)
    # Imported here: --help works without Dask.
    from distributed import Client, wait

    report_args = ["-j", str(args.threads_per_shard), *shlex.split(args.report_args)]
    merge_args = shlex.split(args.merge_args)
    token = uuid.uuid4().hex[:8]
    try:
        client = Client(address=args.scheduler, scheduler_file=args.scheduler_file,
                        timeout=args.timeout)
    except (OSError, TimeoutError) as error:
        return _fail(f"cannot reach the scheduler: {error}")
    with client:
        if args.min_workers:
            try:
                client.wait_for_workers(args.min_workers, timeout=args.timeout)
            except TimeoutError:
                return _fail(f"fewer than {args.min_workers} workers after {args.timeout:g} s")

        # The shards: (path, byte range or None), numbered 1..N in this order.
        shards = []
        if args.byte_ranges:
            plans = client.map(plan_file, args.files, key=[f"errscope-plan-{i}-{token}"
                                                            for i in range(len(args.files))])
            wait(plans)
            failed = [(path, plan) for path, plan in zip(args.files, plans)
                      if plan.status != "finished"]
            if failed:
                for path, plan in failed:
                    _fail(f"{path}: {plan.exception()}")
                return 2
            for path, (size, compressed) in zip(args.files, client.gather(plans)):
                if compressed or size <= args.byte_ranges:
                    shards.append((path, None))
                else:
                    for start in range(0, size, args.byte_ranges):
                        shards.append((path, (start, min(start + args.byte_ranges, size))))
        else:
            shards = [(path, None) for path in args.files]
        count = len(shards)

        reports = [client.submit(report_shard, args.errscope, path, byte_range, shard, count,
                                 args.source, report_args, retries=args.retries,
                                 key=f"errscope-report-{shard}-of-{count}-{token}")
                   for shard, (path, byte_range) in enumerate(shards, start=1)]
        level, depth = reports, 0
        while len(level) > args.fan_in:
            depth += 1
            level = [client.submit(merge_reports, args.errscope, ["--partial", "--format", "json"],
                                   False, *level[i:i + args.fan_in], retries=args.retries,
                                   key=f"errscope-merge-{depth}-{i // args.fan_in}-{token}")
                     for i in range(0, len(level), args.fan_in)]
        final = client.submit(merge_reports, args.errscope, merge_args, True, *level,
                              key=f"errscope-merge-final-{token}")
        wait([final, *reports])

        failed = [(shard, shards[shard - 1], future)
                  for shard, future in enumerate(reports, start=1) if future.status == "error"]
        for shard, (path, byte_range), future in failed:
            place = path if byte_range is None else f"{path} bytes {byte_range[0]}-{byte_range[1]}"
            tries = "1 try" if args.retries == 0 else f"{args.retries + 1} tries"
            _fail(f"shard {shard} of {count} ({place}) failed after {tries}: {future.exception()}")
        if failed:
            return 2
        if final.status != "finished":
            return _fail(f"the merge failed: {final.exception()}")
        status, output, errors = final.result()
    sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()
    sys.stderr.buffer.write(errors)
    return status


if __name__ == "__main__":
    sys.exit(main())

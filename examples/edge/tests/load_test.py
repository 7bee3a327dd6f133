#!/usr/bin/env python3
"""The edge host under test: every route answers as it should, hostile requests fail alone, then
(with --wrk-seconds > 0) a bounded wrk load run on loopback with zero failed requests.

Prints requests/s, p50 / p99 latency and the mean per-request instantiate time.
Usage: load_test.py --edge PATH --app APP.wasm [--wrk-seconds 3] [--connections 8]
"""
import argparse
import http.client
import re
import shutil
import signal
import subprocess
import sys


class Failure(Exception):
    pass


def request(port, method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body)
        r = conn.getresponse()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()
    finally:
        conn.close()


def expect(what, cond, detail=""):
    if not cond:
        raise Failure("%s %s" % (what, detail))
    print("ok %s" % what)


def check_routes(port):
    status, _, body = request(port, "GET", "/hello")
    expect("GET /hello is 200 with the greeting", status == 200 and body == b"hello from the edge\n", repr(body))
    payload = bytes(range(256)) * 64
    status, headers, body = request(port, "POST", "/echo", payload)
    expect("POST /echo returns the body", status == 200 and body == payload, "status %d" % status)
    expect("with its method and length", headers.get("x-method") == "POST" and headers.get("x-length") == str(len(payload)))
    status, _, body = request(port, "GET", "/env?x=1")
    env = body.decode().splitlines()
    expect("GET /env shows the CGI variables", "PATH_INFO=/env" in env and "QUERY_STRING=x=1" in env and
           "REQUEST_METHOD=GET" in env, repr(env))
    status, _, _ = request(port, "GET", "/nowhere")
    expect("an unknown route is the guest's 404", status == 404)
    for path, want in (("/trap", 500), ("/loop", 503), ("/oom", 500)):
        status, _, body = request(port, "GET", path)
        expect("GET %s fails with %d" % (path, want), status == want, "got %d: %r" % (status, body))
        status, _, body = request(port, "GET", "/hello")
        expect("and the next request is served", status == 200 and body == b"hello from the edge\n")


def stats(port):
    _, _, body = request(port, "GET", "/__edge/stats")
    return dict(line.split(" ", 1) for line in body.decode().splitlines())


def seconds(text):
    m = re.match(r"([0-9.]+)(us|ms|s)", text)
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0}[m.group(2)]
    return float(m.group(1)) * scale


def load(port, secs, connections):
    wrk = shutil.which("wrk")
    if not wrk:
        raise Failure("wrk not found (.ci/install-deps installs it)")
    before = stats(port)
    run = subprocess.run([wrk, "-t%d" % min(2, connections), "-c%d" % connections, "-d%ds" % secs, "--latency", "--timeout", "5s",
                          "http://127.0.0.1:%d/hello" % port], capture_output=True, timeout=secs + 60)
    out = run.stdout.decode()
    after = stats(port)
    print(out + run.stderr.decode())  # first, so a report that does not parse below is on the log
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    # The percentiles' own lines: a Stdev column can end in "...50%" too (e.g. "87.50%"), and a
    # search that is not anchored to a line start took the next line's first word for the latency.
    p50 = seconds(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1))
    p99 = seconds(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = int(re.search(r"Non-2xx or 3xx responses: (\d+)", out).group(1)) if "Non-2xx" in out else 0
    errors = re.search(r"Socket errors: (.*)", out)
    served = int(after["requests"]) - int(before["requests"])
    failed = int(after["guest_failed"]) - int(before["guest_failed"])
    print("edge load: %d requests in %d s over %d connections: %.0f requests/s, p50 %.3f ms, p99 %.3f ms; "
          "instantiate %.1f us per request (mean over the run), run %.1f us" % (
              total, secs, connections, rps, p50 * 1e3, p99 * 1e3, float(after["instantiate_us_mean"]),
              float(after["run_us_mean"])))
    expect("no failed requests under load", non2xx == 0 and failed == 0 and errors is None,
           "non-2xx %d, guest failures %d, %s" % (non2xx, failed, errors.group(0) if errors else ""))
    expect("the host served what wrk counted", served >= total)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edge", required=True)
    ap.add_argument("--app", required=True)
    ap.add_argument("--wrk-seconds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=8)
    args = ap.parse_args()
    # Bounded whatever happens: the server stops by itself after this long.
    limit = args.wrk_seconds + 60
    server = subprocess.Popen([args.edge, "--port", "0", "--threads", str(args.connections), "--max-seconds",
                               str(limit), args.app], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        m = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not m:
            raise Failure("the server did not start: %r" % line)
        port = int(m.group(1))
        check_routes(port)
        if args.wrk_seconds > 0:
            load(port, args.wrk_seconds, args.connections)
        return 0
    except (Failure, OSError, subprocess.TimeoutExpired) as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            # Workers look at the stop flag every 200 ms: a server that has not stopped in 5 s
            # is stuck (a worker asleep in accept(), as once happened), and that fails the test.
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            print("FAIL: the server did not stop within 5 s of SIGTERM")
            return 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""`coverage serve` under load (make bench-web): the release binary on the shipped data.

1. What-if latency as a planner meets it: one client, each what-if adding one health centre beside a
   different village beyond reach (nothing cached can answer it), for Khammouane and for the nation
   alternately,
   health-centre care within 60 minutes walking (the shipped standard: over the friction raster).
   Targets of issue 19: a province within 300 ms, the nation within 1 s. Median and worst of ROUNDS.
2. wrk (Debian): p50 and p99 latency and requests a second of a query (GET /api/villages/CODE, the
   village answer the page shows on a click) and of a province what-if (POST /api/whatif) at 1, 8
   and 32 concurrent connections, DURATION seconds each.

    bench_web.py BINARY [--rounds N] [--duration S] [--json out/bench-web.json]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def start_server(binary):
    process = subprocess.Popen([binary, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    while True:
        line = process.stdout.readline()
        if not line:
            sys.exit("bench_web: the server stopped before listening")
        found = re.search(r"at (http://\S+/)", line)
        if found:
            return process, found.group(1)


def request(url, body=None):
    data = None if body is None else json.dumps(body).encode()
    call = urllib.request.Request(url, data=data, method="POST" if data else "GET", headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(call, timeout=600) as response:
        payload = response.read()
        if response.status != 200:
            sys.exit(f"bench_web: {url} → {response.status}")
    return time.perf_counter() - started, json.loads(payload)


def what_if(area, village, index):
    return {
        "area": area, "care": "health_centre", "threshold": "60min",
        "changes": [{"action": "add", "id": f"BENCH-{index}", "tier": "health_centre", "lon": village["lon"] + 0.003, "lat": village["lat"] + 0.003}],
    }


def what_if_latency(base, rounds):
    """Province and nation alternately, round by round, so that both meet the same machine."""
    areas = ("LA12", "national")
    villages = {}
    for area in areas:
        _, coverage = request(f"{base}api/coverage?area={area}&care=health_centre&threshold=60min")  # the base, as the page asks first
        villages[area] = sorted(coverage["uncovered_villages"], key=lambda village: -village["population"])[:rounds]
    times = {area: [] for area in areas}
    for index in range(rounds):
        for area in areas:
            seconds, _ = request(f"{base}api/whatif", what_if(area, villages[area][index], index))
            times[area].append(seconds)
    return [{"area": area, "rounds": rounds, "median_ms": round(statistics.median(times[area]) * 1000, 1),
             "worst_ms": round(max(times[area]) * 1000, 1)} for area in areas]


def wrk(url, connections, duration, script=None):
    command = ["wrk", "--latency", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s", "--timeout", "60s"]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout

    def milliseconds(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)

    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"connections": connections, "p50_ms": milliseconds(percentiles["50"]), "p99_ms": milliseconds(percentiles["99"]),
            "requests_per_s": rate, "non_2xx": int(errors.group(1)) if errors else 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--json", default="out/bench-web.json")
    arguments = parser.parse_args()
    server, base = start_server(os.path.abspath(arguments.binary))
    results = {"machine_cores": os.cpu_count()}
    try:
        results["what_if"] = what_if_latency(base, arguments.rounds)
        for entry in results["what_if"]:
            print(f"what-if {entry['area']}: median {entry['median_ms']} ms, worst {entry['worst_ms']} ms over {entry['rounds']} what-ifs")
        request(f"{base}api/villages/1205031")  # the village assignment, made on first use
        body = json.dumps(what_if("LA12", {"lon": 105.0, "lat": 17.6}, 0))
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\nwrk.headers["Content-Type"] = "application/json"\n')
        results["wrk"] = []
        for name, url, lua in [("query", f"{base}api/villages/1205031", None), ("what-if", f"{base}api/whatif", script.name)]:
            for connections in (1, 8, 32):
                entry = {"request": name, **wrk(url, connections, arguments.duration, lua)}
                results["wrk"].append(entry)
                print(f"wrk {name:8} {connections:2} connections: p50 {entry['p50_ms']} ms, p99 {entry['p99_ms']} ms, "
                      f"{entry['requests_per_s']} requests/s, non-2xx {entry['non_2xx']}")
        os.unlink(script.name)
    finally:
        server.terminate()
        server.wait()
    os.makedirs(os.path.dirname(arguments.json) or ".", exist_ok=True)
    with open(arguments.json, "w") as file:
        json.dump(results, file, indent=2)
    print(f"bench_web: {arguments.json}")


if __name__ == "__main__":
    main()

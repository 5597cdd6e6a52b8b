#!/usr/bin/env python3
"""The web page of `coverage serve`, checked in a real browser (Debian's headless chromium, driven by
Selenium through chromium-driver) and over plain HTTP, against the CLI's answers to the same questions.

    check_web.py BINARY ARTEFACTS_FOLDER

Starts `BINARY serve --port 0` on the shipped data, then:
  1. HTTP: the page, Leaflet and the OpenAPI document are served; a body over the limit is 413, a
     method the API does not take 405, a path outside the page's files 404 — never a 5xx.
  2. Picks Khammouane, health-centre care and 60 minutes on the page and checks its district table,
     cell by cell, against `coverage gaps --region LA12 --tier health_centre --max-minutes 60`.
  3. Clicks a village beyond reach on the map and checks the answer shown against
     `coverage query village CODE`, and the referral chain's three levels.
  4. Adds a health centre by clicking the map, saves the scenario the page offers (a real download),
     runs it and the base case with `coverage run`, compares them with `coverage compare`, and checks
     the page's change per district and for the province against the comparison.
Screenshots of each step go to ARTEFACTS_FOLDER (look at them). Exits 1 on the first failed check.
"""

import csv
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

AREA, CARE, MINUTES = "LA12", "health_centre", 60


def fail(message):
    print(f"check_web: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def start_server(binary):
    """`coverage serve --port 0`, and the URL it prints once listening."""
    process = subprocess.Popen([binary, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            fail(f"the server stopped before listening: {process.stderr.read()}")
        found = re.search(r"at (http://\S+/)", line)
        if found:
            return process, found.group(1)
    fail("the server did not start within 120 s")


def http(url, method="GET", body=None, header="Content-Type"):
    """Status, the value of `header` and the body of a request."""
    request = urllib.request.Request(url, data=body, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers.get(header, ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get(header, ""), error.read()


def check_http(base):
    status, kind, page = http(base)
    check(status == 200 and kind.startswith("text/html") and b"/leaflet/leaflet.js" in page, f"GET / → {status} {kind}")
    status, kind, script = http(base + "leaflet/leaflet.js")
    check(status == 200 and b"Leaflet" in script[:2000], f"GET /leaflet/leaflet.js → {status} (is libjs-leaflet installed?)")
    status, _, document = http(base + "openapi.json")
    spec = json.loads(document)
    check(status == 200 and spec["openapi"].startswith("3.") and "/api/whatif" in spec["paths"], "GET /openapi.json")
    status, _, _ = http(base + "api/whatif", "POST", b"{" + b" " * (300 * 1024) + b"}")
    check(status == 413, f"a 300 KiB body → {status}, expected 413")
    status, allow, _ = http(base + "api/meta", "PUT", b"{}", header="Allow")
    check(status == 405 and allow == "GET", f"PUT /api/meta → {status}, Allow {allow!r}; expected 405, GET")
    status, allow, _ = http(base + "api/whatif", "GET", header="Allow")
    check(status == 405 and allow == "POST", f"GET /api/whatif → {status}, Allow {allow!r}; expected 405, POST")
    status, _, body = http(base + "api/meta", "HEAD")
    check(status == 200 and body == b"", f"HEAD /api/meta → {status}")
    for path in ["../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "leaflet/../../../etc/passwd", "Package.swift"]:
        status, _, body = http(base + path)
        check(status == 404 and b"root:" not in body, f"GET /{path} → {status}, expected 404")
    print("check_web: HTTP: page, Leaflet and /openapi.json served; 413, 405 and 404 where due")


def cli(binary, *arguments):
    result = subprocess.run([binary, *arguments], capture_output=True, text=True)
    check(result.returncode == 0, f"coverage {' '.join(arguments)} failed: {result.stderr}")
    return result.stdout


def number(text):
    """A number as the page writes it: `1,234`, `38.1 %`, `—` (none)."""
    cleaned = text.replace(",", "").replace("%", "").replace("−", "-").strip()
    return None if cleaned in ("", "—") else float(cleaned)


def browser(downloads):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1600,1000"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


def wait_status(driver, prefix, timeout=120):
    """Waits until the status line starts with `prefix` (the page's answer has arrived), or fails on an error."""

    def arrived(_):
        status = driver.find_element(By.ID, "status")
        if "error" in (status.get_attribute("class") or ""):
            fail(f"the page reports an error: {status.text}")
        return status.text.startswith(prefix)

    WebDriverWait(driver, timeout, poll_frequency=0.1).until(arrived)
    return driver.find_element(By.ID, "status").text


def check_table(driver, binary, work):
    """The page's district table for Khammouane against `coverage gaps`."""
    Select(driver.find_element(By.ID, "care")).select_by_value(CARE)
    driver.find_element(By.ID, "threshold-value").clear()
    driver.find_element(By.ID, "threshold-value").send_keys(str(MINUTES))
    Select(driver.find_element(By.ID, "threshold-unit")).select_by_value("min")
    driver.execute_script("document.getElementById('status').textContent = ''")
    Select(driver.find_element(By.ID, "area")).select_by_value(AREA)
    WebDriverWait(driver, 120, poll_frequency=0.1).until(
        lambda _: driver.execute_script("const c = window.healthCoverage.coverage; return c && c.question.area") == AREA)
    wait_status(driver, "Coverage in")
    cli(binary, "gaps", "--region", AREA, "--tier", CARE, "--max-minutes", str(MINUTES), "--out", str(work / "gaps"))
    with open(work / "gaps" / "gaps.csv", newline="", encoding="utf-8-sig") as file:
        rows = [row for row in csv.DictReader(file) if row["threshold"] == f"{MINUTES}min"]
    expected = {row["zone_pcode"]: row for row in rows if row["zone_level"] == "district"}
    shown = driver.find_elements(By.CSS_SELECTOR, "#zones tbody tr")
    check(len(shown) == len(expected), f"the table shows {len(shown)} districts, coverage gaps {len(expected)}")
    columns = ["population_total", "population_uncovered", "population_pct_covered", "under5_uncovered", "births_live_uncovered",
               "women_15_49_uncovered", "villages_uncovered"]
    for row in shown:
        pcode = row.get_attribute("data-pcode")
        cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        reference = expected[pcode]
        check(cells[0] == reference["zone_name"], f"{pcode}: name {cells[0]!r} vs {reference['zone_name']!r}")
        for column, cell in zip(columns, cells[1:]):
            value, want = number(cell), float(reference[column]) if reference[column] else None
            if column.endswith("pct_covered"):
                check(want is not None and abs(value - want) <= 0.05, f"{pcode} {column}: page {cell}, CLI {want}")
            else:
                check(value == want, f"{pcode} {column}: page {cell}, CLI {reference[column]}")
    summary = driver.find_element(By.ID, "summary").text
    region = next(row for row in rows if row["zone_level"] == "region")
    check(f"{int(region['population_uncovered']):,} of {int(region['population_total']):,} people" in summary, f"summary: {summary}")
    check(f"{int(region['under5_uncovered']):,} children under five" in summary, f"summary: {summary}")
    print(f"check_web: the table of {len(shown)} districts of {AREA} equals coverage gaps, cell by cell; so does the summary")


def check_village(driver, binary):
    """Click a village beyond reach; the page's answer is `coverage query village`'s."""
    markers = driver.find_elements(By.CSS_SELECTOR, "path.village")
    check(markers, "no village beyond reach is drawn")
    code = re.search(r"village-(\S+)", markers[len(markers) // 2].get_attribute("class")).group(1)
    village = driver.execute_script(
        "return window.healthCoverage.coverage.uncovered_villages.find(v => v.village_code === arguments[0])", code)
    # Centre the map on it, close in, so that the click lands on its dot and on nothing else.
    driver.execute_script("window.healthCoverage.map.setView([arguments[0], arguments[1]], 14, {animate: false})", village["lat"], village["lon"])
    time.sleep(0.5)
    marker = driver.find_element(By.CSS_SELECTOR, f"path.village-{code}")
    ActionChains(driver).move_to_element(marker).click().perform()
    wait_status(driver, f"Village {code}")
    shown = driver.find_element(By.CSS_SELECTOR, "#details-body pre.village-answer").text
    printed = cli(binary, "query", "village", code)
    check(shown.strip() == printed.strip(), f"village {code}: the page shows\n{shown}\n--- coverage query village prints\n{printed}")
    hops = driver.find_elements(By.CSS_SELECTOR, "#details-body .referral-chain li")
    check([hop.text.split(":")[0] for hop in hops] == ["health centre", "district hospital", "provincial hospital"],
          f"referral chain: {[hop.text for hop in hops]}")
    print(f"check_web: clicking village {code} shows what coverage query village prints, and its referral chain")


def check_what_if(driver, binary, work, downloads, artefacts):
    """Add a health centre by clicking the map; the change is what `coverage run` + `compare` report."""
    # Beside the most populous village beyond reach: a new health centre there must change something.
    village = driver.execute_script(
        "return [...window.healthCoverage.coverage.uncovered_villages].sort((a, b) => b.population - a.population)[0]")
    driver.execute_script("window.healthCoverage.map.setView([arguments[0], arguments[1]], 12, {animate: false})", village["lat"], village["lon"])
    time.sleep(0.5)
    driver.find_element(By.ID, "add-mode").click()
    map_element = driver.find_element(By.ID, "map")
    # A few pixels (about 300 m) beside the village's dot, so that the click falls on the map, not on the dot.
    ActionChains(driver).move_to_element_with_offset(map_element, 8, 8).click().perform()
    status = wait_status(driver, "What-if in")
    driver.find_element(By.ID, "add-mode").click()
    changes = driver.execute_script("return window.healthCoverage.changes")
    check(len(changes) == 1 and changes[0]["action"] == "add", f"changes: {changes}")
    summary = driver.find_element(By.CSS_SELECTOR, "#whatif-result .whatif-summary").text
    rows = {row.get_attribute("data-pcode"): [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in driver.find_elements(By.CSS_SELECTOR, "#whatif-table tbody tr")}
    driver.save_screenshot(str(artefacts / "screens" / "3-what-if.png"))

    # The scenario the page saves, downloaded for real, and the same question without changes.
    driver.find_element(By.ID, "export-scenario").click()
    saved = downloads / "what-if.yaml"
    deadline = time.time() + 30
    while not saved.exists() and time.time() < deadline:
        time.sleep(0.1)
    check(saved.exists(), "the scenario was not downloaded")
    text = saved.read_text(encoding="utf-8")
    check("add_facility" in text and f'region: "{AREA}"' in text, f"the scenario: {text}")
    base = work / "base.yaml"
    base.write_text(re.sub(r"modifications:\n(  - .*\n)+", "", text).replace('name: "what-if"', 'name: "base"'), encoding="utf-8")
    cli(binary, "run", str(base), "--out", str(work / "run-base"))
    cli(binary, "run", str(saved), "--out", str(work / "run-what-if"))
    cli(binary, "compare", str(work / "run-base"), str(work / "run-what-if"), "--out", str(work / "compare"))
    with open(work / "compare" / "comparison.csv", newline="", encoding="utf-8-sig") as file:
        compared = [row for row in csv.DictReader(file) if row["threshold"] == f"{MINUTES}min" and row["target"] == CARE]
    changed = {row["zone_pcode"]: row for row in compared if row["zone_level"] == "district"
               and (int(row["population_newly_covered"]) or int(row["population_lost"]))}
    check(set(rows) == set(changed), f"districts that change: page {sorted(rows)}, compare {sorted(changed)}")
    check(changed, "the new health centre changes nothing: pick a place with villages beyond reach")
    for pcode, cells in rows.items():
        row = changed[pcode]
        check(number(cells[1]) == int(row["population_newly_covered"]) and number(cells[2]) == int(row["population_lost"])
              and number(cells[3]) == int(row["population_net_change"]) and number(cells[4]) == int(row["population_covered_b"]),
              f"{pcode}: page {cells}, compare {row}")
    province = next(row for row in compared if row["zone_level"] == "region")
    check(f"+{int(province['population_newly_covered']):,} newly covered" in summary, f"what-if summary: {summary}")
    print(f"check_web: a health centre added on the map changes {len(rows)} district(s) as coverage run + compare report "
          f"({summary}); {status}")


def main():
    if len(sys.argv) != 3:
        fail("usage: check_web.py BINARY ARTEFACTS_FOLDER")
    binary, artefacts = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2])
    (artefacts / "screens").mkdir(parents=True, exist_ok=True)
    server, base = start_server(binary)
    try:
        check_http(base)
        with tempfile.TemporaryDirectory() as folder:
            work, downloads = pathlib.Path(folder), pathlib.Path(folder) / "downloads"
            downloads.mkdir()
            driver = browser(downloads)
            try:
                driver.get(base)
                wait_status(driver, "Coverage in")
                driver.save_screenshot(str(artefacts / "screens" / "1-national.png"))
                check_table(driver, binary, work)
                driver.save_screenshot(str(artefacts / "screens" / "2-khammouane.png"))
                check_village(driver, binary)
                driver.save_screenshot(str(artefacts / "screens" / "2b-village.png"))
                check_what_if(driver, binary, work, downloads, artefacts)
                errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
                check(not errors, f"the browser console has errors: {errors}")
            finally:
                driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"check_web: screenshots in {artefacts / 'screens'}")


if __name__ == "__main__":
    main()

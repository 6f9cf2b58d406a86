"""The notebooks' one way to the data: the stream server's /history (docs/server.md), as pandas frames.

Only the standard library and pandas: pyarrow and DuckDB are not Debian packages, so pandas cannot
read the Parquet here, and the server reads it for us (as CSV, the cheapest to parse).

Settings come from the environment, so `jupyter nbconvert --execute` runs a notebook unattended:

    ORDERFLOW_URL  the server (default http://127.0.0.1:8000)
    SYMBOL         the symbol (default BTCUSDT)
    FROM, TO       the time range, epoch ms or ISO-8601 (UTC when no zone); default: everything the
                   server has, from the epoch to the newest row /streams names (or now)
    DQ_REPORT      a data-quality report (jobs/dq.sh); default: the newest artifacts/dq_reports/dq_*.json
    DATA_LABEL     what the data are, in words (e.g. the recording replayed), printed with the settings
"""

import glob
import io
import json
import math
import os
import time
import urllib.error
import urllib.parse
import urllib.request

import pandas as pd

DEFAULT_URL = "http://127.0.0.1:8000"
PAGE_LIMIT = 100_000  # the most /history gives in one answer
TIME_COLUMNS = ("ts_ms", "event_ts_ms", "ofi_ts_ms", "cvd_ts_ms")


class Settings:
    """What a notebook reads: the server, the symbol and the time range [from_ms, to_ms)."""

    def __init__(self, url, symbol, from_ms, to_ms, whole=False):
        self.url = url.rstrip("/")
        self.symbol = symbol
        self.from_ms = from_ms
        self.to_ms = to_ms
        self.whole = whole  # no FROM or TO given: all the server has

    def stream(self, kind):
        """The stream name of a kind for this symbol: `btcusdt@ofi`, `btcusdt@trade` for prices."""
        suffix = {"prices": "trade", "klines": "kline_1m"}.get(kind, kind)
        return f"{self.symbol.lower()}@{suffix}"

    def describe(self):
        span = ("all rows the server has" if self.whole
                else f"[{_iso(self.from_ms)}, {_iso(self.to_ms)}) UTC")
        return f"server {self.url}, symbol {self.symbol}, range {span}" + label()


def settings_from_env():
    """The Settings the environment names; the default range is all the server has."""
    url = os.environ.get("ORDERFLOW_URL", DEFAULT_URL)
    symbol = os.environ.get("SYMBOL", "BTCUSDT").upper()
    from_ms = _parse_time(os.environ.get("FROM", ""))
    to_ms = _parse_time(os.environ.get("TO", ""))
    whole = from_ms is None and to_ms is None
    from_ms = from_ms or 0
    if to_ms is None:
        # /streams knows only the streams that received live rows; a server over a finished harvest
        # knows none, and then "now" bounds everything committed.
        latest = [s["latest_ts_ms"] for s in streams(url) if s["stream"].startswith(symbol.lower() + "@")]
        to_ms = max(latest + [int(time.time() * 1000)]) + 1
    return Settings(url, symbol, from_ms, to_ms, whole)


def streams(url=DEFAULT_URL):
    """`/streams`: the streams with live rows on the server."""
    return json.loads(_get(url, "/streams", {}))["streams"]


def history(settings, kind, from_ms=None, to_ms=None):
    """Every row of a kind in the range, oldest first, as a DataFrame (times as UTC timestamps).

    Pages of PAGE_LIMIT rows: each full page is asked again from its last ts_ms, whose rows come
    again, so they are kept from the next page only.
    """
    start = settings.from_ms if from_ms is None else from_ms
    end = settings.to_ms if to_ms is None else to_ms
    pages = []
    while True:
        text = _get(settings.url, "/history", {"stream": settings.stream(kind), "from_ms": start,
                                               "to_ms": end, "limit": PAGE_LIMIT, "format": "csv"})
        page = pd.read_csv(io.StringIO(text)) if text.strip() else pd.DataFrame()
        if len(page) < PAGE_LIMIT:
            pages.append(page)
            break
        last = int(page["ts_ms"].iloc[-1])
        if last == int(page["ts_ms"].iloc[0]):
            raise RuntimeError(f"more than {PAGE_LIMIT} rows of {settings.stream(kind)} at ts_ms {last}")
        pages.append(page[page["ts_ms"] < last])
        start = last
    frame = pd.concat(pages, ignore_index=True) if pages else pd.DataFrame()
    for column in TIME_COLUMNS:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], unit="ms", utc=True)
    return frame


def fingerprints(settings, kind):
    """The configuration fingerprints of the files a kind's history is read from (all its files)."""
    answer = json.loads(_get(settings.url, "/history", {"stream": settings.stream(kind), "from_ms": settings.from_ms,
                                                        "to_ms": settings.to_ms, "limit": 1}))
    return answer["fingerprints"]


def dq_report_path():
    """DQ_REPORT, or the newest report under artifacts/dq_reports (beside the notebooks' repository)."""
    given = os.environ.get("DQ_REPORT")
    if given:
        return given
    here = os.path.dirname(os.path.abspath(globals().get("__file__", "orderflow_data.py")))
    reports = glob.glob(os.path.join(here, "..", "artifacts", "dq_reports", "dq_*.json"))
    if not reports:
        raise FileNotFoundError("no DQ_REPORT given and no artifacts/dq_reports/dq_*.json: run ./jobs/dq.sh")
    return os.path.normpath(max(reports, key=os.path.getmtime))


def fmt(value, digits=2):
    """A number for the conclusions' text; "n/a" for a missing or infinite one."""
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.{digits}f}"


def label():
    """DATA_LABEL as a suffix of a description, or nothing."""
    text = os.environ.get("DATA_LABEL", "").strip()
    return f"; data: {text}" if text else ""


def _get(url, path, params):
    """GET, asked again after the Retry-After of a 429 (the server limits requests per second per IP)."""
    address = url.rstrip("/") + path + ("?" + urllib.parse.urlencode(params) if params else "")
    for _ in range(10):
        try:
            with urllib.request.urlopen(address, timeout=300) as answer:
                return answer.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            if e.code != 429:
                raise RuntimeError(f"{address}: {e.code} {e.read().decode('utf-8', 'replace')}") from None
            time.sleep(float(e.headers.get("Retry-After", "1")))
    raise RuntimeError(f"{address}: still rate-limited after 10 tries")


def _parse_time(text):
    text = text.strip()
    if not text:
        return None
    if text.lstrip("-").isdigit():
        return int(text)
    stamp = pd.Timestamp(text)
    return int((stamp if stamp.tzinfo else stamp.tz_localize("UTC")).timestamp() * 1000)


def _iso(ms):
    return pd.Timestamp(ms, unit="ms", tz="UTC").strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]

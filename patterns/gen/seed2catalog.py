#!/usr/bin/env python3
"""Generate the code tables of the built-in vendor pattern files from the seeds.

Parses the four seed documents in testdata/fixtures/seeds/ (copies of shared/seeds/)
and (re)writes the "codes" array of patterns/backmsg.json, yunke.json,
ucpaas.json and dingtalk.json.  Every other top-level key of an existing
pattern file (regexes, samples, ...) is kept as it is; "codes" is written last.

Rule: every code of every seed is in the catalog with its full text and hint,
nothing dropped, nothing invented, texts exactly as the seed writes them (only
leading/trailing whitespace trimmed; a text spanning several lines is the
trimmed non-empty lines joined with one space).  The seeds' machine-translated
English is not corrected.

The output is reviewed by hand and committed; this script is not run by the
build.  It is deterministic and idempotent, and fails loudly (AssertionError)
when a seed does not parse into the expected number of codes.

Usage, from the project root:  python3 patterns/gen/seed2catalog.py
"""

import glob
import json
import os
import re
import sys
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "testdata", "fixtures", "seeds")
PATTERNS = os.path.join(ROOT, "patterns")

# Key order of one entry of "codes"; reason/alt_messages/param/note only when present.
ENTRY_KEYS = ("code", "message", "reason", "alt_messages", "param", "hint", "outcome", "note")
OPTIONAL_KEYS = ("reason", "alt_messages", "param", "note")

VENDORS = {
    "backmsg": {
        "seed": "000_*.txt",
        "count": 127,
        "name": "AsterCC call-centre feedback codes (BackMsg)",
        "source": "'接口反馈 BackMsg 码对照表', AsterCC's table of the "
                  "interface feedback (BackMsg) codes and their descriptions",
    },
    "yunke": {
        "seed": "001_*.txt",
        "count": 34,
        "name": "云客 voice-AI API",
        "source": "'云客智能语音客服接口文档', section 三、错误码定义 "
                  "(the API's error-code table, code and msg)",
    },
    "ucpaas": {
        "seed": "002_*.txt",
        "count": 165,
        "name": "UCPaaS 云之讯 cloud communication",
        "source": "UCPaaS 云之讯's table of platform return codes (返回码, 说明)",
    },
    "dingtalk": {
        "seed": "003_*.txt",
        "count": 374,
        "name": "DingTalk open platform",
        "source": "'Nail error code Encyclopedia' (2022-07-05), a "
                  "machine-translated copy of DingTalk's server error-code page",
    },
}


def seed_path(pattern):
    found = sorted(glob.glob(os.path.join(SEEDS, pattern)))
    assert len(found) == 1, "expected exactly one seed %s in %s, found %r" % (pattern, SEEDS, found)
    return found[0]


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def join_text(lines):
    """Trim each line, drop empty ones, join with one space."""
    return " ".join(s for s in (l.strip() for l in lines) if s)


def norm(s):
    """Whitespace-normalised form, for comparisons only."""
    return " ".join(s.split())


def entry(code, message, hint="", outcome="error", **optional):
    e = {"code": code, "message": message, "hint": hint, "outcome": outcome}
    for k, v in optional.items():
        assert k in OPTIONAL_KEYS, k
        if v:
            e[k] = v
    return {k: e[k] for k in ENTRY_KEYS if k in e}


# --------------------------------------------------------------------------
# 000: backmsg — "* BackMsg_16 呼叫失败,坐席未签入"; "* BackMsg_120[ip] ..." names a parameter.

# Completion messages that report success without the word 成功.
BACKMSG_SUCCESS_EXTRA = {"BackMsg_69", "BackMsg_112", "BackMsg_120"}


def backmsg_outcome(code, message):
    if code in BACKMSG_SUCCESS_EXTRA:
        return "success"
    return "success" if "成功" in message and "失败" not in message else "error"


def parse_backmsg(path):
    codes = []
    for n, line in enumerate(read_lines(path), 1):
        s = line.strip()
        if not s or s.startswith("#") or s.startswith("**"):
            continue  # title and column header
        m = re.fullmatch(r"\*\s+(BackMsg_\d+)(?:\[([^\]\s]+)\])?\s+(.+)", s)
        assert m, "%s:%d: unparsed line %r" % (path, n, line)
        code, param, message = m.group(1), m.group(2), m.group(3).strip()
        codes.append(entry(code, message, outcome=backmsg_outcome(code, message), param=param))
    return codes


# --------------------------------------------------------------------------
# 001: yunke — an HTML table of (code, msg).

class _TableCells(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self._row, self._cell, self._in_body = [], None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "td" and self._cell is not None:
            self._row.append(join_text("".join(self._cell).splitlines()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse_yunke(path):
    p = _TableCells()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    codes = []
    for row in p.rows:
        assert len(row) == 2 and re.fullmatch(r"\d+", row[0]), "%s: bad table row %r" % (path, row)
        code, msg = row
        codes.append(entry(code, msg, outcome="success" if code == "0" else "error"))
    return codes


# --------------------------------------------------------------------------
# 002: ucpaas — markdown table "| 返回码 | 说明 |"; some rows repeated.

def parse_ucpaas(path):
    by_code, order = {}, []
    for n, line in enumerate(read_lines(path), 1):
        s = line.strip()
        if not s.startswith("|"):
            continue  # the introduction paragraph
        cells = [c.strip() for c in s.strip("|").split("|")]
        if cells == ["返回码", "说明"] or all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue  # header and separator rows
        assert len(cells) == 2 and re.fullmatch(r"\d{6}", cells[0]), "%s:%d: bad row %r" % (path, n, line)
        code, text = cells
        if code not in by_code:
            by_code[code] = entry(code, text, outcome="success" if code == "000000" else "error")
            order.append(code)
            continue
        e = by_code[code]
        if text == e["message"] or text in e.get("alt_messages", []):
            continue  # an identical row listed again
        # A second, different text for the same code: keep it too.
        e["alt_messages"] = e.get("alt_messages", []) + [text]
        by_code[code] = {k: e[k] for k in ENTRY_KEYS if k in e}
    return [by_code[c] for c in order]


# --------------------------------------------------------------------------
# 003: dingtalk — records "CODE{" / pseudo-JSON body / "}" / reason+hint line(s).

# Records whose reason line does not start with the errmsg text: the split
# of the text after "}" into the "reason" column and the "investigation
# method" (hint) column, decided by reading the seed.  Invariant (asserted):
# reason + " " + hint == the record's text after "}" (trimmed lines joined).
DINGTALK_OVERRIDES = {
    # errmsg "illegal corpId or corpSecret"; reason column in lower case.
    "40089": ("illegal corpid or corpsecret",
              "If you're using corpsecret, Please try again later , Make sure corpid and "
              "corpsecret The fields are transferred to the right and correspond one by one ."),
    # errmsg "This user needs their consent to add , An invitation has been sent to the other party".
    "40103": ("The user turned on account protection , Cannot be added to your team",
              "Due to the protection mechanism of adding new users to the address book . For example, "
              "an employee already exists in a A Enterprises , And A For certified enterprises ,B When "
              "the enterprise adds this employee again, it will prompt . The employee can search in the "
              "nailing client “ Members invite ” View invitation information , And click Add ."),
    # errmsg "The phone number is invalid".
    "40104": ("Invalid phone number",
              "Check whether the format of mobile phone number is correct ."),
    # errmsg "The lack of secret Parameters"; the seed repeats the check as reason and hint.
    "41004": ("Check secret Whether the parameter is empty",
              "Check secret Whether the parameter is empty ."),
    # errmsg "black oauth".
    "41008": ("The lack of oauth", "nothing ."),
    # errmsg "Exceed the maximum number of message recipients , Enterprise access is 5000,ISV
    # Access as 1000"; the reason column is the errmsg's first clause, the hint continues
    # on the two bullet lines.
    "41029": ("Exceed the maximum number of message recipients",
              "send out OA The number of messages exceeds the upper limit . "
              "• The maximum number of enterprise messages :5000 "
              "• ISV The maximum number of messages :1000"),
    # errmsg "The time span is too big".
    "41041": ("The query interval is too long",
              "The query interval of attendance clock data exceeds 7 God ."),
    # errmsg "Single application full message / The daily total exceeds the limit".
    "41045": ("Exceed the maximum number of times to send all staff messages",
              "Number of times to send all staff messages , At most every day 3 Time ."),
    # errmsg "access_tokeng" (key written "errms").
    "42001": ("access_token Overtime", "Please check the network status ."),
    # errmsg "oauth_ Code".
    "42003": ("oauth_code Overtime", "Please check the network status ."),
    # errmsg "Illegal group type , You can only import 0 or 2 limit"; reason lacks "limit".
    "49008": ("Illegal group type , You can only import 0 or 2", "nothing ."),
    # errmsg is a garbled value holding a second "errmsg" key (kept verbatim as message).
    "52016": ("Invalid signature parameter",
              "Please check url、nonceStr、timestamp、ticket Whether the parameters are correct ."),
    # errmsg "Customer description form query failed".
    "4200012": ("User description form query failed", "nothing ."),
}

# Notes for records whose body disagrees with their table key.
DINGTALK_NOTES = {
    "41102": "seed body says errcode 41101; the table key 41102 is used",
}

_ERRCODE_RE = re.compile(r'(?:"errcode"|“\s*Error code\s*”)\s*:\s*(-?\d+)')
_ERRMSG_KEY_RE = re.compile(r'["“]errms\w*["”]\s*:\s*')


def _errmsg_value(body, where):
    m = _ERRMSG_KEY_RE.search(body)
    assert m, "%s: no errmsg in %r" % (where, body)
    v = body[m.end():].strip()
    # One opening and one closing quote, straight or curly, each possibly missing.
    if v[:1] in ('"', "“"):
        v = v[1:]
    if v[-1:] in ('"', "”"):
        v = v[:-1]
    v = v.strip()
    assert v, "%s: empty errmsg" % where
    return v


def _prefix_split(first_line, errmsg):
    """If first_line starts with errmsg (whitespace-insensitive), return the rest."""
    pat = r"\s*" + r"\s+".join(re.escape(t) for t in errmsg.split())
    m = re.match(pat, first_line)
    return first_line[m.end():] if m else None


def parse_dingtalk(path):
    lines = read_lines(path)
    starts = [i for i, l in enumerate(lines) if re.fullmatch(r"-?\d+\{", l.strip())]
    footer = [i for i, l in enumerate(lines) if l.strip() == "原网站"]
    assert len(footer) == 1 and footer[0] > starts[-1], "%s: footer 原网站 not found after the last record" % path
    assert not [l for l in lines if "{" in l and l.strip() and not re.fullmatch(r"-?\d+\{", l.strip())], \
        "%s: a '{' line that is not a record start" % path
    codes, seen, mismatched, prefix_ok = [], set(), set(), set()
    for a, b in zip(starts, starts[1:] + footer):
        rec = lines[a:b]
        key = rec[0].strip()[:-1]
        where = "%s:%d (%s)" % (path, a + 1, key)
        assert key not in seen, "%s: code listed twice" % where
        seen.add(key)
        close = [i for i, l in enumerate(rec) if l.strip() == "}"]
        assert len(close) == 1, "%s: expected one closing '}'" % where
        body = " ".join(l.strip() for l in rec[1:close[0]])
        tail = [l.strip() for l in rec[close[0] + 1:] if l.strip()]
        assert tail, "%s: no reason/hint text" % where

        m = _ERRCODE_RE.search(body)
        assert m, "%s: no errcode in body %r" % (where, body)
        if m.group(1) != key:
            mismatched.add(key)
        message = _errmsg_value(body, where)
        note = DINGTALK_NOTES.get(key)
        if len(_ERRMSG_KEY_RE.findall(body)) > 1:
            note = 'seed errmsg value contains a second "errmsg" key; the value is kept verbatim'

        whole = " ".join(tail)
        rest = _prefix_split(tail[0], message)
        if rest is not None:
            prefix_ok.add(key)
            assert key not in DINGTALK_OVERRIDES, "%s: override not needed, reason line starts with errmsg" % where
            reason = None  # the reason column repeats the errmsg
            hint = join_text([rest] + tail[1:])
        else:
            assert key in DINGTALK_OVERRIDES, \
                "%s: reason line does not start with errmsg %r; add an override: %r" % (where, message, whole)
            reason, hint = DINGTALK_OVERRIDES[key]
            assert reason + " " + hint == whole, "%s: override does not cover the text %r" % (where, whole)
            if norm(reason) == norm(message):
                reason = None
        # Nothing lost: reason (or errmsg) plus hint is the whole text after "}".
        assert norm((reason or message) + hint).replace(" ", "") == norm(whole).replace(" ", ""), where
        codes.append(entry(key, message, hint=hint, outcome="success" if key == "0" else "error",
                           reason=reason, note=note))
    assert mismatched == set(DINGTALK_NOTES), "errcode/key mismatches %r, notes for %r" % (
        sorted(mismatched), sorted(DINGTALK_NOTES))
    assert not set(DINGTALK_OVERRIDES) - seen, "overrides for unknown codes %r" % sorted(set(DINGTALK_OVERRIDES) - seen)
    return codes


PARSERS = {"backmsg": parse_backmsg, "yunke": parse_yunke, "ucpaas": parse_ucpaas, "dingtalk": parse_dingtalk}


# --------------------------------------------------------------------------
# Output: 2-space indentation at the top level, one compact JSON value per
# array element and line, non-ASCII written as is.

def _compact(v):
    return json.dumps(v, ensure_ascii=False)


def render(doc):
    out = ["{"]
    items = list(doc.items())
    for i, (k, v) in enumerate(items):
        sep = "," if i < len(items) - 1 else ""
        if isinstance(v, list) and v:
            out.append("  %s: [" % _compact(k))
            out.extend("    %s%s" % (_compact(e), "," if j < len(v) - 1 else "") for j, e in enumerate(v))
            out.append("  ]" + sep)
        elif isinstance(v, dict) and v:
            body = json.dumps(v, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.append("  %s: %s%s" % (_compact(k), body, sep))
        else:
            out.append("  %s: %s%s" % (_compact(k), _compact(v), sep))
    out.append("}")
    return "\n".join(out) + "\n"


def build(vendor, codes):
    meta = VENDORS[vendor]
    path = os.path.join(PATTERNS, vendor + ".json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            old = json.load(f)
        assert isinstance(old, dict), "%s: top level is not an object" % path
        doc = {k: v for k, v in old.items() if k != "codes"}
    else:
        seed = os.path.basename(seed_path(meta["seed"]))
        doc = {
            "schema": "errscope.patterns/1",
            "vendor": vendor,
            "name": meta["name"],
            "source": "testdata/fixtures/seeds/%s in errscope's repository (a copy of the seed "
                      "document of its specification): %s" % (seed, meta["source"]),
        }
    doc["codes"] = codes
    return path, render(doc)


def main():
    results = []
    for vendor, meta in VENDORS.items():
        codes = PARSERS[vendor](seed_path(meta["seed"]))
        assert len(codes) == meta["count"], "%s: parsed %d codes, expected %d" % (vendor, len(codes), meta["count"])
        assert len({c["code"] for c in codes}) == len(codes), "%s: duplicate codes" % vendor
        results.append((vendor, codes) + build(vendor, codes))
    # Write only once every vendor has parsed, and only what changed.
    for vendor, codes, path, text in results:
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        state = "unchanged"
        if old != text:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            state = "written"
        ok = sum(c["outcome"] == "success" for c in codes)
        print("%-9s %3d codes (%d success)  %s  %s" % (vendor, len(codes), ok, os.path.relpath(path, ROOT), state))
    return 0


if __name__ == "__main__":
    sys.exit(main())

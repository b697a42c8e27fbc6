# xlsxcheck.py - reads a workbook back with openpyxl for 0304-xlsx.t; as a
# module, its functions serve the test's own probes.
#
#   check BOOK NAMES [SHEET JSONL SEL]...
#                                 all of it at once, one workbook read:
#                                 its sheet names are NAMES ("|" between),
#                                 its layout is right, and each SHEET's cells
#                                 are JSONL's (SEL "-" for none); prints what
#                                 is wrong, nothing when all is right
#   sheets BOOK                   the sheet names, "|" between
#   header BOOK SHEET             the header row, "|" between
#   cells BOOK SHEET JSONL [SEL]  every cell of SHEET against the records of
#                                 JSONL (the same tool's --format jsonl):
#                                 prints what differs, nothing when all agree.
#                                 SEL: key=value (records with it), !key
#                                 (records without key), or nested:key (the
#                                 records of each record's list key)
#   layout BOOK                   every sheet: the header frozen (A2), no
#                                 formula anywhere, columns as wide as what
#                                 they hold (a CJK character counts 2)
#   rows BOOK SHEET               the number of rows below the header, read
#                                 from the zip without openpyxl (big sheets)
import datetime
import json
import re
import sys
import unicodedata
import zipfile

TIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)[+-]\d\d:\d\d$")
DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")


def book(path):
    import openpyxl
    return openpyxl.load_workbook(path)


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def records(path, sel):
    out = []
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        if sel.startswith("nested:"):
            out.extend(r.get(sel[7:], []))
        elif sel.startswith("!"):
            if sel[1:] not in r:
                out.append(r)
        elif "=" in sel:
            k, v = sel.split("=", 1)
            if str(r.get(k)) == v:
                out.append(r)
        else:
            out.append(r)
    return out


def problem(where, v, c):
    """What is wrong with cell c holding the record's value v, or None."""
    if v is None:
        return None if c.value is None else "%s: %r, expected empty" % (where, c.value)
    if isinstance(v, bool):
        return None if c.data_type == "b" and c.value is v else \
            "%s: %r (%s), expected the boolean %r" % (where, c.value, c.data_type, v)
    if isinstance(v, (int, float)):
        if c.data_type != "n" or isinstance(c.value, bool) or abs(c.value - v) > 1e-9:
            return "%s: %r (%s), expected the number %r" % (where, c.value, c.data_type, v)
        return None
    if isinstance(v, (dict, list)):
        ok = c.data_type == "s" and json.loads(c.value) == v
        return None if ok else "%s: %r, expected the JSON %r" % (where, c.value, v)
    m = TIME.match(v) or DATE.match(v)
    if m:
        want = datetime.datetime(*map(int, m.groups()))
        fmt = c.number_format
        if not isinstance(c.value, datetime.datetime) or c.value != want:
            return "%s: %r, expected the local date %s" % (where, c.value, want)
        if ("h" in fmt) != (len(m.groups()) == 6):
            return "%s: number format %r for %r" % (where, fmt, v)
        return None
    if c.data_type != "s" or c.value != v:
        return "%s: %r (%s), expected the string %r" % (where, c.value, c.data_type, v)
    return None


def cells(path, sheet, jsonl, sel="", wb=None):
    ws = (wb or book(path))[sheet]
    recs = records(jsonl, sel)
    keys = [k for k in recs[0] if not isinstance(recs[0][k], list)] if recs else []
    rows = list(ws.iter_rows())
    head = [c.value for c in rows[0]]
    bad = []
    if recs and head != keys:
        bad.append("header %r, expected %r" % (head, keys))
    if len(rows) - 1 != len(recs):
        bad.append("%d rows, expected %d" % (len(rows) - 1, len(recs)))
    for n, (r, row) in enumerate(zip(recs, rows[1:]), 2):
        for k, c in zip(keys, row):
            p = problem("%s!%s%d (%s)" % (sheet, c.column_letter, n, k), r.get(k), c)
            if p:
                bad.append(p)
            if k.endswith("_rate") and r.get(k) is not None and "%" not in c.number_format:
                bad.append("%s!%s%d: rate in format %r" % (sheet, c.column_letter, n,
                                                          c.number_format))
    return bad


def layout(path, wb=None):
    bad = []
    for ws in wb or book(path):
        if ws.freeze_panes != "A2":
            bad.append("%s: frozen at %r" % (ws.title, ws.freeze_panes))
        wide = {}
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" or (isinstance(c.value, str) and c.data_type != "s"):
                    bad.append("%s!%s: a formula %r" % (ws.title, c.coordinate, c.value))
                if isinstance(c.value, str) and c.data_type == "s":
                    wide[c.column_letter] = max(wide.get(c.column_letter, 0), width(c.value))
        for col, w in wide.items():
            got = ws.column_dimensions[col].width
            if got < min(w, 60) + 2:
                bad.append("%s!%s: %s wide for text %d wide" % (ws.title, col, got, w))
    return bad


def check(path, names, *rest):
    wb = book(path)
    bad = [] if "|".join(wb.sheetnames) == names else ["sheets %r, expected %r" % (wb.sheetnames, names)]
    bad += layout(path, wb)
    for i in range(0, len(rest), 3):
        sheet, jsonl, sel = rest[i:i + 3]
        bad += cells(path, sheet, jsonl, "" if sel == "-" else sel, wb)
    return bad


def zip_rows(path, sheet):
    z = zipfile.ZipFile(path)
    names = re.findall(r'<sheet name="([^"]*)" sheetId="(\d+)"', z.read("xl/workbook.xml").decode())
    n = dict(names)[sheet]
    print(z.read("xl/worksheets/sheet%s.xml" % n).count(b"<row ") - 1)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "sheets":
        print("|".join(book(args[0]).sheetnames))
    elif cmd == "header":
        print("|".join(str(c.value) for c in next(book(args[0])[args[1]].iter_rows())))
    elif cmd == "cells":
        print("\n".join(cells(*args)))
    elif cmd == "layout":
        print("\n".join(layout(args[0])))
    elif cmd == "check":
        print("\n".join(check(*args)))
    elif cmd == "rows":
        zip_rows(*args)

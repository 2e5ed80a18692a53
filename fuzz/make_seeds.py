#!/usr/bin/env python3
"""Seed corpora for the harnesses, made from the repository's fixtures and samples at run time.

Every harness but number_parser and date_parser reads its first byte as the chunking (see
fuzz_input.h): seeds get one such byte in front. Text seeds are the first 8 KiB of each file.
"""
import os
import sys
import zipfile

root, out = sys.argv[1], sys.argv[2]
sources = []
for top in ("tests/fixtures", "samples"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for f in sorted(files):
            if f.endswith((".csv", ".json", ".txt", ".gz", ".xlsx", ".zip")):
                sources.append(os.path.join(dirpath, f))


def put(harness, name, data):
    d = os.path.join(out, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as fh:
        fh.write(data)


for i, path in enumerate(sources):
    data = open(path, "rb").read()
    base = os.path.basename(path)
    head = data[:8192]
    seed = bytes([i % 256])
    if base.endswith((".gz", ".xlsx", ".zip")):
        put("containers", base, seed + data)
        put("file_loader", base, seed + data)
    else:
        put("file_loader", base, seed + head)
        put("text_encoding", base, seed + head)
        (put("json_reader", base, seed + head) if base.endswith(".json") else put("csv_reader", base, seed + head))
    if base.endswith(".xlsx"):
        z = zipfile.ZipFile(path)
        names = {n.lower(): n for n in z.namelist()}
        order = ["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedstrings.xml",
                 "xl/styles.xml", "xl/worksheets/sheet1.xml"]
        parts = [z.read(names[n]) if n in names else b"-" for n in order]
        put("xlsx_workbook", base, seed + b"\n#\n".join(parts))
        for n in z.namelist():
            if n.endswith((".xml", ".rels")):
                put("xml_scanner", base + "_" + n.replace("/", "_"), seed + z.read(n)[:8192])
for n, text in enumerate([b"1,234.56", b"1.234,56", b"-12", b"(3.5)", b"1e308", b"12 345,6", b"\xe2\x82\xac 5",
                          b"0.1", b"99999999999999999999999", b"1,5%"]):
    put("number_parser", "n%d" % n, text)
for n, text in enumerate([b"2024-03-07", b"07/03/2024", b"3/7/24", b"07.03.2024", b"Mar 7, 2024",
                          b"2024-03-07T14:30:00Z", b"29.02.2023", b"45000"]):
    put("date_parser", "d%d" % n, text)

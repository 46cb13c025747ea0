"""Writes Crossref-shaped work records as JSON Lines, deterministic for a seed.

Usage: python3 bench/crossref.py RECORDS SEED > works.jsonl

Each record has what a real /works message has for a journal article: DOI, type, title,
container title with print and electronic ISSN, volume, issue, page, publisher and member,
published date, 1-6 authors in sequence (about half with an ORCID with a valid check digit, some
with a printed affiliation), a licence, subjects and 0-30 references with DOIs.
"""
import json
import random
import sys

WORDS = ("policy power region state trade energy water border security economy culture language "
         "migration network market reform identity history climate health education").split()


def check_digit(base):
    total = 0
    for c in base:
        total = (total + int(c)) * 2
    r = (12 - total % 11) % 11
    return "X" if r == 10 else str(r)


def orcid(rng):
    base = "0000000" + "".join(str(rng.randrange(10)) for _ in range(8))
    d = base + check_digit(base)
    return f"https://orcid.org/{d[0:4]}-{d[4:8]}-{d[8:12]}-{d[12:16]}"


def issn(n):
    digits = f"{n:07d}"
    total = sum(int(c) * (8 - i) for i, c in enumerate(digits))
    c = (11 - total % 11) % 11
    return f"{digits[:4]}-{digits[4:]}{'X' if c == 10 else c}"


def main():
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    journals = [(f"Journal of {w.capitalize()} Studies {i}", issn(1000000 + 2 * i), issn(1000001 + 2 * i))
                for i, w in enumerate(WORDS * 10)]
    out = sys.stdout
    for i in range(count):
        name, p_issn, e_issn = rng.choice(journals)
        year = rng.randrange(1990, 2026)
        first = rng.randrange(1, 400)
        authors = []
        for k in range(1 + min(5, int(rng.expovariate(0.7)))):
            a = {"given": rng.choice(WORDS).capitalize(), "family": rng.choice(WORDS).capitalize() + "ov",
                 "sequence": "first" if k == 0 else "additional", "affiliation": []}
            if rng.random() < 0.5:
                a["ORCID"] = orcid(rng)
            if rng.random() < 0.4:
                a["affiliation"].append({"name": f"University of {rng.choice(WORDS).capitalize()}"})
            authors.append(a)
        record = {
            "DOI": f"10.{5000 + i % 97}/bench.{seed}.{i}",
            "type": "journal-article",
            "title": [" ".join(rng.choice(WORDS) for _ in range(8)).capitalize()],
            "container-title": [name],
            "ISSN": [p_issn, e_issn],
            "issn-type": [{"value": p_issn, "type": "print"}, {"value": e_issn, "type": "electronic"}],
            "volume": str(year - 1980), "issue": str(rng.randrange(1, 5)),
            "page": f"{first}-{first + rng.randrange(5, 30)}",
            "published": {"date-parts": [[year, rng.randrange(1, 13), rng.randrange(1, 29)]]},
            "publisher": "Bench Publishing", "member": "9999", "language": "en",
            "author": authors,
            "license": [{"URL": "https://creativecommons.org/licenses/by/4.0/"}],
            "subject": [rng.choice(WORDS).capitalize()],
            "reference": [{"key": f"r{j}", "DOI": f"10.{5000 + j % 97}/bench.{seed}.{rng.randrange(count)}"}
                          for j in range(rng.randrange(0, 31))],
        }
        out.write(json.dumps(record) + "\n")


main()

"""Citations as reference managers read them: the seed paper's BibTeX through bibtexparser,
its RIS through rispy, its CSL-JSON against the CSL input schema, a formatted reference in
every style steppe names, and the FAIR Signposting links a harvester follows.

Usage: citations.py BASE_URL CSL_SCHEMA_FILE
"""

import json
import sys
import urllib.request

import bibtexparser
import jsonschema
import rispy

from report import check, finish

base, schema_file = sys.argv[1], sys.argv[2]
paper = base + "paper/nftgcjpf72"


def fetch(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read().decode("utf-8")


# BibTeX, as bibtexparser reads it (LaTeX decoded)
_, text = fetch(paper, "application/x-bibtex")
library = bibtexparser.parse_string(
    text, append_middleware=[bibtexparser.middlewares.LatexDecodingMiddleware()]
)
entry = library.entries[0] if library.entries else None
check("bibtexparser reads one entry, no failed blocks",
      len(library.entries) == 1 and not library.failed_blocks, text)
if entry:
    fields = {f.key: f.value for f in entry.fields}
    check("bibtexparser: @article with its key", entry.entry_type == "article"
          and entry.key == "kassen2018understanding", entry)
    check("bibtexparser: title, author, journal, year, pages, doi, publisher",
          fields.get("title", "").startswith("Understanding foreign policy strategies of Kazakhstan")
          and fields.get("author") == "Kassen, Maxat"
          and fields.get("journal") == "Cambridge Review of International Affairs"
          and fields.get("year") == "2018"
          and fields.get("doi") == "10.1080/09557571.2018.1520809"
          and fields.get("publisher") == "Taylor & Francis"
          and fields.get("pages") in ("314--343", "314–343"), fields)

# RIS, as rispy reads it
_, text = fetch(paper + ".ris")
entries = rispy.loads(text)
check("rispy reads one record", len(entries) == 1, text)
if entries:
    record = entries[0]
    check("rispy: JOUR, author, title, journal, year, pages, DOI, ISSNs",
          record.get("type_of_reference") == "JOUR"
          and record.get("authors") == ["Kassen, Maxat"]
          and record.get("title", "").startswith("Understanding foreign policy")
          and record.get("secondary_title") == "Cambridge Review of International Affairs"
          and record.get("year") == "2018"
          and record.get("start_page") == "314" and record.get("end_page") == "343"
          and record.get("doi") == "10.1080/09557571.2018.1520809"
          and record.get("issn") in (["0955-7571", "1474-449X"], "0955-7571"), record)

# CSL-JSON, against the CSL input schema
headers, text = fetch(paper, "application/vnd.citationstyles.csl+json")
item = json.loads(text)
with open(schema_file, encoding="utf-8") as f:
    schema = json.load(f)
errors = list(jsonschema.Draft7Validator(schema).iter_errors([item]))
check("CSL-JSON validates against csl-data.json", not errors,
      "; ".join(e.message for e in errors[:3]))
check("CSL-JSON content type", headers.get("Content-Type") == "application/vnd.citationstyles.csl+json",
      headers.get("Content-Type"))

# a formatted reference in every style, by Accept parameter as doi.org reads it
for style in ["apa", "chicago-author-date", "harvard-cite-them-right", "ieee",
              "modern-language-association", "vancouver"]:
    _, text = fetch(paper, f"text/x-bibliography; style={style}")
    check(f"text/x-bibliography style={style}",
          "Kassen" in text and "2018" in text and "Understanding foreign policy" in text, text)
try:
    fetch(paper, "text/x-bibliography; style=klingon")
    check("an unknown style is 406", False)
except urllib.error.HTTPError as e:
    check("an unknown style is 406", e.code == 406, e.code)

# Signposting: the links a harvester follows from the landing page
headers, _ = fetch(paper)
links = headers.get("Link", "")
check("signposting: cite-as the DOI, describedby documents, type",
      '<https://doi.org/10.1080/09557571.2018.1520809>; rel="cite-as"' in links
      and 'rel="describedby"; type="text/turtle"' in links
      and '<https://schema.org/ScholarlyArticle>; rel="type"' in links, links)

finish()

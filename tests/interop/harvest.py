"""What harvesters do, with their own parsers: Python's robots.txt parser on /robots.txt, an XML
parser on the sitemaps (and every URL fetched), rdflib on the VoID description and on the
latest dump (its SHA-256 checked, its quads counted against void:triples), a byte range of the
dump, and extruct on the dataset page.

Usage: harvest.py BASE_URL WRITE_TOKEN
"""

import gzip
import hashlib
import sys
import time
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET

import extruct
import rdflib

from report import check, finish

base, token = sys.argv[1], sys.argv[2]
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


# robots.txt as crawlers read it
robots = urllib.robotparser.RobotFileParser(base + "robots.txt")
robots.read()
check("robots.txt: entity pages allowed, queries and writes disallowed, the sitemap named",
      robots.can_fetch("*", base + "paper/nftgcjpf72")
      and robots.can_fetch("*", base + "dataset")
      and not robots.can_fetch("*", base + "sparql?query=ASK%7B%7D")
      and not robots.can_fetch("*", base + "update")
      and robots.site_maps() == [base + "sitemap.xml"], robots.site_maps())

# the sitemaps, as XML; every URL answers 200
_, _, body = fetch(base + "sitemap.xml")
index = ET.fromstring(body)
children = [e.text for e in index.iter(SM + "loc")]
check("sitemap index parses, names its sitemaps", index.tag == SM + "sitemapindex" and len(children) >= 2, children)
urls = []
for child in children:
    _, _, body = fetch(child.replace("http://127.0.0.1", "http://127.0.0.1"))
    urlset = ET.fromstring(body)
    entries = list(urlset.iter(SM + "url"))
    check(f"{child.rsplit('/', 1)[1]}: a urlset of at most 50,000 URLs, each with lastmod",
          urlset.tag == SM + "urlset" and 0 < len(entries) <= 50000
          and all(e.find(SM + "lastmod") is not None for e in entries), len(entries))
    urls += [e.find(SM + "loc").text for e in entries]
bad = []
for url in urls:
    try:
        status, _, _ = fetch(url)
        if status != 200:
            bad.append((url, status))
    except urllib.error.HTTPError as e:
        bad.append((url, e.code))
check(f"every one of the {len(urls)} sitemap URLs answers 200", not bad, bad[:5])

# a release of the store as it is now (the clients before wrote to it since serve started)
request = urllib.request.Request(base + "dumps/", method="POST", headers={"Authorization": f"Bearer {token}"})
with urllib.request.urlopen(request, timeout=60) as response:
    check("POST /dumps/ with a write token releases now", response.status == 201, response.status)

# the VoID description, with rdflib
_, _, body = fetch(base + ".well-known/void", {"Accept": "text/turtle"})
void = rdflib.Graph().parse(data=body, format="turtle")
V = rdflib.Namespace("http://rdfs.org/ns/void#")
dataset = rdflib.URIRef(base + ".well-known/void#dataset")
triples = int(void.value(dataset, V.triples))
dumps = sorted(str(d) for d in void.objects(dataset, V.dataDump))
check("rdflib reads the VoID: triples, dumps, linksets",
      triples > 0 and any(d.endswith(".nq.gz") for d in dumps)
      and len(list(void.subjects(rdflib.RDF.type, V.Linkset))) >= 3, dumps)

# the dump: its checksum, its quads through rdflib, a byte range
nq = [d for d in dumps if d.endswith(".nq.gz")][0]
status, headers, compressed = fetch(nq)
_, _, checksum = fetch(nq + ".sha256")
check("the dump's SHA-256 file and ETag name its bytes",
      checksum.decode().split()[0] == hashlib.sha256(compressed).hexdigest()
      and headers["ETag"].strip('"') == hashlib.sha256(compressed).hexdigest()
      and int(headers["Content-Length"]) == len(compressed))
quads = rdflib.Dataset()
quads.parse(data=gzip.decompress(compressed), format="nquads")
named = sum(1 for _, _, _, g in quads.quads((None, None, None, None))
            if g is not None and g != rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
check("rdflib reads the dump: as many quads in named graphs as void:triples", named == triples, (named, triples))
status, headers, part = fetch(nq, {"Range": "bytes=0-99"})
check("a byte range of the dump: 206, 100 bytes, the file's first",
      status == 206 and part == compressed[:100] and headers["Content-Range"] == f"bytes 0-99/{len(compressed)}")
try:
    fetch(nq, {"Range": f"bytes={len(compressed)}-"})
    check("a range past the end is 416", False)
except urllib.error.HTTPError as e:
    check("a range past the end is 416", e.code == 416, e.code)

# the dataset page, as a harvester extracts it
_, _, body = fetch(base + "dataset")
data = extruct.extract(body.decode(), base_url=base + "dataset", syntaxes=["json-ld"])
datasets = [d for d in data["json-ld"] if d.get("@type") == "Dataset"]
check("extruct finds the Dataset with its downloads",
      len(datasets) == 1 and any(d.get("contentUrl") == nq for d in datasets[0].get("distribution", [])), datasets)
# Google's dataset guidance (developers.google.com/search/docs/appearance/structured-data/dataset):
# name and description (50 to 5000 characters) required; the recommended properties present
if datasets:
    d = datasets[0]
    missing = [k for k in ("url", "license", "creator", "keywords", "isAccessibleForFree", "dateModified")
               if k not in d]
    downloads = d.get("distribution", [])
    check("the Dataset has Google's required and recommended properties",
          d.get("name") and 50 <= len(d.get("description", "")) <= 5000 and not missing
          and d["creator"].get("@type") in ("Organization", "Person") and d["creator"].get("name")
          and downloads and all(x.get("@type") == "DataDownload" and x.get("encodingFormat") and x.get("contentUrl")
                                for x in downloads), missing)

finish()

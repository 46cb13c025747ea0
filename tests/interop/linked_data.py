"""Linked-data interop: real clients dereference a running steppe's entity IRIs (base URL in
argv[1]; the offline schema.org context in argv[2]).

rapper and rdflib fetch the seed paper's IRI with their own Accept headers and must parse RDF
that holds its title; extruct must find exactly one JSON-LD ScholarlyArticle on the page, with
Google's recommended Article fields; pyld expands that JSON-LD (the schema.org context loaded
offline) to triples that must all be in the paper's Turtle. Prints one line per check and
'N passed, N failed'; exits 1 on any failure.
"""
import json
import subprocess
import sys
import urllib.request

import extruct
import rdflib
from pyld import jsonld

BASE = sys.argv[1].rstrip("/")
CONTEXT = json.load(open(sys.argv[2]))
PAPER = BASE + "/paper/nftgcjpf72"
TITLE = "Understanding foreign policy strategies of Kazakhstan: a case study of the landlocked and transcontinental country"
S = "http://schema.org/"
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))


def run(name, fn):
    try:
        fn()
    except Exception as error:  # a client error is a failed check, reported with the rest
        check(name, False, repr(error))


def title_in(graph):
    return (rdflib.URIRef(PAPER), rdflib.URIRef(S + "headline"), rdflib.Literal(TITLE, lang="en")) in graph


def rapper():
    out = subprocess.run(["rapper", "-q", "-g", PAPER, "-o", "ntriples"], capture_output=True, text=True, timeout=60)
    graph = rdflib.Graph().parse(data=out.stdout, format="nt")
    check("rapper -g dereferences the paper IRI", out.returncode == 0 and title_in(graph) and len(graph) > 40, out.stderr[-500:])


def rdflib_parse():
    graph = rdflib.Graph().parse(PAPER)
    check("rdflib Graph.parse(IRI)", title_in(graph) and len(graph) > 40, len(graph))


def page():
    with urllib.request.urlopen(urllib.request.Request(PAPER, headers={"Accept": "*/*"})) as response:
        return response.read().decode()


def extruct_json_ld():
    data = extruct.extract(page(), base_url=PAPER, syntaxes=["json-ld", "opengraph"], uniform=True)
    articles = [item for item in data["json-ld"] if item.get("@type") == "ScholarlyArticle"]
    check("extruct finds exactly one JSON-LD ScholarlyArticle", len(data["json-ld"]) == 1 and len(articles) == 1, data["json-ld"])
    if not articles:
        return
    article = articles[0]
    missing = [k for k in ["headline", "author", "datePublished", "dateModified", "image", "publisher", "isPartOf",
                           "identifier", "sameAs", "abstract", "about", "inLanguage", "url"] if k not in article]
    check("the article has Google's recommended fields", not missing, missing)
    authors = article.get("author", [])
    check("its author has a name, url and affiliation with a ROR sameAs",
          authors and authors[0].get("name") == "Maxat Kassen" and authors[0].get("url")
          and "https://ror.org/05jnvbc31" in authors[0]["affiliation"][0]["sameAs"], authors)
    og = data["opengraph"][0] if data["opengraph"] else {}
    check("Open Graph title", og.get("og:title") == TITLE, og)


def loader(url, options=None):
    if url.startswith("https://schema.org") or url.startswith("http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise ValueError(f"no remote documents: {url}")


def pyld_parity():
    data = extruct.extract(page(), base_url=PAPER, syntaxes=["json-ld"])["json-ld"][0]
    nquads = jsonld.to_rdf(data, {"format": "application/n-quads", "documentLoader": loader})
    expanded = rdflib.Graph().parse(data=nquads, format="nt")
    turtle = rdflib.Graph().parse(PAPER + ".ttl", format="turtle")
    date, xsd_date = rdflib.URIRef(S + "Date"), rdflib.URIRef("http://www.w3.org/2001/XMLSchema#date")
    missing = []
    for s, p, o in expanded:
        if isinstance(o, rdflib.Literal) and o.datatype == date:
            o = rdflib.Literal(str(o), datatype=xsd_date)  # the context's schema:Date is an ISO 8601 date
        if (s, p, o) not in turtle:
            missing.append((s, p, o))
    check(f"pyld expands the JSON-LD to {len(expanded)} triples, all in the Turtle", len(expanded) > 30 and not missing, missing[:5])


for name, fn in [("rapper", rapper), ("rdflib", rdflib_parse), ("extruct", extruct_json_ld), ("pyld", pyld_parity)]:
    run(name, fn)
passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)

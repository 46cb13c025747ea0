"""SPARQL protocol interop: real clients against a running steppe (URL in argv[1]; the update
endpoint, a write token, the server's process id and its query time limit in argv[2] to argv[5]).

Each answer is checked against the demo data, not just that it returned. Prints one line per
check and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import Unauthorized

ENDPOINT = sys.argv[1]
UPDATE_ENDPOINT = sys.argv[2]
TOKEN = sys.argv[3]
SERVER_PID = int(sys.argv[4])
TIME_LIMIT = float(sys.argv[5])
TITLE = "Understanding foreign policy strategies of Kazakhstan: a case study of the landlocked and transcontinental country"
BY_DOI = """PREFIX schema: <http://schema.org/>
SELECT ?title WHERE { ?p schema:sameAs <https://doi.org/10.1080/09557571.2018.1520809> ; schema:name ?title }"""
JOURNALS = """PREFIX schema: <http://schema.org/>
CONSTRUCT { ?j schema:name ?n } WHERE { ?j a schema:Periodical ; schema:name ?n }"""
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))


def wrapper(query, fmt, method="GET"):
    client = SPARQLWrapper(ENDPOINT)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client.query().convert()


def run(name, fn):
    try:
        fn()
    except Exception as error:  # a client error is a failed check, reported with the rest
        check(name, False, repr(error))


def select_json():
    rows = wrapper(BY_DOI, JSON)["results"]["bindings"]
    check("SPARQLWrapper SELECT JSON (GET)", rows and rows[0]["title"]["value"] == TITLE, rows)
    rows = wrapper(BY_DOI, JSON, POST)["results"]["bindings"]
    check("SPARQLWrapper SELECT JSON (POST)", rows and rows[0]["title"]["value"] == TITLE, rows)


def select_xml():
    doc = wrapper(BY_DOI, XML)
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    check("SPARQLWrapper SELECT XML", literals == [TITLE], literals)


def select_csv():
    text = wrapper(BY_DOI, CSV).decode()
    check("SPARQLWrapper SELECT CSV", text.splitlines() == ["title", TITLE], text)


def ask():
    check("SPARQLWrapper ASK true", wrapper("ASK { ?s a <http://schema.org/CollegeOrUniversity> }", JSON)["boolean"] is True)
    check("SPARQLWrapper ASK false", wrapper("ASK { ?s a <http://example.org/Nothing> }", JSON)["boolean"] is False)


def construct():
    graph = rdflib.Graph().parse(data=wrapper(JOURNALS, TURTLE), format="turtle")
    names = {str(o) for o in graph.objects()}
    check("SPARQLWrapper CONSTRUCT Turtle", "Cambridge Review of International Affairs" in names and len(graph) == 8, names)
    graph = wrapper(JOURNALS, JSONLD)
    names = {str(o) for o in graph.objects()}
    check("SPARQLWrapper CONSTRUCT JSON-LD", "Cambridge Review of International Affairs" in names and len(graph) == 8, names)


def sparqlstore():
    store = SPARQLStore(ENDPOINT)
    rows = list(store.query('PREFIX schema: <http://schema.org/> SELECT ?n WHERE { ?j schema:issn "1474-449X" ; schema:name ?n }'))
    check("rdflib SPARQLStore SELECT", [str(r[0]) for r in rows] == ["Cambridge Review of International Affairs"], rows)
    graph = rdflib.Graph(store=store)
    triples = list(graph.triples((None, rdflib.URIRef("http://schema.org/issueNumber"), rdflib.Literal("3-4"))))
    check("rdflib SPARQLStore triples()", len(triples) == 1, triples)


def roqet():
    # roqet (Debian rasqal-utils) sends Accept: application/sparql-results+xml
    query = 'PREFIX schema: <http://schema.org/> SELECT ?n WHERE { ?j schema:issn "1474-449X" ; schema:name ?n }'
    out = subprocess.run(["roqet", "-q", "-p", ENDPOINT, "-r", "csv", "-e", query], capture_output=True, text=True, timeout=60)
    lines = out.stdout.replace("\r", "").splitlines()
    check("roqet SELECT CSV", out.returncode == 0 and lines[-1:] == ["Cambridge Review of International Affairs"], out.stdout + out.stderr)


def sparqlwrapper_update():
    def update(text, token):
        client = SPARQLWrapper(ENDPOINT, updateEndpoint=UPDATE_ENDPOINT)
        client.setMethod(POST)
        client.setQuery(text)
        if token:
            client.addCustomHttpHeader("Authorization", "Bearer " + token)
        return client.query()

    insert = 'INSERT DATA { GRAPH <http://example.org/interop> { <http://example.org/a> <http://schema.org/name> "Interop" } }'
    try:
        update(insert, None)
        check("SPARQLWrapper update without a token is refused", False, "it was accepted")
    except Unauthorized:
        check("SPARQLWrapper update without a token is refused", True)
    found = lambda: wrapper('ASK { GRAPH <http://example.org/interop> { ?s <http://schema.org/name> "Interop" } }', JSON)["boolean"]
    check("nothing written without a token", found() is False)
    answer = update(insert, TOKEN)
    check("SPARQLWrapper update with a write token", answer.response.status == 200 and found() is True, answer.response.status)


def rdflib_update_store():
    store = SPARQLUpdateStore(ENDPOINT, UPDATE_ENDPOINT, headers={"Authorization": "Bearer " + TOKEN})
    graph = rdflib.Graph(store=store, identifier=rdflib.URIRef("http://example.org/rdflib"))
    graph.add((rdflib.URIRef("http://example.org/b"), rdflib.URIRef("http://schema.org/name"), rdflib.Literal("Қазақстан", lang="kk")))
    rows = list(SPARQLStore(ENDPOINT).query('SELECT ?n WHERE { GRAPH <http://example.org/rdflib> { ?s <http://schema.org/name> ?n } }'))
    check("rdflib SPARQLUpdateStore add() then SELECT", [(str(r[0]), r[0].language) for r in rows] == [("Қазақстан", "kk")], rows)
    graph.remove((rdflib.URIRef("http://example.org/b"), None, None))
    rows = list(SPARQLStore(ENDPOINT).query('SELECT ?n WHERE { GRAPH <http://example.org/rdflib> { ?s ?p ?n } }'))
    check("rdflib SPARQLUpdateStore remove()", rows == [], rows)


def cpu_seconds():
    with open(f"/proc/{SERVER_PID}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def runaway_is_cancelled():
    # a Cartesian product counted in memory: no quad is read while it runs
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    body = urllib.parse.urlencode({"query": query}).encode()
    started = time.monotonic()
    try:
        urllib.request.urlopen(urllib.request.Request(ENDPOINT, data=body), timeout=TIME_LIMIT + 60)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    elapsed = time.monotonic() - started
    check(f"runaway query answers 503 near its {TIME_LIMIT:g} s limit", status == 503 and elapsed < TIME_LIMIT + 5, f"{status} after {elapsed:.1f} s")
    before = cpu_seconds()
    time.sleep(2)
    used = cpu_seconds() - before
    check("the server's CPU returns to idle after the cancellation", used < 0.2, f"{used:.2f} s of CPU in 2 s")


for name, fn in [("roqet", roqet), ("select json", select_json), ("select xml", select_xml), ("select csv", select_csv),
                 ("ask", ask), ("construct", construct), ("sparqlstore", sparqlstore),
                 ("sparqlwrapper update", sparqlwrapper_update), ("rdflib update store", rdflib_update_store),
                 ("runaway", runaway_is_cancelled)]:
    run(name, fn)
passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)

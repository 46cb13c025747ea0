"""Writes the endpoint benchmark's query mix: one URL query string (`query=…`) a line.

Usage: python3 bench/mix.py GRAPH.nt COUNT > mix.txt

Samples papers, DOIs, people and topics from the generated graph (bench/generate.py, fixed
seed) and fills five kinds of query in turn: a lookup by DOI, a join (a paper's authors in
order with their affiliations), a person's papers, property paths (what a paper is part of,
transitively) and aggregations (the topics that most often go with a topic).
"""
import random
import sys
import urllib.parse

S = "http://schema.org/"
ST = "https://w3id.org/steppe/ns#"
PREFIXES = f"PREFIX schema: <{S}> PREFIX steppe: <{ST}> "

QUERIES = [
    lambda x: f"SELECT ?p ?title WHERE {{ ?p schema:sameAs <{x['doi']}> ; schema:name ?title }}",
    lambda x: (f"SELECT ?pos ?name ?org WHERE {{ <{x['paper']}> steppe:authorship ?a . "
               "?a steppe:position ?pos ; schema:author ?person . ?person schema:name ?name . "
               "OPTIONAL { ?person schema:affiliation/schema:name ?org } } ORDER BY ?pos"),
    lambda x: (f"SELECT ?p ?title ?date WHERE {{ ?a schema:author <{x['person']}> . "
               "?p steppe:authorship ?a ; schema:name ?title ; schema:datePublished ?date } "
               "ORDER BY DESC(?date) LIMIT 20"),
    lambda x: f"SELECT DISTINCT ?whole WHERE {{ <{x['paper']}> schema:isPartOf+ ?whole }}",
    lambda x: (f"SELECT ?other (COUNT(?p) AS ?n) WHERE {{ ?p schema:about <{x['topic']}> , ?other "
               f"FILTER(?other != <{x['topic']}>) }} GROUP BY ?other ORDER BY DESC(?n) LIMIT 5"),
]


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    dois, people, topics = [], set(), set()
    with open(path) as graph:
        for line in graph:
            s, p, o = line.split(" ", 2)
            o = o.rstrip(" .\n")
            if p == f"<{S}sameAs>":
                dois.append((s[1:-1], o[1:-1]))
            elif p == f"<{S}author>":
                people.add(o[1:-1])
            elif p == f"<{S}about>":
                topics.add(o[1:-1])
    rng = random.Random(1)
    people, topics = sorted(people), sorted(topics)
    for i in range(count):
        paper, doi = rng.choice(dois)
        values = {"paper": paper, "doi": doi, "person": rng.choice(people), "topic": rng.choice(topics)}
        query = PREFIXES + QUERIES[i % len(QUERIES)](values)
        print(urllib.parse.urlencode({"query": query}))


main()

"""Writes N entities of every kind as N-Triples, for the sitemap benchmark: half papers, the rest
people, organisations, journals and topics; each with a type and a name, each paper with an
author, a journal and a topic (so pages have lists). Deterministic.

Usage: python3 bench/entities.py ENTITIES > entities.nt
"""
import sys

BASE = "http://localhost:7878/"
S = "http://schema.org/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def main():
    n = int(sys.argv[1])
    papers, people, orgs, journals = n // 2, n * 3 // 10, n * 8 // 100, n * 2 // 100
    topics = n - papers - people - orgs - journals
    out = sys.stdout
    kinds = [("paper", "ScholarlyArticle", papers), ("person", "Person", people),
             ("org", "Organization", orgs), ("journal", "Periodical", journals),
             ("topic", "DefinedTerm", topics)]
    for kind, cls, count in kinds:
        lines = []
        for i in range(count):
            e = f"<{BASE}{kind}/{kind[0]}{i}>"
            lines.append(f"{e} {TYPE} <{S}{cls}> .\n{e} <{S}name> \"{cls} {i}\" .\n")
            if kind == "paper":
                lines.append(f"{e} <{S}author> <{BASE}person/p{i % people}> .\n"
                             f"{e} <{S}isPartOf> <{BASE}journal/j{i % journals}> .\n"
                             f"{e} <{S}about> <{BASE}topic/t{i % topics}> .\n"
                             f"{e} <{S}datePublished> \"20{10 + i % 15}-01-01\"^^<http://www.w3.org/2001/XMLSchema#date> .\n")
            if len(lines) >= 10000:
                out.write("".join(lines))
                lines = []
        out.write("".join(lines))


main()

"""Writes a synthetic scholarly graph in steppe's model as N-Triples, deterministic for a seed.

Usage: python3 bench/generate.py PAPERS SEED > graph.nt

A stand-in for the load benchmark until `steppe generate` exists: each paper has a title, date,
DOI (as PropertyValue and sameAs), journal volume and issue, 1-6 ordered authorships with an
affiliation at publication, two topics and an abstract; about 25 triples per paper.
"""
import random
import sys

BASE = "http://localhost:7878/"
S = "http://schema.org/"
ST = "https://w3id.org/steppe/ns#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
WORDS = ("policy power region state trade energy water border security economy culture language "
         "migration network market reform identity history climate health education").split()


def iri(x):
    return f"<{x}>"


def lit(v, lang=None, dt=None):
    v = str(v).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{v}"@{lang}' if lang else (f'"{v}"^^<{XSD}{dt}>' if dt else f'"{v}"')


def main():
    papers, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    out = sys.stdout
    w = lambda s, p, o: out.write(f"{s} {p} {o} .\n")
    people, orgs, journals, topics = max(10, papers // 2), max(5, papers // 200), max(3, papers // 500), max(5, papers // 100)
    for i in range(orgs):
        o = iri(f"{BASE}org/o{i}")
        w(o, iri(RDF_TYPE), iri(S + "CollegeOrUniversity"))
        w(o, iri(S + "name"), lit(f"University {i}", "en"))
    for i in range(people):
        p = iri(f"{BASE}person/a{i}")
        w(p, iri(RDF_TYPE), iri(S + "Person"))
        w(p, iri(S + "name"), lit(f"Author {i}"))
        w(p, iri(S + "affiliation"), iri(f"{BASE}org/o{rng.randrange(orgs)}"))
    for i in range(journals):
        j = iri(f"{BASE}journal/j{i}")
        w(j, iri(RDF_TYPE), iri(S + "Periodical"))
        w(j, iri(S + "name"), lit(f"Journal {i}", "en"))
        w(j, iri(ST + "issnPrint"), lit(f"{1000 + i:04d}-000X"))
    for i in range(topics):
        t = iri(f"{BASE}topic/t{i}")
        w(t, iri(RDF_TYPE), iri(S + "DefinedTerm"))
        w(t, iri(S + "name"), lit(" ".join(rng.sample(WORDS, 2)), "en"))
    for i in range(papers):
        base = f"{BASE}paper/p{i}"
        p = iri(base)
        w(p, iri(RDF_TYPE), iri(S + "ScholarlyArticle"))
        title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
        w(p, iri(S + "name"), lit(title, "en"))
        w(p, iri(S + "headline"), lit(title, "en"))
        year = rng.randrange(1990, 2026)
        w(p, iri(S + "datePublished"), lit(f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", dt="date"))
        j = rng.randrange(journals)
        issue = iri(f"{BASE}journal/j{j}/volume/{year - 1980}/issue/{rng.randrange(1, 5)}")
        w(p, iri(S + "isPartOf"), issue)
        w(issue, iri(S + "isPartOf"), iri(f"{BASE}journal/j{j}/volume/{year - 1980}"))
        w(p, iri(S + "pageStart"), lit(rng.randrange(1, 400)))
        doi = f"10.{rng.randrange(1000, 9999)}/bench.{seed}.{i}"
        w(p, iri(S + "identifier"), iri(base + "#doi"))
        w(iri(base + "#doi"), iri(RDF_TYPE), iri(S + "PropertyValue"))
        w(iri(base + "#doi"), iri(S + "propertyID"), lit("doi"))
        w(iri(base + "#doi"), iri(S + "value"), lit(doi))
        w(p, iri(S + "sameAs"), iri(f"https://doi.org/{doi}"))
        for k in range(1 + min(5, int(rng.expovariate(0.7)))):
            a = iri(f"{base}#authorship-{k + 1}")
            person = iri(f"{BASE}person/a{int(rng.paretovariate(1.2)) % people}")
            w(p, iri(ST + "authorship"), a)
            w(p, iri(S + "author"), person)
            w(a, iri(RDF_TYPE), iri(ST + "Authorship"))
            w(a, iri(ST + "author"), person)
            w(a, iri(ST + "position"), lit(k + 1, dt="integer"))
            w(a, iri(ST + "affiliationAtPublication"), iri(f"{BASE}org/o{rng.randrange(orgs)}"))
        for t in rng.sample(range(topics), 2):
            w(p, iri(S + "about"), iri(f"{BASE}topic/t{t}"))
        w(p, iri(S + "abstract"), lit(" ".join(rng.choice(WORDS) for _ in range(40)), "en"))


if __name__ == "__main__":
    main()

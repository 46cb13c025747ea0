"""Converts real ROR and OpenAlex records into the Turtle files of data/.

Usage: python3 data/tools/convert.py SHARED_DATA_DIR
where SHARED_DATA_DIR holds ror/ror-kazakhstan-v2.json and openalex/works-sample-100.json.gz
(see the SOURCE notes in each output file). The outputs are committed; this script is how they
were made and how to make them again. It is a stop-gap until `steppe import` maps these sources.
"""
import gzip
import json
import sys
from pathlib import Path

import mint

ROR_TYPES = {
    "education": "EducationalOrganization",
    "funder": "FundingAgency",
    "healthcare": "MedicalOrganization",
    "company": "Corporation",
    "government": "GovernmentOrganization",
    "nonprofit": "NGO",
    "facility": "ResearchOrganization",
    "archive": "ArchiveOrganization",
    "other": "Organization",
}

PREFIXES = """@prefix schema: <http://schema.org/> .
@prefix steppe: <https://w3id.org/steppe/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""


def lit(value, lang=None, datatype=None):
    s = json.dumps(str(value), ensure_ascii=False)
    if lang:
        return f"{s}@{lang}"
    if datatype:
        return f"{s}^^xsd:{datatype}"
    return s


def block(subject, props):
    lines = [f"<{subject}>"]
    body = [f"    {p} {', '.join(vs)}" for p, vs in props if vs]
    return lines[0] + "\n" + " ;\n".join(body) + " .\n"


def identifier(subject, scheme, value):
    return block(f"{subject}#{scheme}", [
        ("a", ["schema:PropertyValue"]),
        ("schema:propertyID", [lit(scheme)]),
        ("schema:value", [lit(value)]),
    ])


def ror_records(shared):
    records = json.load(open(shared / "ror" / "ror-kazakhstan-v2.json"))
    ids = {r["id"].rsplit("/", 1)[1] for r in records}
    out = []
    for r in sorted(records, key=lambda r: r["id"]):
        ror = r["id"].rsplit("/", 1)[1]
        s = mint.org(ror)
        props = [("a", [f"schema:{ROR_TYPES.get(t, 'Organization')}" for t in r["types"]] or ["schema:Organization"])]
        # schema:name: the display name, then one label per further language; the rest are
        # alternate names, so an organisation has at most one name per language
        names, alternates, langs = [], [], set()
        ordered = sorted(r["names"], key=lambda n: ("ror_display" not in n["types"], "label" not in n["types"]))
        for n in ordered:
            lang = n.get("lang")
            if ("label" in n["types"] or "ror_display" in n["types"]) and lang not in langs:
                names.append(lit(n["value"], lang))
                langs.add(lang)
            else:
                alternates.append(lit(n["value"], lang))
        props.append(("schema:name", sorted(set(names))))
        props.append(("schema:alternateName", sorted(set(alternates))))
        if r.get("established"):
            props.append(("schema:foundingDate", [lit(r["established"], datatype="gYear")]))
        props.append(("schema:url", [f"<{l['value']}>" for l in r.get("links", []) if l["type"] == "website"]))
        same = [f"<https://ror.org/{ror}>"]
        extra = [identifier(s, "ror", ror)]
        idrefs = [f"<{s}#ror>"]
        for e in r.get("external_ids", []):
            value = e.get("preferred") or (e["all"][0] if e["all"] else None)
            if not value:
                continue
            if e["type"] == "wikidata":
                same.append(f"<https://www.wikidata.org/entity/{value}>")
            extra.append(identifier(s, e["type"], value))
            idrefs.append(f"<{s}#{e['type']}>")
        props.append(("schema:identifier", idrefs))
        props.append(("schema:sameAs", same))
        places = []
        for i, loc in enumerate(r.get("locations", [])):
            g = loc["geonames_details"]
            place = f"{s}#place-{i + 1}" if i else f"{s}#place"
            places.append(f"<{place}>")
            extra.append(block(place, [
                ("a", ["schema:Place"]),
                ("schema:name", [lit(g["name"], "en")]),
                ("schema:latitude", [lit(g["lat"], datatype="decimal")]),
                ("schema:longitude", [lit(g["lng"], datatype="decimal")]),
                ("schema:address", [f"<{place}-address>"]),
                ("schema:sameAs", [f"<https://sws.geonames.org/{loc['geonames_id']}/>"]),
            ]))
            extra.append(block(f"{place}-address", [
                ("a", ["schema:PostalAddress"]),
                ("schema:addressLocality", [lit(g["name"])]),
                ("schema:addressRegion", [lit(g["country_subdivision_name"])] if g.get("country_subdivision_name") else []),
                ("schema:addressCountry", [lit(g["country_code"])]),
            ]))
        props.append(("schema:location", places))
        rel = {"parent": "schema:parentOrganization", "child": "schema:subOrganization", "related": "steppe:relatedOrganization"}
        for kind, predicate in rel.items():
            targets = [f"<{mint.org(x['id'].rsplit('/', 1)[1])}>" for x in r.get("relationships", [])
                       if x["type"].lower() == kind and x["id"].rsplit("/", 1)[1] in ids]
            props.append((predicate, sorted(targets)))
        props.append(("schema:dateModified", [lit(r["admin"]["last_modified"]["date"], datatype="date")]))
        out.append(block(s, props))
        out.extend(extra)
    header = f"""# The {len(records)} organisations with a location in Kazakhstan in the ROR registry (schema v2).
# Source: ROR, ror-community/ror-records, commit d93fc667872f8ef9386896bd6c68bd3c6103603e, the newest
# v1.45+ release record of each id; data CC0 1.0 (https://ror.org). Made by data/tools/convert.py.
# Mapping: ROR type -> schema.org class (education -> EducationalOrganization, facility ->
# ResearchOrganization, ...); label/ror_display names -> schema:name, acronyms and aliases ->
# schema:alternateName, each with its language; locations -> schema:Place with GeoNames sameAs;
# parent/child/related relationships kept where both ends are in this file.
# IRIs are relative to the store's base; org/<id> is steppe::mint's id for the ROR id.

"""
    return header + PREFIXES + "\n".join(out)


def abstract(inverted):
    if not inverted:
        return None
    words = {}
    for word, positions in inverted.items():
        for p in positions:
            words[p] = word
    return " ".join(words[i] for i in sorted(words))


WORK_TYPES = {"article": "ScholarlyArticle", "review": "ScholarlyArticle", "preprint": "ScholarlyArticle",
              "book-chapter": "Chapter", "book": "Book", "dataset": "Dataset", "dissertation": "Thesis"}


def openalex_works(shared, count):
    with gzip.open(shared / "openalex" / "works-sample-100.json.gz") as f:
        works = [w for w in json.load(f) if w.get("doi") and w.get("title") and w.get("authorships")][:count]
    in_set = {w["id"]: mint.paper(w["doi"].replace("https://doi.org/", "")) for w in works}
    out, people, orgs, journals, topics, volumes = [], {}, {}, {}, {}, {}
    for w in works:
        doi = w["doi"].replace("https://doi.org/", "").lower()
        s = mint.paper(doi)
        oa = w["id"].rsplit("/", 1)[1]
        lang = w.get("language") or None
        props = [("a", [f"schema:{WORK_TYPES.get(w['type'], 'CreativeWork')}"]),
                 ("schema:name", [lit(w["title"], lang)]),
                 ("schema:headline", [lit(w["title"], lang)]),
                 ("schema:inLanguage", [lit(lang)] if lang else []),
                 ("schema:datePublished", [lit(w["publication_date"], datatype="date")])]
        extra = [identifier(s, "doi", doi), identifier(s, "openalex", oa)]
        props.append(("schema:identifier", [f"<{s}#doi>", f"<{s}#openalex>"]))
        props.append(("schema:sameAs", [f"<https://doi.org/{doi}>", f"<https://openalex.org/{oa}>"]))
        props.append(("schema:url", [f"<https://doi.org/{doi}>"]))
        src = (w.get("primary_location") or {}).get("source") or {}
        biblio = w.get("biblio") or {}
        if src.get("issn_l") and src.get("type") == "journal":
            j = mint.journal(src["issn_l"])
            journals[j] = src
            part = j
            if biblio.get("volume"):
                vol = f"{j}/volume/{biblio['volume']}"
                volumes[vol] = (j, "PublicationVolume", "schema:volumeNumber", biblio["volume"])
                part = vol
                if biblio.get("issue"):
                    iss = f"{vol}/issue/{biblio['issue']}"
                    volumes[iss] = (vol, "PublicationIssue", "schema:issueNumber", biblio["issue"])
                    part = iss
            props.append(("schema:isPartOf", [f"<{part}>"]))
        if biblio.get("first_page"):
            props.append(("schema:pageStart", [lit(biblio["first_page"])]))
        if biblio.get("last_page"):
            props.append(("schema:pageEnd", [lit(biblio["last_page"])]))
        authors, authorships = [], []
        for i, a in enumerate(w["authorships"]):
            author = a["author"]
            orcid = (author.get("orcid") or "").replace("https://orcid.org/", "")
            aid = author["id"].rsplit("/", 1)[1]
            p = mint.person(orcid) if orcid else mint.openalex("person", aid)
            people[p] = (author, orcid, aid)
            authors.append(f"<{p}>")
            a_iri = f"{s}#authorship-{i + 1}"
            authorships.append(f"<{a_iri}>")
            insts = []
            for inst in a.get("institutions", []):
                if inst.get("ror"):
                    o = mint.org(inst["ror"].rsplit("/", 1)[1])
                    orgs[o] = inst
                    insts.append(f"<{o}>")
            extra.append(block(a_iri, [
                ("a", ["steppe:Authorship"]),
                ("steppe:author", [f"<{p}>"]),
                ("steppe:position", [str(i + 1)]),
                ("steppe:affiliationAtPublication", sorted(set(insts))),
                ("steppe:affiliationAsPrinted", [lit(x) for x in a.get("raw_affiliation_strings", [])]),
            ]))
        props.append(("schema:author", authors))
        props.append(("steppe:authorship", authorships))
        text = abstract(w.get("abstract_inverted_index"))
        if text:
            props.append(("schema:abstract", [lit(text, lang)]))
        about = []
        for c in w.get("concepts", []):
            if c.get("wikidata") and c.get("score", 0) >= 0.4:
                t = mint.topic(c["wikidata"].rsplit("/", 1)[1])
                topics[t] = c
                about.append(f"<{t}>")
        props.append(("schema:about", sorted(set(about))))
        props.append(("schema:citation", sorted(f"<{in_set[r]}>" for r in w.get("referenced_works", []) if r in in_set)))
        out.append(block(s, props))
        out.extend(extra)
    for p, (author, orcid, aid) in sorted(people.items()):
        same = [f"<https://openalex.org/{aid}>"] + ([f"<https://orcid.org/{orcid}>"] if orcid else [])
        ids = [f"<{p}#openalex>"] + ([f"<{p}#orcid>"] if orcid else [])
        out.append(block(p, [("a", ["schema:Person"]), ("schema:name", [lit(author["display_name"])]),
                             ("schema:identifier", ids), ("schema:sameAs", same)]))
        out.append(identifier(p, "openalex", aid))
        if orcid:
            out.append(identifier(p, "orcid", orcid))
    for o, inst in sorted(orgs.items()):
        ror = inst["ror"].rsplit("/", 1)[1]
        cls = ROR_TYPES.get(inst.get("type"), "Organization")
        out.append(block(o, [("a", [f"schema:{cls}"]), ("schema:name", [lit(inst["display_name"])]),
                             ("schema:address", [f"<{o}#address>"]) if inst.get("country_code") else ("x", []),
                             ("schema:identifier", [f"<{o}#ror>"]), ("schema:sameAs", [f"<https://ror.org/{ror}>"])]))
        out.append(identifier(o, "ror", ror))
        if inst.get("country_code"):
            out.append(block(f"{o}#address", [("a", ["schema:PostalAddress"]), ("schema:addressCountry", [lit(inst["country_code"])])]))
    for j, src in sorted(journals.items()):
        sid = src["id"].rsplit("/", 1)[1]
        out.append(block(j, [("a", ["schema:Periodical"]), ("schema:name", [lit(src["display_name"])]),
                             ("steppe:issnL", [lit(src["issn_l"])]),
                             ("schema:issn", [lit(x) for x in sorted(set(src.get("issn") or []))]),
                             ("schema:identifier", [f"<{j}#openalex>"]),
                             ("schema:sameAs", [f"<https://openalex.org/{sid}>"] + [f"<https://portal.issn.org/resource/ISSN/{x}>" for x in sorted(set(src.get("issn") or []))])]))
        out.append(identifier(j, "openalex", sid))
    for v, (parent, cls, prop, number) in sorted(volumes.items()):
        out.append(block(v, [("a", [f"schema:{cls}"]), (prop, [lit(number)]), ("schema:isPartOf", [f"<{parent}>"])]))
    for t, c in sorted(topics.items()):
        q = c["wikidata"].rsplit("/", 1)[1]
        out.append(block(t, [("a", ["schema:DefinedTerm"]), ("schema:name", [lit(c["display_name"], "en")]),
                             ("schema:inDefinedTermSet", ["<topics>"]), ("schema:identifier", [f"<{t}#wikidata>"]),
                             ("schema:sameAs", [f"<https://www.wikidata.org/entity/{q}>"])]))
        out.append(identifier(t, "wikidata", q))
    header = f"""# {len(works)} OpenAlex works (the first {count} with a DOI, a title and authors, of a 100-work sample), with their
# {len(people)} authors, {len(orgs)} institutions, {len(journals)} journals and {len(topics)} topics (concepts with score >= 0.4).
# Source: OpenAlex API /works records (CC0, https://openalex.org), stored as
# tests/fixtures/sample_works.json in ywatanabe1989/openalex-local, commit 8d3f58be9a05410d54cc35061a0ffd88f48c11e5.
# Made by data/tools/convert.py. Authorships keep order, affiliation at publication (institutions with a ROR)
# and the printed affiliation; abstracts are rebuilt from OpenAlex's inverted index; citations are kept
# between works of this file only. IRIs are relative to the store's base and minted as steppe::mint does.

"""
    return header + PREFIXES + "\n".join(out)


def main():
    shared = Path(sys.argv[1])
    here = Path(__file__).resolve().parent.parent
    (here / "ror").mkdir(exist_ok=True)
    (here / "openalex").mkdir(exist_ok=True)
    (here / "ror" / "ror-kazakhstan.ttl").write_text(ror_records(shared), encoding="utf-8")
    (here / "openalex" / "openalex-works.ttl").write_text(openalex_works(shared, 12), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Measures the shape of a generated graph (`steppe generate`): the figures bench/README.md
documents. Usage: python3 bench/shape.py GRAPH.nq"""
import collections
import sys

S = "<http://schema.org/"
authors_of, papers_of, cited = collections.Counter(), collections.Counter(), collections.Counter()
papers = people = orcid = doi = summaries = 0
for line in open(sys.argv[1], encoding="utf-8"):
    s, p, rest = line.split(" ", 2)
    if p == S + "author>" and "#summary" not in s:
        o = rest.split(" ", 1)[0]
        authors_of[s] += 1
        papers_of[o] += 1
    elif p == S + "citation>":
        cited[rest.split(" ", 1)[0]] += 1
    elif p == S + "propertyID>":
        orcid += rest.startswith('"orcid"')
        doi += rest.startswith('"doi"')
    elif p.endswith("#type>"):
        papers += rest.startswith(S + "ScholarlyArticle>")
        people += rest.startswith(S + "Person>")
        summaries += rest.startswith("<https://w3id.org/steppe/ns#PlainLanguageSummary>")
counts = list(papers_of.values())
one = sum(1 for n in counts if n == 1)
two = sum(1 for n in counts if n == 2)
top = sorted(cited.values(), reverse=True)
top1 = sum(top[: max(1, papers // 100)]) / max(1, sum(top))
print(f"papers {papers}, people {people} ({people / papers:.2f} a paper), "
      f"authors a paper {sum(authors_of.values()) / papers:.2f}, single-authored "
      f"{sum(1 for n in authors_of.values() if n == 1) / papers:.1%}")
print(f"people with one paper {one / len(counts):.1%}, one/two {one / two:.2f}, "
      f"most prolific {max(counts)} papers, ten most prolific {sorted(counts)[-10:]}")
print(f"references a paper {sum(top) / papers:.2f}, never cited {1 - len(cited) / papers:.1%}, "
      f"most cited 1 % receive {top1:.1%}, most cited {top[0]}")
print(f"DOI {doi / papers:.1%}, ORCID {orcid / people:.1%}, summaries {summaries / papers:.1%}")

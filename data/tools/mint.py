"""The id rule of steppe's `mint` module, for the conversion scripts in this folder.

An entity known by an external identifier gets ten Crockford base32 characters of
SHA-256("scheme:normalised-id"). A test in the Rust crate checks that every entity in data/
carries the IRI this rule (and so `steppe::mint::Minter`) gives for its identifier.
"""
import hashlib

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def hash_id(scheme: str, value: str) -> str:
    bits = int.from_bytes(hashlib.sha256(f"{scheme}:{value}".encode()).digest()[:8], "big")
    return "".join(ALPHABET[(bits >> (59 - 5 * i)) & 31] for i in range(10))


def paper(doi: str) -> str:
    return "paper/" + hash_id("doi", doi.lower())


def person(orcid: str) -> str:
    return "person/" + hash_id("orcid", orcid.upper())


def org(ror: str) -> str:
    return "org/" + hash_id("ror", ror.lower())


def journal(issn: str) -> str:
    return "journal/" + hash_id("issn", issn.upper())


def topic(qid: str) -> str:
    return "topic/" + hash_id("wikidata", qid)


if __name__ == "__main__":
    print(paper("10.1080/09557571.2018.1520809"), org("05jnvbc31"), journal("0955-7571"), topic("Q36442"), topic("Q1071"))


def openalex(kind: str, openalex_id: str) -> str:
    """An entity known only by its OpenAlex id (a person without ORCID, say)."""
    return f"{kind}/" + hash_id("openalex", openalex_id.upper())

//! The only code that turns identifiers into steppe IRIs.
//!
//! Entity IRIs are `{base}{kind}/{id}`. The id of an entity known by an external identifier
//! is a hash of that identifier's normal form (ten Crockford base32 characters, 50 bits), so
//! the same DOI, ORCID, ROR id or ISSN gives the same IRI in every run and from every source.
//! Curated entities with no external identifier take a readable slug (`maxat-kassen`).
//! Graph names for sources, inferences and metadata are minted here too.

use crate::ids::{Doi, Issn, Orcid, Ror, WikidataId};
use oxigraph::model::{GraphNameRef, IriParseError, NamedNode, NamedNodeRef};
use sha2::{Digest, Sha256};
use std::fmt;

/// The graph of the store's own settings (the base IRI it was created with, the ontology's hash).
pub const STORE_SETTINGS: &str = "urn:steppe:store";

/// The kinds of entity that have pages and IRIs of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Paper,
    Person,
    Org,
    Journal,
    Topic,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [
        Kind::Paper,
        Kind::Person,
        Kind::Org,
        Kind::Journal,
        Kind::Topic,
    ];

    /// The path segment of this kind, as in `{base}paper/…`.
    pub const fn segment(self) -> &'static str {
        match self {
            Self::Paper => "paper",
            Self::Person => "person",
            Self::Org => "org",
            Self::Journal => "journal",
            Self::Topic => "topic",
        }
    }
}

/// Why an IRI could not be minted.
#[derive(Debug, thiserror::Error)]
pub enum MintError {
    #[error("invalid base IRI {iri:?}: {source}")]
    Base { iri: String, source: IriParseError },
    #[error("base IRI {0:?} must end with '/'")]
    BaseSlash(String),
    #[error("invalid slug {0:?}: use lower-case letters, digits and '-'")]
    Slug(String),
}

/// Mints steppe IRIs under one base IRI.
#[derive(Clone, PartialEq, Eq)]
pub struct Minter {
    base: String,
}

impl fmt::Debug for Minter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Minter").field(&self.base).finish()
    }
}

impl Minter {
    /// A minter for `base`, an absolute IRI ending in `/`.
    pub fn new(base: &str) -> Result<Self, MintError> {
        NamedNode::new(base).map_err(|source| MintError::Base {
            iri: base.to_owned(),
            source,
        })?;
        if !base.ends_with('/') {
            return Err(MintError::BaseSlash(base.to_owned()));
        }
        Ok(Self {
            base: base.to_owned(),
        })
    }

    /// The base IRI, ending in `/`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The paper with this DOI.
    pub fn paper(&self, doi: &Doi) -> NamedNode {
        self.hashed(Kind::Paper, "doi", doi.as_str())
    }

    /// The person with this ORCID iD.
    pub fn person(&self, orcid: &Orcid) -> NamedNode {
        self.hashed(Kind::Person, "orcid", orcid.as_str())
    }

    /// The organisation with this ROR id.
    pub fn org(&self, ror: &Ror) -> NamedNode {
        self.hashed(Kind::Org, "ror", ror.as_str())
    }

    /// The journal with this linking ISSN (ISSN-L, or the print ISSN when no ISSN-L is known).
    pub fn journal(&self, issn: &Issn) -> NamedNode {
        self.hashed(Kind::Journal, "issn", issn.as_str())
    }

    /// The topic that is this Wikidata item.
    pub fn topic(&self, qid: &WikidataId) -> NamedNode {
        self.hashed(Kind::Topic, "wikidata", qid.as_str())
    }

    /// An entity a source names without an identifier steppe shares across sources (an author
    /// without an ORCID, a publisher known by a Crossref member id): ten base32 characters of
    /// SHA-256(`{source}:{local}`), so the same record gives the same IRI in every run but two
    /// sources never meet on it (people are not merged by name).
    pub fn unidentified(&self, kind: Kind, source: &str, local: &str) -> NamedNode {
        self.hashed(kind, source, local)
    }

    /// A curated entity with no external identifier, named by a slug.
    pub fn local(&self, kind: Kind, slug: &str) -> Result<NamedNode, MintError> {
        let valid = !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !slug.starts_with('-');
        if !valid {
            return Err(MintError::Slug(slug.to_owned()));
        }
        Ok(self.entity(kind, slug))
    }

    /// The named graph that holds what one source (a file, a record) said.
    pub fn source_graph(&self, key: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/source/{}", self.base, encode_segment(key)))
    }

    /// The named graph that holds what is entailed by one source graph.
    pub fn inferred_graph(&self, key: &str) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}graph/inferred/{}",
            self.base,
            encode_segment(key)
        ))
    }

    /// The named graph that holds the ontology (our terms and the schema.org hierarchy we use).
    pub fn ontology_graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/ontology", self.base))
    }

    /// The named graph that describes every source: where it came from, when, how many quads.
    pub fn meta_graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/meta", self.base))
    }

    /// The graph of when each entity last changed (`store::modified`).
    pub fn modified_graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/modified", self.base))
    }

    /// The dataset itself, as VoID and the Service Description name it.
    pub fn dataset(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}.well-known/void#dataset", self.base))
    }

    /// Whether `graph` says nothing a page shows: the settings, ontology, meta and modified
    /// graphs (inferred graphs do: an entity's types).
    pub fn is_bookkeeping(&self, graph: NamedNodeRef<'_>) -> bool {
        let iri = graph.as_str();
        iri == STORE_SETTINGS
            || iri.strip_prefix(self.base.as_str()).is_some_and(|rest| {
                rest == "graph/ontology" || rest == "graph/meta" || rest == "graph/modified"
            })
    }

    /// Whether steppe maintains `graph` itself (inferences, ontology, provenance, settings):
    /// such graphs are read by everyone and written by no client.
    pub fn is_reserved(&self, graph: NamedNodeRef<'_>) -> bool {
        let iri = graph.as_str();
        iri == STORE_SETTINGS
            || iri.strip_prefix(self.base.as_str()).is_some_and(|rest| {
                rest == "graph/ontology"
                    || rest == "graph/meta"
                    || rest == "graph/modified"
                    || rest.starts_with("graph/inferred/")
            })
    }

    /// The graph that holds what a writable graph entails: `graph/inferred/{key}` for the
    /// source graph `graph/source/{key}`, `graph/inferred/default` for the default graph and
    /// `graph/inferred/iri/{encoded IRI}` for any other graph. `None` for a reserved graph.
    pub fn inferred_of(&self, graph: GraphNameRef<'_>) -> Option<NamedNode> {
        let iri = match graph {
            GraphNameRef::DefaultGraph => {
                return Some(NamedNode::new_unchecked(format!(
                    "{}graph/inferred/default",
                    self.base
                )));
            }
            GraphNameRef::NamedNode(node) if self.is_reserved(node) => return None,
            GraphNameRef::NamedNode(node) => node.as_str(),
            GraphNameRef::BlankNode(node) => node.as_str(),
        };
        let source_prefix = format!("{}graph/source/", self.base);
        Some(match iri.strip_prefix(&source_prefix) {
            // a source key is already encoded in its graph name
            Some(key) if !key.contains('/') => {
                NamedNode::new_unchecked(format!("{}graph/inferred/{key}", self.base))
            }
            _ => NamedNode::new_unchecked(format!(
                "{}graph/inferred/iri/{}",
                self.base,
                encode_segment(iri)
            )),
        })
    }

    /// The graph a client's `POST` to the graph store creates: `graph/posted/{id}`, with an id
    /// of ten base32 characters drawn from `seed` (unique per write).
    pub fn posted_graph(&self, seed: &str) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}graph/posted/{}",
            self.base,
            hash_id("posted", seed)
        ))
    }

    /// The record in the meta graph of one graph's change by one write.
    pub fn change_record(&self, revision: &str, index: usize) -> NamedNode {
        NamedNode::new_unchecked(format!("{}graph/meta#write-{revision}-{index}", self.base))
    }

    fn hashed(&self, kind: Kind, scheme: &str, value: &str) -> NamedNode {
        self.entity(kind, &hash_id(scheme, value))
    }

    fn entity(&self, kind: Kind, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{}/{}", self.base, kind.segment(), id))
    }
}

/// Ten Crockford base32 characters of SHA-256(`scheme:value`).
fn hash_id(scheme: &str, value: &str) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let digest = Sha256::digest(format!("{scheme}:{value}").as_bytes());
    let mut bits = u64::from_be_bytes(digest[..8].try_into().unwrap_or_default());
    let mut id = String::with_capacity(10);
    for _ in 0..10 {
        id.push(char::from(
            ALPHABET[usize::try_from(bits >> 59).unwrap_or_default()],
        ));
        bits <<= 5;
    }
    id
}

/// Percent-encodes what may not stand in an IRI path segment.
fn encode_segment(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minter() -> Minter {
        Minter::new("http://example.org/").unwrap()
    }

    #[test]
    fn same_identifier_same_iri() {
        let a = minter().paper(&Doi::parse("10.1080/09557571.2018.1520809").unwrap());
        let b =
            minter().paper(&Doi::parse("https://doi.org/10.1080/09557571.2018.1520809").unwrap());
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "http://example.org/paper/nftgcjpf72");
    }

    #[test]
    fn kinds_do_not_collide() {
        let org = minter().org(&Ror::parse("05jnvbc31").unwrap());
        assert!(org.as_str().starts_with("http://example.org/org/"));
        assert_eq!(org.as_str().len(), "http://example.org/org/".len() + 10);
    }

    #[test]
    fn base_must_be_absolute_and_end_in_slash() {
        assert!(Minter::new("not an iri").is_err());
        assert!(Minter::new("http://example.org").is_err());
    }

    #[test]
    fn slugs_are_checked() {
        assert!(minter().local(Kind::Person, "maxat-kassen").is_ok());
        assert!(minter().local(Kind::Person, "Maxat Kassen").is_err());
        assert!(minter().local(Kind::Person, "../x").is_err());
    }

    #[test]
    fn every_writable_graph_has_its_own_inferred_graph() {
        let minter = minter();
        for key in ["kassen-2018.ttl", "a b/ç.ttl", "default", "iri"] {
            assert_eq!(
                minter.inferred_of(minter.source_graph(key).as_ref().into()),
                Some(minter.inferred_graph(key))
            );
        }
        let default = minter.inferred_of(GraphNameRef::DefaultGraph).unwrap();
        let other = NamedNode::new("http://example.org/g").unwrap();
        let inferred = minter.inferred_of(other.as_ref().into()).unwrap();
        assert_ne!(default, inferred);
        assert!(inferred.as_str().contains("/graph/inferred/iri/"));
        for reserved in [
            &inferred,
            &default,
            &minter.meta_graph(),
            &minter.ontology_graph(),
        ] {
            assert!(minter.is_reserved(reserved.as_ref()));
            assert_eq!(minter.inferred_of(reserved.as_ref().into()), None);
        }
        assert!(minter.is_reserved(NamedNodeRef::new_unchecked(STORE_SETTINGS)));
        assert!(!minter.is_reserved(minter.source_graph("x.ttl").as_ref()));
    }

    #[test]
    fn graph_keys_are_encoded() {
        assert_eq!(
            minter().source_graph("a b/c.ttl").as_str(),
            "http://example.org/graph/source/a%20b%2Fc.ttl"
        );
    }
}

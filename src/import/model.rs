//! What mappers write: triples in steppe's model, made with a few helpers so that every mapper
//! states identifiers, names and links the same way.

use crate::vocab::{rdf, schema};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Triple};

/// The triples of one record, in the order stated, without repeats.
#[derive(Debug, Default)]
pub struct Out {
    triples: Vec<Triple>,
    seen: std::collections::HashSet<Triple>,
}

impl Out {
    fn push(&mut self, triple: Triple) {
        if self.seen.insert(triple.clone()) {
            self.triples.push(triple);
        }
    }

    /// `subject a class`.
    pub fn a(&mut self, subject: &NamedNode, class: NamedNodeRef<'_>) {
        self.push(Triple::new(subject.clone(), rdf::TYPE, class));
    }

    /// `subject predicate object` between IRIs.
    pub fn link(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: &NamedNode) {
        self.push(Triple::new(subject.clone(), predicate, object.clone()));
    }

    /// A string, with its language when known; blank values are left out.
    pub fn text(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        value: &str,
        lang: Option<&str>,
    ) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let literal = match lang.map(str::trim).filter(|l| !l.is_empty()) {
            Some(lang) => Literal::new_language_tagged_literal(value, lang.to_ascii_lowercase())
                .unwrap_or_else(|_| Literal::new_simple_literal(value)),
            None => Literal::new_simple_literal(value),
        };
        self.push(Triple::new(subject.clone(), predicate, literal));
    }

    /// A typed value.
    pub fn typed(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        value: &str,
        datatype: NamedNodeRef<'_>,
    ) {
        self.push(Triple::new(
            subject.clone(),
            predicate,
            Literal::new_typed_literal(value, datatype),
        ));
    }

    /// An identifier: `subject schema:identifier <subject#scheme>`, a `schema:PropertyValue`
    /// with the scheme and value, and `schema:sameAs` the identifier's IRI when it has one.
    pub fn identifier(
        &mut self,
        subject: &NamedNode,
        scheme: &str,
        value: &str,
        same_as: Option<&str>,
    ) {
        let node = NamedNode::new_unchecked(format!("{}#{scheme}", subject.as_str()));
        self.link(subject, schema::IDENTIFIER, &node);
        self.a(&node, schema::PROPERTY_VALUE);
        self.text(&node, schema::PROPERTY_ID, scheme, None);
        self.text(&node, schema::VALUE, value, None);
        if let Some(iri) = same_as.and_then(|iri| NamedNode::new(iri).ok()) {
            self.link(subject, schema::SAME_AS, &iri);
        }
    }

    /// One author of `paper`, in order: the person (a `schema:Person` with its name, given and
    /// family names and ORCID), `paper schema:author person`, and the authorship
    /// `{paper}#authorship-{position}` with the person and the position, which is returned for
    /// the affiliations of that authorship.
    pub fn author(
        &mut self,
        paper: &NamedNode,
        position: usize,
        person: &NamedNode,
        name: Option<&str>,
        given_family: (Option<&str>, Option<&str>),
        orcid: Option<&crate::ids::Orcid>,
    ) -> NamedNode {
        use crate::vocab::{steppe, xsd};
        self.a(person, schema::PERSON);
        if let Some(name) = name {
            self.text(person, schema::NAME, name, None);
        }
        if let Some(given) = given_family.0 {
            self.text(person, schema::GIVEN_NAME, given, None);
        }
        if let Some(family) = given_family.1 {
            self.text(person, schema::FAMILY_NAME, family, None);
        }
        if let Some(orcid) = orcid {
            self.identifier(person, "orcid", orcid.as_str(), Some(&orcid.iri()));
        }
        self.link(paper, schema::AUTHOR, person);
        let authorship =
            NamedNode::new_unchecked(format!("{}#authorship-{position}", paper.as_str()));
        self.link(paper, steppe::AUTHORSHIP, &authorship);
        self.a(&authorship, steppe::AUTHORSHIP_CLASS);
        self.link(&authorship, steppe::AUTHOR, person);
        self.typed(
            &authorship,
            steppe::POSITION,
            &position.to_string(),
            xsd::INTEGER,
        );
        authorship
    }

    /// An authorship's affiliation at publication, by the organisation's ROR id (a wrong one is
    /// reported under `field` and left out), named as the record names it.
    pub fn affiliation(
        &mut self,
        authorship: &NamedNode,
        ror: Option<&str>,
        name: Option<&str>,
        field: &str,
        minter: &crate::mint::Minter,
        dropped: &mut Vec<String>,
    ) {
        self.organisation(
            authorship,
            crate::vocab::steppe::AFFILIATION_AT_PUBLICATION,
            (ror, name),
            field,
            minter,
            dropped,
        );
    }

    /// `subject predicate organisation`, the organisation by its ROR id (a wrong one is reported
    /// under `field` and left out), named as the record names it.
    pub fn organisation(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        (ror, name): (Option<&str>, Option<&str>),
        field: &str,
        minter: &crate::mint::Minter,
        dropped: &mut Vec<String>,
    ) {
        match ror.map(crate::ids::Ror::parse) {
            Some(Ok(ror)) => {
                let org = minter.org(&ror);
                self.link(subject, predicate, &org);
                self.a(&org, schema::ORGANIZATION);
                if let Some(name) = name {
                    self.text(&org, schema::NAME, name, None);
                }
                self.identifier(&org, "ror", ror.as_str(), Some(&ror.iri()));
            }
            Some(Err(e)) => dropped.push(format!("{field}: {e}")),
            None => {}
        }
    }

    /// The triples.
    pub fn into_triples(self) -> Vec<Triple> {
        self.triples
    }
}

/// An ORCID a record gives, checked: a wrong one is reported under `field` and left out.
pub fn orcid(
    value: Option<&str>,
    field: &str,
    dropped: &mut Vec<String>,
) -> Option<crate::ids::Orcid> {
    match crate::ids::Orcid::parse(value?) {
        Ok(orcid) => Some(orcid),
        Err(e) => {
            dropped.push(format!("{field}: {e}"));
            None
        }
    }
}

/// The person an author is: by ORCID when there is one, else the record's own person
/// (`{source}` and the record's `local` name for the position), never merged by name.
pub fn person(
    minter: &crate::mint::Minter,
    orcid: Option<&crate::ids::Orcid>,
    source: &str,
    local: &str,
) -> NamedNode {
    match orcid {
        Some(orcid) => minter.person(orcid),
        None => minter.unidentified(crate::mint::Kind::Person, source, local),
    }
}

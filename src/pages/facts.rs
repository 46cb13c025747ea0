//! The key facts at the head of a person's, organisation's, journal's or topic's page, read
//! from its document: titles and affiliations, names in other languages, places, ISSNs and
//! publishers, descriptions, broader topics, and identifiers elsewhere (ORCID, ROR, Wikidata,
//! OpenAlex, GeoNames, the ISSN portal, a website).

use crate::document::Document;
use crate::pages::paper::href;
use crate::vocab::{schema, skos, steppe};
use oxigraph::model::{NamedNodeRef, Term};

/// One labelled fact: its values, each with a link when it is one.
#[derive(Debug, Clone)]
pub struct Fact {
    pub label: &'static str,
    pub values: Vec<(String, Option<String>)>,
}

/// What a fact is read from.
enum Source {
    /// Literals of the property, in the reader's language where there is a choice.
    Text(NamedNodeRef<'static>),
    /// Every literal of the property.
    All(NamedNodeRef<'static>),
    /// Things the property links to, by name.
    Link(NamedNodeRef<'static>),
    /// Places the property links to, by name and locality.
    Place(NamedNodeRef<'static>),
}

fn plan(kind: &str) -> Vec<(&'static str, Source)> {
    match kind {
        "person" => vec![
            ("Title", Source::Text(schema::HONORIFIC_PREFIX)),
            ("Affiliation", Source::Link(schema::AFFILIATION)),
            ("Also known as", Source::All(schema::ALTERNATE_NAME)),
        ],
        "org" => vec![
            ("Also known as", Source::All(schema::ALTERNATE_NAME)),
            ("Place", Source::Place(schema::LOCATION)),
            ("Founded", Source::Text(schema::FOUNDING_DATE)),
        ],
        "journal" => vec![
            ("Print ISSN", Source::Text(steppe::ISSN_PRINT)),
            ("Online ISSN", Source::Text(steppe::ISSN_ONLINE)),
            ("Publisher", Source::Link(schema::PUBLISHER)),
        ],
        "topic" => vec![
            ("Description", Source::Text(schema::DESCRIPTION)),
            ("Broader", Source::Link(skos::BROADER)),
        ],
        _ => Vec::new(),
    }
}

/// The facts of the document's entity, for a page of `kind`.
pub fn facts(document: &Document, kind: &str, base: &str, languages: &[String]) -> Vec<Fact> {
    let this = document.iri.as_ref();
    let name_of = |node: NamedNodeRef<'_>| {
        document
            .text(node, schema::NAME, languages)
            .unwrap_or_else(|| node.as_str().to_owned())
    };
    let mut facts: Vec<Fact> = plan(kind)
        .into_iter()
        .map(|(label, source)| {
            let values = match source {
                Source::Text(p) => document
                    .text(this, p, languages)
                    .map(|t| vec![(t, None)])
                    .unwrap_or_default(),
                Source::All(p) => document
                    .objects(this, p)
                    .into_iter()
                    .filter_map(|t| match t {
                        Term::Literal(l) => Some((l.value().to_owned(), None)),
                        _ => None,
                    })
                    .collect(),
                Source::Link(p) => document
                    .links(this, p)
                    .iter()
                    .map(|n| (name_of(n.as_ref()), Some(href(n.as_str(), base))))
                    .collect(),
                Source::Place(p) => document
                    .links(this, p)
                    .iter()
                    .map(|place| {
                        let mut text = name_of(place.as_ref());
                        for address in document.links(place.as_ref(), schema::ADDRESS) {
                            if let Some(country) =
                                document.text(address.as_ref(), schema::ADDRESS_COUNTRY, languages)
                            {
                                text = format!("{text}, {country}");
                            }
                        }
                        (text, None)
                    })
                    .collect(),
            };
            Fact { label, values }
        })
        .filter(|fact| !fact.values.is_empty())
        .collect();
    let mut elsewhere: Vec<(String, Option<String>)> = document
        .links(this, schema::SAME_AS)
        .iter()
        .map(|n| {
            (
                format!("{}: {}", scheme(n.as_str()), n.as_str()),
                Some(n.as_str().to_owned()),
            )
        })
        .collect();
    if let Some(site) = document
        .link(this, schema::URL)
        .filter(|u| !u.as_str().starts_with(base))
    {
        elsewhere.push((
            format!("Website: {}", site.as_str()),
            Some(site.as_str().to_owned()),
        ));
    }
    if !elsewhere.is_empty() {
        facts.push(Fact {
            label: "Elsewhere",
            values: elsewhere,
        });
    }
    facts
}

/// The names of the entity in languages other than the one shown, as `(tag, name)`.
pub fn other_names(document: &Document, shown: &str) -> Vec<(String, String)> {
    document
        .objects(document.iri.as_ref(), schema::NAME)
        .into_iter()
        .filter_map(|t| match t {
            Term::Literal(l) if l.value() != shown => {
                Some((l.language().unwrap_or("").to_owned(), l.value().to_owned()))
            }
            _ => None,
        })
        .collect()
}

/// What kind of identifier a sameAs IRI is.
fn scheme(iri: &str) -> &'static str {
    const SCHEMES: &[(&str, &str)] = &[
        ("https://orcid.org/", "ORCID"),
        ("https://ror.org/", "ROR"),
        ("https://www.wikidata.org/", "Wikidata"),
        ("http://www.wikidata.org/", "Wikidata"),
        ("https://openalex.org/", "OpenAlex"),
        ("https://sws.geonames.org/", "GeoNames"),
        ("https://portal.issn.org/", "ISSN"),
        ("https://doi.org/", "DOI"),
    ];
    SCHEMES
        .iter()
        .find(|(prefix, _)| iri.starts_with(prefix))
        .map_or("Also", |(_, name)| name)
}

//! Turtle for people: sophia's pretty serializer (grouped subjects, our prefixes).
//!
//! Oxigraph's serializer streams and is what dumps and machine clients get; this one holds
//! the graph in memory and groups it, so it serves the small graphs people read (an entity's
//! document, a CONSTRUCT at the terminal). Bridges oxrdf terms to sophia terms.

use oxigraph::model::{TermRef, Triple};
use sophia::api::MownStr;
use sophia::api::prefix::Prefix;
use sophia::api::prelude::TripleSerializer;
use sophia::api::term::{BnodeId, LanguageTag, SimpleTerm};
use sophia::iri::{Iri, IriRef};
use sophia::turtle::serializer::turtle::{TurtleConfig, TurtleSerializer};
use std::io::Write;

/// Why pretty Turtle could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write Turtle: {0}")]
pub struct PrettyError(String);

/// Writes `triples` as grouped, prefixed Turtle.
pub fn write_turtle(triples: &[Triple], out: impl Write) -> Result<(), PrettyError> {
    let prefixes = crate::vocab::PREFIXES
        .iter()
        .map(|(p, ns)| {
            (
                Prefix::new_unchecked(Box::from(*p)),
                Iri::new_unchecked(Box::from(*ns)),
            )
        })
        .collect();
    let config = TurtleConfig::new()
        .with_pretty(true)
        .with_own_prefix_map(prefixes);
    let mut sorted: Vec<&Triple> = triples.iter().collect();
    sorted.sort_by_cached_key(|t| t.to_string());
    let graph: Vec<[SimpleTerm<'_>; 3]> = sorted
        .into_iter()
        .map(|t| {
            [
                term(t.subject.as_ref().into()),
                term(t.predicate.as_ref().into()),
                term(t.object.as_ref()),
            ]
        })
        .collect();
    let mut serializer = TurtleSerializer::new_with_config(out, config);
    serializer
        .serialize_triples(graph.iter().map(Ok::<_, std::convert::Infallible>))
        .map_err(|e| PrettyError(e.to_string()))?;
    Ok(())
}

/// A quad as sophia sees it: `([s, p, o], graph)`.
pub fn quad(quad: &oxigraph::model::Quad) -> ([SimpleTerm<'_>; 3], Option<SimpleTerm<'_>>) {
    let graph = match &quad.graph_name {
        oxigraph::model::GraphName::NamedNode(n) => Some(term(n.as_ref().into())),
        oxigraph::model::GraphName::BlankNode(b) => Some(term(b.as_ref().into())),
        oxigraph::model::GraphName::DefaultGraph => None,
    };
    (
        [
            term(quad.subject.as_ref().into()),
            term(quad.predicate.as_ref().into()),
            term(quad.object.as_ref()),
        ],
        graph,
    )
}

/// The sophia term for an oxrdf term (borrowing its text).
pub fn term(term: TermRef<'_>) -> SimpleTerm<'_> {
    match term {
        TermRef::NamedNode(n) => SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from(n.as_str()))),
        TermRef::BlankNode(b) => {
            SimpleTerm::BlankNode(BnodeId::new_unchecked(MownStr::from(b.as_str())))
        }
        TermRef::Literal(l) => match l.language() {
            Some(lang) => SimpleTerm::LiteralLanguage(
                MownStr::from(l.value()),
                LanguageTag::new_unchecked(MownStr::from(lang)),
                None,
            ),
            None => SimpleTerm::LiteralDatatype(
                MownStr::from(l.value()),
                IriRef::new_unchecked(MownStr::from(l.datatype().as_str())),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::schema;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn groups_by_subject_with_prefixes() {
        let s = NamedNode::new("http://example.org/paper/1").unwrap();
        let triples = vec![
            Triple::new(
                s.clone(),
                schema::NAME,
                Literal::new_language_tagged_literal_unchecked("A \"title\"", "en"),
            ),
            Triple::new(s, crate::vocab::rdf::TYPE, schema::SCHOLARLY_ARTICLE),
        ];
        let mut out = Vec::new();
        write_turtle(&triples, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("schema:ScholarlyArticle"), "{text}");
        assert!(text.contains("@en"), "{text}");
        assert_eq!(
            text.matches("<http://example.org/paper/1>").count(),
            1,
            "{text}"
        );
        // and it parses back to the same triples
        let parsed: Vec<_> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(parsed.len(), 2);
    }
}

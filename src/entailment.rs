//! RDFS entailment limited to the class and property hierarchy (rules rdfs5, rdfs7, rdfs9, rdfs11).
//!
//! The hierarchy comes from the ontology graph: `rdfs:subClassOf` and `rdfs:subPropertyOf`
//! (and `owl:equivalentClass` / `owl:equivalentProperty`, read as subsumption both ways),
//! closed transitively. Applying it is per triple: `s rdf:type C` entails `s rdf:type D` for every
//! superclass D of C, and `s p o` entails `s q o` for every superproperty q of p. So what one
//! source graph entails depends only on that graph and the ontology, and it is recomputed
//! for that graph alone when it changes. Pure: no store, no I/O.

use crate::vocab::{owl, rdf, rdfs};
use oxigraph::model::{NamedNode, NamedNodeRef, Quad, QuadRef, Term, TripleRef};
use std::collections::{HashMap, HashSet};

/// The closed class and property hierarchy of an ontology.
#[derive(Debug, Default, Clone)]
pub struct Hierarchy {
    superclasses: HashMap<String, Vec<NamedNode>>,
    superproperties: HashMap<String, Vec<NamedNode>>,
}

impl Hierarchy {
    /// Builds the closure from the ontology's triples.
    pub fn from_triples<'a>(triples: impl IntoIterator<Item = TripleRef<'a>>) -> Self {
        let mut classes: HashMap<NamedNode, HashSet<NamedNode>> = HashMap::new();
        let mut properties: HashMap<NamedNode, HashSet<NamedNode>> = HashMap::new();
        for t in triples {
            let (Some(sub), Term::NamedNode(sup)) = (named(t.subject), t.object.into_owned())
            else {
                continue;
            };
            let p = t.predicate;
            if p == rdfs::SUB_CLASS_OF {
                classes.entry(sub).or_default().insert(sup);
            } else if p == rdfs::SUB_PROPERTY_OF {
                properties.entry(sub).or_default().insert(sup);
            } else if p == owl::EQUIVALENT_CLASS {
                classes.entry(sub.clone()).or_default().insert(sup.clone());
                classes.entry(sup).or_default().insert(sub);
            } else if p == owl::EQUIVALENT_PROPERTY {
                properties
                    .entry(sub.clone())
                    .or_default()
                    .insert(sup.clone());
                properties.entry(sup).or_default().insert(sub);
            }
        }
        Self {
            superclasses: close(&classes),
            superproperties: close(&properties),
        }
    }

    /// Every strict superclass of `class`.
    pub fn superclasses(&self, class: NamedNodeRef<'_>) -> &[NamedNode] {
        self.superclasses
            .get(class.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// Every strict superproperty of `property`.
    pub fn superproperties(&self, property: NamedNodeRef<'_>) -> &[NamedNode] {
        self.superproperties
            .get(property.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// Whether this hierarchy entails anything at all.
    pub fn is_empty(&self) -> bool {
        self.superclasses.is_empty() && self.superproperties.is_empty()
    }

    /// The quads entailed by `quad`, placed in `graph`. Never includes `quad` itself.
    pub fn entailed<'a>(
        &'a self,
        quad: QuadRef<'a>,
        graph: &'a NamedNode,
    ) -> impl Iterator<Item = Quad> + 'a {
        let types = match quad.object {
            oxigraph::model::TermRef::NamedNode(class) if quad.predicate == rdf::TYPE => {
                self.superclasses(class)
            }
            _ => &[],
        };
        let by_type = types.iter().map(move |class| {
            Quad::new(
                quad.subject.into_owned(),
                rdf::TYPE,
                class.clone(),
                graph.clone(),
            )
        });
        let by_property = self
            .superproperties(quad.predicate)
            .iter()
            .map(move |property| {
                Quad::new(
                    quad.subject.into_owned(),
                    property.clone(),
                    quad.object.into_owned(),
                    graph.clone(),
                )
            });
        by_type.chain(by_property)
    }
}

fn named(subject: oxigraph::model::NamedOrBlankNodeRef<'_>) -> Option<NamedNode> {
    match subject {
        oxigraph::model::NamedOrBlankNodeRef::NamedNode(n) => Some(n.into_owned()),
        oxigraph::model::NamedOrBlankNodeRef::BlankNode(_) => None,
    }
}

/// Transitive closure of a direct "is a kind of" relation, without self loops.
fn close(direct: &HashMap<NamedNode, HashSet<NamedNode>>) -> HashMap<String, Vec<NamedNode>> {
    let mut closed = HashMap::new();
    for start in direct.keys() {
        let mut seen = HashSet::new();
        let mut stack: Vec<&NamedNode> = direct[start].iter().collect();
        while let Some(next) = stack.pop() {
            if next != start && seen.insert(next.clone()) {
                stack.extend(direct.get(next).into_iter().flatten());
            }
        }
        let mut all: Vec<NamedNode> = seen.into_iter().collect();
        all.sort();
        if !all.is_empty() {
            closed.insert(start.as_str().to_owned(), all);
        }
    }
    closed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::schema;
    use oxigraph::model::{GraphNameRef, Triple};

    fn hierarchy() -> Hierarchy {
        let n = |s: &str| NamedNode::new(s).unwrap();
        let p = |s: &str| n(&format!("http://ex.org/{s}"));
        let triples = [
            Triple::new(
                schema::COLLEGE_OR_UNIVERSITY,
                rdfs::SUB_CLASS_OF,
                schema::EDUCATIONAL_ORGANIZATION,
            ),
            Triple::new(
                schema::EDUCATIONAL_ORGANIZATION,
                rdfs::SUB_CLASS_OF,
                schema::ORGANIZATION,
            ),
            Triple::new(schema::ORGANIZATION, rdfs::SUB_CLASS_OF, schema::THING),
            Triple::new(p("issnPrint"), rdfs::SUB_PROPERTY_OF, schema::ISSN),
            // a cycle must not loop nor entail a class of itself
            Triple::new(p("A"), rdfs::SUB_CLASS_OF, p("B")),
            Triple::new(p("B"), rdfs::SUB_CLASS_OF, p("A")),
        ];
        Hierarchy::from_triples(triples.iter().map(Triple::as_ref))
    }

    #[test]
    fn subclass_closure_is_transitive() {
        let h = hierarchy();
        let supers: Vec<&str> = h
            .superclasses(schema::COLLEGE_OR_UNIVERSITY)
            .iter()
            .map(NamedNode::as_str)
            .collect();
        assert_eq!(
            supers,
            [
                "http://schema.org/EducationalOrganization",
                "http://schema.org/Organization",
                "http://schema.org/Thing"
            ]
        );
        assert_eq!(
            h.superclasses(NamedNodeRef::new("http://ex.org/A").unwrap())
                .len(),
            1
        );
    }

    #[test]
    fn entails_types_and_superproperties_into_the_given_graph() {
        let h = hierarchy();
        let g = NamedNode::new("http://ex.org/graph/inferred/x").unwrap();
        let s = NamedNode::new("http://ex.org/aitu").unwrap();
        let typed = Quad::new(
            s.clone(),
            rdf::TYPE,
            schema::COLLEGE_OR_UNIVERSITY,
            GraphNameRef::DefaultGraph,
        );
        assert_eq!(h.entailed(typed.as_ref(), &g).count(), 3);
        let issn = Quad::new(
            s,
            NamedNode::new("http://ex.org/issnPrint").unwrap(),
            oxigraph::model::Literal::new_simple_literal("0955-7571"),
            GraphNameRef::DefaultGraph,
        );
        let entailed: Vec<Quad> = h.entailed(issn.as_ref(), &g).collect();
        assert_eq!(entailed.len(), 1);
        assert_eq!(entailed[0].predicate, schema::ISSN);
        assert_eq!(entailed[0].graph_name, g.into());
    }
}

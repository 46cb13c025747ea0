//! Files compiled into the binary: the ontology, the SHACL shapes and the demo data.
//!
//! `steppe serve` installs the ontology at every start and loads the demo data into an empty
//! store, so the binary works wherever it is run. Tests check that every file under
//! `ontology/` and `data/` is listed here.

use crate::shacl::{Shapes, ShapesError};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Graph;

/// The ontology documents, loaded into the ontology graph: (file name, Turtle).
pub const ONTOLOGY: &[(&str, &str)] = &[
    ("steppe.ttl", include_str!("../ontology/steppe.ttl")),
    ("schema.ttl", include_str!("../ontology/schema.ttl")),
];

/// The SHACL shapes of the model (Turtle).
pub const SHAPES: &str = include_str!("../ontology/shapes.ttl");

/// The demo data: (path under `data/`, Turtle with IRIs relative to the store's base).
pub const DEMO_DATA: &[(&str, &str)] = &[
    ("dataset.ttl", include_str!("../data/dataset.ttl")),
    (
        "seed/kassen-2018.ttl",
        include_str!("../data/seed/kassen-2018.ttl"),
    ),
    (
        "ror/ror-kazakhstan.ttl",
        include_str!("../data/ror/ror-kazakhstan.ttl"),
    ),
    (
        "openalex/openalex-works.ttl",
        include_str!("../data/openalex/openalex-works.ttl"),
    ),
];

/// Parses a Turtle document of shapes.
pub fn parse_shapes(name: &str, turtle: &str) -> Result<Shapes, ShapesError> {
    let mut graph = Graph::new();
    for triple in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
        let quad = triple.map_err(|e| ShapesError::Invalid {
            shape: name.to_owned(),
            message: e.to_string(),
        })?;
        graph.insert(quad.as_ref());
    }
    Shapes::parse(&graph)
}

/// steppe's own shapes.
pub fn shapes() -> Result<Shapes, ShapesError> {
    parse_shapes("shapes.ttl", SHAPES)
}

//! Integration tests: one binary (see STYLE), modules per concern.

mod citation;
mod cli;
mod data;
mod entailment;
mod harvest;
mod http;
mod import;
mod iri;
mod lists;
mod load;
mod ontology;
mod pages;
mod replay;
mod shacl;
mod sparql;
mod support;
mod synthetic;
mod w3c;
mod write;

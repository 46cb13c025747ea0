//! Query results for people and programs: aligned tables and every SPARQL result format.
//!
//! Owns the mapping from `--format` names to serializers. Knows nothing of HTTP.

use oxigraph::io::RdfFormat;
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolution};
use std::io::Write;

/// An output format of `steppe query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal (solutions) or pretty Turtle (graphs).
    Table,
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

impl Format {
    /// Every name `--format` accepts.
    pub const NAMES: &'static [&'static str] = &[
        "table", "json", "xml", "csv", "tsv", "ttl", "nt", "nq", "trig", "rdf", "jsonld",
    ];

    /// Parses a `--format` name.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "table" => Self::Table,
            "json" => Self::Results(QueryResultsFormat::Json),
            "xml" => Self::Results(QueryResultsFormat::Xml),
            "csv" => Self::Results(QueryResultsFormat::Csv),
            "tsv" => Self::Results(QueryResultsFormat::Tsv),
            "ttl" => Self::Rdf(RdfFormat::Turtle),
            "nt" => Self::Rdf(RdfFormat::NTriples),
            "nq" => Self::Rdf(RdfFormat::NQuads),
            "trig" => Self::Rdf(RdfFormat::TriG),
            "rdf" => Self::Rdf(RdfFormat::RdfXml),
            "jsonld" => Self::Rdf(RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            }),
            _ => return None,
        })
    }
}

/// Why results could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    #[error("format {format} is for {fits}; this query returns {returns}")]
    Mismatch {
        format: &'static str,
        fits: &'static str,
        returns: &'static str,
    },
    #[error("query evaluation failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("cannot write results: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Pretty(#[from] crate::pretty::PrettyError),
}

/// Writes results in `format`.
pub fn write(
    results: QueryResults<'_>,
    format: Format,
    mut out: impl Write,
) -> Result<(), ResultsError> {
    match (results, format) {
        (QueryResults::Boolean(value), Format::Table) => writeln!(out, "{value}")?,
        (QueryResults::Boolean(value), Format::Results(f)) => {
            QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut out, value)?;
        }
        (QueryResults::Solutions(solutions), Format::Table) => {
            let variables: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution?;
                rows.push(
                    variables
                        .iter()
                        .map(|v| solution.get(v.as_str()).map(display).unwrap_or_default())
                        .collect::<Vec<_>>(),
                );
            }
            write_table(&variables, &rows, &mut out)?;
        }
        (QueryResults::Solutions(solutions), Format::Results(f)) => {
            let variables = solutions.variables().to_vec();
            write_solutions(variables, solutions, f, &mut out)?;
        }
        (QueryResults::Graph(triples), Format::Table) => {
            let triples = triples.collect::<Result<Vec<Triple>, _>>()?;
            crate::pretty::write_turtle(&triples, &mut out)?;
        }
        (QueryResults::Graph(triples), Format::Rdf(f)) => write_triples(triples, f, &mut out)?,
        (QueryResults::Graph(_), Format::Results(_)) => {
            return Err(ResultsError::Mismatch {
                format: "json/xml/csv/tsv",
                fits: "SELECT and ASK",
                returns: "a graph",
            });
        }
        (_, Format::Rdf(_)) => {
            return Err(ResultsError::Mismatch {
                format: "ttl/nt/nq/trig/rdf/jsonld",
                fits: "CONSTRUCT and DESCRIBE",
                returns: "solutions",
            });
        }
    }
    Ok(())
}

/// Streams solutions in a SPARQL results format.
pub fn write_solutions(
    variables: Vec<oxigraph::sparql::Variable>,
    solutions: impl IntoIterator<Item = Result<QuerySolution, QueryEvaluationError>>,
    format: QueryResultsFormat,
    out: impl Write,
) -> Result<(), ResultsError> {
    let mut writer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(out, variables)?;
    for solution in solutions {
        writer.serialize(&solution?)?;
    }
    writer.finish()?;
    Ok(())
}

/// Streams triples in an RDF format, with steppe's prefixes where the format has them.
pub fn write_triples(
    triples: impl IntoIterator<Item = Result<Triple, QueryEvaluationError>>,
    format: RdfFormat,
    out: impl Write,
) -> Result<(), ResultsError> {
    let mut writer = crate::store::with_prefixes(oxigraph::io::RdfSerializer::from_format(format))
        .for_writer(out);
    for triple in triples {
        writer.serialize_triple(&triple?)?;
    }
    writer.finish()?;
    Ok(())
}

/// Writes rows under a header, columns padded to their widest cell.
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    mut out: impl Write,
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        padded.join(" | ").trim_end().to_owned()
    };
    writeln!(out, "{}", line(header))?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-")
    )?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

/// A term as people read it: prefixed names for known namespaces, plain text for strings.
pub fn display(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => compact(n.as_str()),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => match l.language() {
            Some(lang) => format!("{}@{lang}", l.value()),
            None => l.value().to_owned(),
        },
    }
}

/// `schema:name` for `http://schema.org/name`; `<iri>` when no prefix fits.
pub fn compact(iri: &str) -> String {
    crate::vocab::PREFIXES
        .iter()
        .find_map(|(prefix, ns)| {
            iri.strip_prefix(ns)
                .filter(|local| !local.contains(['/', '#']))
                .map(|local| format!("{prefix}:{local}"))
        })
        .unwrap_or_else(|| format!("<{iri}>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_aligned() {
        let mut out = Vec::new();
        write_table(
            &["a".into(), "long".into()],
            &[vec!["xyz".into(), "1".into()]],
            &mut out,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a   | long\n----+-----\nxyz | 1\n(1 row)\n"
        );
    }

    #[test]
    fn iris_are_compacted() {
        assert_eq!(compact("http://schema.org/name"), "schema:name");
        assert_eq!(compact("http://example.org/x"), "<http://example.org/x>");
    }
}

//! Importers: records of the big scholarly graphs (Crossref, ROR, …) into steppe's model.
//!
//! A file is read whole (`.gz` too: a truncated or corrupt file is refused before anything is
//! written), then split into records: a single record, an API list response
//! (`{"message":{"items":[…]}}`, `{"results":[…]}`, `{"items":[…]}`, JSON:API `{"data":…}`), a
//! JSON array, or JSON Lines.
//! Each record goes through its source's mapper, which is pure (JSON in, triples out), and is
//! loaded as one source of its own, `{source}:{record id}` (so importing it again replaces it and
//! adds nothing, and each source's statements stay in their own graph with provenance). A bad
//! record is skipped with its position and reason while the others land; `--strict` writes
//! nothing when any record is skipped.

pub mod crossref;
pub mod datacite;
pub mod http;
pub mod model;
pub mod openalex;
pub mod orcid;
pub mod ror;

use crate::store::{Store, StoreError};
use oxigraph::model::{NamedNode, Triple};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::time::Instant;

/// The sources steppe imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Crossref,
    Datacite,
    Openalex,
    Orcid,
    Ror,
}

impl Kind {
    /// The source named on the command line or in a URL.
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "crossref" => Some(Self::Crossref),
            "datacite" => Some(Self::Datacite),
            "openalex" => Some(Self::Openalex),
            "orcid" => Some(Self::Orcid),
            "ror" => Some(Self::Ror),
            _ => None,
        }
    }

    /// Its name, which also prefixes the keys of its records' graphs.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Crossref => "crossref",
            Self::Datacite => "datacite",
            Self::Openalex => "openalex",
            Self::Orcid => "orcid",
            Self::Ror => "ror",
        }
    }

    fn map(self, record: &Value, minter: &crate::mint::Minter) -> Result<Mapped, String> {
        match self {
            Self::Crossref => crossref::map(record, minter),
            Self::Datacite => datacite::map(record, minter),
            Self::Openalex => openalex::map(record, minter),
            Self::Orcid => orcid::map(record, minter),
            Self::Ror => ror::map(record, minter),
        }
    }
}

/// What a mapper makes of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    /// The record's id in its source (a DOI, a ROR id): with the source, the key of its graph.
    pub id: String,
    /// The entity the record is about.
    pub entity: NamedNode,
    pub triples: Vec<Triple>,
    /// Works it cites: (steppe's IRI for the cited identifier, the identifier's own IRI).
    pub citations: Vec<(NamedNode, NamedNode)>,
    /// Journals it names: the IRI minted for one of its ISSNs, and all the ISSNs it gives.
    pub journals: Vec<(NamedNode, Vec<String>)>,
    /// Identifiers found invalid and left out, each with the field and why.
    pub dropped: Vec<String>,
}

impl Mapped {
    /// Renames an entity (and its hash parts and the volumes and issues under it) everywhere
    /// in the record: how a journal minted from one ISSN becomes the journal the store already
    /// knows by another of its ISSNs.
    pub fn rename(&mut self, from: &NamedNode, to: &NamedNode) {
        let rename = |iri: &NamedNode| -> Option<NamedNode> {
            let rest = iri.as_str().strip_prefix(from.as_str())?;
            (rest.is_empty() || rest.starts_with('/') || rest.starts_with('#'))
                .then(|| NamedNode::new_unchecked(format!("{}{rest}", to.as_str())))
        };
        for triple in &mut self.triples {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &triple.subject
                && let Some(renamed) = rename(s)
            {
                triple.subject = renamed.into();
            }
            if let oxigraph::model::Term::NamedNode(o) = &triple.object
                && let Some(renamed) = rename(o)
            {
                triple.object = renamed.into();
            }
        }
        if let Some(renamed) = rename(&self.entity) {
            self.entity = renamed;
        }
    }

    /// The record's triples, with each citation made a link to steppe's entity when `known`
    /// says the store has it, and to the identifier's own IRI (`https://doi.org/…`) when not;
    /// pages find citing works either way (`queries/cited_by.rq` follows sameAs).
    pub fn resolve(&self, known: impl Fn(&NamedNode) -> bool) -> Vec<Triple> {
        let mut triples = self.triples.clone();
        for (local, external) in &self.citations {
            let cited = if known(local) { local } else { external };
            let triple = Triple::new(
                self.entity.clone(),
                crate::vocab::schema::CITATION,
                cited.clone(),
            );
            if !triples.contains(&triple) {
                triples.push(triple);
            }
        }
        triples
    }
}

/// A record that was not imported: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub position: String,
    pub reason: String,
}

/// What one import did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    pub read: u64,
    pub imported: u64,
    /// Imported records whose entity other sources also describe.
    pub merged: u64,
    /// Imported records the store already had with the same statements (left as they were).
    pub unchanged: u64,
    /// Skipped records, counted by reason.
    pub skipped: BTreeMap<String, u64>,
    /// The first skipped records, each with its position.
    pub skips: Vec<String>,
    /// Invalid identifiers left out of imported records.
    pub dropped: Vec<String>,
    pub quads: u64,
    pub seconds: f64,
    pub records_per_second: f64,
}

/// Records mapped at a time.
const BATCH: usize = 1000;

/// Quads gathered before they are loaded in one commit.
const FLUSH_QUADS: usize = 250_000;

/// Skipped records listed by position in a summary (counts cover them all).
const LISTED_SKIPS: usize = 50;

/// Why a whole file was refused. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read it: {message}")]
    Unreadable { file: String, message: String },
    #[error("{file}: neither a JSON document nor JSON Lines: {message}")]
    NotJson { file: String, message: String },
    #[error("{file}: --strict, and {count} records would be skipped; the first: {first}")]
    Strict {
        file: String,
        count: usize,
        first: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A record and where it is in its file (a line, or a JSON path).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub position: String,
    pub value: Value,
}

/// The records of a file's bytes (gzip-compressed when the name ends in `.gz`), or skips for the
/// lines of JSON Lines that are not JSON.
pub fn records(file: &str, bytes: &[u8]) -> Result<Vec<Result<Record, Skip>>, ImportError> {
    Ok(Records::read(file, bytes)?.iter().collect())
}

/// A file of records, read and checked: one JSON document split into records, or JSON Lines
/// parsed a line at a time as they are asked for (so a large dump is never held as values whole).
#[derive(Debug)]
pub struct Records {
    file: String,
    text: String,
    document: Option<Vec<Record>>,
}

impl Records {
    /// Reads a file's bytes; a file that cannot be decompressed, is not UTF-8, or is neither a
    /// JSON document nor JSON Lines with at least one record is refused.
    pub fn read(file: &str, bytes: &[u8]) -> Result<Self, ImportError> {
        let text = if file.ends_with(".gz") {
            let mut out = String::new();
            flate2::read::MultiGzDecoder::new(bytes)
                .read_to_string(&mut out)
                .map_err(|e| ImportError::Unreadable {
                    file: file.to_owned(),
                    message: e.to_string(),
                })?;
            out
        } else {
            String::from_utf8(bytes.to_vec()).map_err(|e| ImportError::Unreadable {
                file: file.to_owned(),
                message: format!("not UTF-8: {e}"),
            })?
        };
        match serde_json::from_str::<Value>(&text) {
            Ok(document) => Ok(Self {
                file: file.to_owned(),
                document: Some(split(file, document)),
                text: String::new(),
            }),
            Err(whole) => {
                let any = text
                    .lines()
                    .any(|line| serde_json::from_str::<serde::de::IgnoredAny>(line).is_ok());
                if !any {
                    return Err(ImportError::NotJson {
                        file: file.to_owned(),
                        message: whole.to_string(),
                    });
                }
                Ok(Self {
                    file: file.to_owned(),
                    text,
                    document: None,
                })
            }
        }
    }

    /// How many records (and lines that are not JSON) there are.
    pub fn len(&self) -> usize {
        match &self.document {
            Some(records) => records.len(),
            None => self
                .text
                .lines()
                .filter(|line| !line.trim().is_empty())
                .count(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The records, in order, with skips for lines that are not JSON.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Result<Record, Skip>> + '_> {
        match &self.document {
            Some(records) => Box::new(records.iter().cloned().map(Ok)),
            None => Box::new(
                self.text
                    .lines()
                    .enumerate()
                    .filter(|(_, line)| !line.trim().is_empty())
                    .map(|(index, line)| {
                        let position = format!("{}:{}", self.file, index + 1);
                        serde_json::from_str::<Value>(line)
                            .map(|value| Record {
                                position: position.clone(),
                                value,
                            })
                            .map_err(|e| Skip {
                                position,
                                reason: format!("invalid JSON line ({e})"),
                            })
                    }),
            ),
        }
    }
}

/// The records of one JSON document: list responses and arrays give one record per item.
fn split(file: &str, document: Value) -> Vec<Record> {
    let list = |path: &str, items: Vec<Value>| -> Vec<Record> {
        items
            .into_iter()
            .enumerate()
            .map(|(i, value)| Record {
                position: format!("{file}:{path}[{i}]"),
                value,
            })
            .collect()
    };
    match document {
        Value::Array(items) => list("$", items),
        Value::Object(mut map) => {
            if let Some(Value::Object(message)) = map.get_mut("message")
                && let Some(Value::Array(items)) = message.remove("items")
            {
                return list("$.message.items", items);
            }
            // JSON:API (DataCite): a list in "data", or one record there
            match map.remove("data") {
                Some(Value::Array(items)) => return list("$.data", items),
                Some(record @ Value::Object(_)) => {
                    return vec![Record {
                        position: format!("{file}:$.data"),
                        value: record,
                    }];
                }
                Some(other) => {
                    map.insert("data".to_owned(), other);
                }
                None => {}
            }
            for key in ["results", "items"] {
                if let Some(Value::Array(items)) = map.remove(key) {
                    return list(&format!("$.{key}"), items);
                }
            }
            // a single record, or an API response wrapping one in "message"
            let value = match map.remove("message") {
                Some(message @ Value::Object(_)) if map.contains_key("message-type") => message,
                Some(other) => {
                    map.insert("message".to_owned(), other);
                    Value::Object(map)
                }
                None => Value::Object(map),
            };
            vec![Record {
                position: format!("{file}:$"),
                value,
            }]
        }
        other => vec![Record {
            position: format!("{file}:$"),
            value: other,
        }],
    }
}

/// Imports the records of one file from `source` into `store`.
pub fn import(
    store: &Store,
    source: Kind,
    file: &str,
    bytes: &[u8],
    strict: bool,
) -> Result<Summary, ImportError> {
    import_with_progress(store, source, file, bytes, strict, |_, _| {})
}

/// [`import`], telling `progress` (records read so far, records in the file) after each batch.
pub fn import_with_progress(
    store: &Store,
    source: Kind,
    file: &str,
    bytes: &[u8],
    strict: bool,
    mut progress: impl FnMut(u64, u64),
) -> Result<Summary, ImportError> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let all = Records::read(file, bytes)?;
    let total = all.len() as u64;
    if strict {
        // a first pass finds every skip before anything is written
        let mut skips = all.iter().filter_map(|record| match &record {
            Ok(record) => source
                .map(&record.value, store.minter())
                .err()
                .map(|reason| Skip {
                    position: record.position.clone(),
                    reason,
                }),
            Err(skip) => Some(skip.clone()),
        });
        if let Some(first) = skips.next() {
            return Err(ImportError::Strict {
                file: file.to_owned(),
                count: 1 + skips.count(),
                first: format!("{}: {}", first.position, first.reason),
            });
        }
    }
    // journals by ISSN: the first IRI seen for any of a journal's ISSNs, in the store or in
    // this file, is the journal's
    let mut journals: std::collections::HashMap<String, NamedNode> =
        std::collections::HashMap::new();
    // records are mapped and land a batch at a time, each batch in one commit
    let mut pending: Vec<(String, String, Vec<Triple>)> = Vec::new();
    let mut pending_entities: std::collections::HashSet<NamedNode> =
        std::collections::HashSet::new();
    let mut pending_quads = 0usize;
    let mut records = all.iter().peekable();
    while records.peek().is_some() {
        let chunk: Vec<Result<Record, Skip>> = records.by_ref().take(BATCH).collect();
        let mut mapped: Vec<(&Record, Mapped)> = Vec::with_capacity(chunk.len());
        for record in &chunk {
            summary.read += 1;
            let skip = match record {
                Ok(record) => match source.map(&record.value, store.minter()) {
                    Ok(mut m) => {
                        for (minted, issns) in m.journals.clone() {
                            let known = match issns.iter().find_map(|i| journals.get(i)) {
                                Some(known) => Some(known.clone()),
                                None => store.journal_by_issns(&issns)?,
                            };
                            let journal = match known {
                                Some(known) if known != minted => {
                                    m.rename(&minted, &known);
                                    known
                                }
                                _ => minted,
                            };
                            for issn in issns {
                                journals.entry(issn).or_insert_with(|| journal.clone());
                            }
                        }
                        mapped.push((record, m));
                        continue;
                    }
                    Err(reason) => Skip {
                        position: record.position.clone(),
                        reason,
                    },
                },
                Err(skip) => skip.clone(),
            };
            *summary
                .skipped
                .entry(reason_kind(&skip.reason))
                .or_default() += 1;
            if summary.skips.len() < LISTED_SKIPS {
                summary
                    .skips
                    .push(format!("{}: {}", skip.position, skip.reason));
            }
        }
        for (_, m) in &mapped {
            pending_entities.insert(m.entity.clone());
        }
        for (record, m) in &mapped {
            let key = format!("{}:{}", source.name(), m.id);
            let graph = store.minter().source_graph(&key);
            if store.describes_elsewhere(&m.entity, &graph)? {
                summary.merged += 1;
            }
            let triples = m.resolve(|cited| {
                pending_entities.contains(cited) || store.describes(cited).unwrap_or(false)
            });
            pending_quads += triples.len();
            pending.push((key, record.position.clone(), triples));
            summary.dropped.extend(
                m.dropped
                    .iter()
                    .map(|d| format!("{}: {d}", record.position)),
            );
        }
        // few large commits: on RocksDB every bulk load adds files that later reads must consult
        if pending_quads >= FLUSH_QUADS {
            flush(store, &mut pending, &mut summary)?;
            pending_entities.clear();
            pending_quads = 0;
        }
        progress(summary.read, total);
    }
    flush(store, &mut pending, &mut summary)?;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.records_per_second = if summary.seconds > 0.0 {
        summary.read as f64 / summary.seconds
    } else {
        0.0
    };
    Ok(summary)
}

/// Loads the records mapped so far, as one batch.
fn flush(
    store: &Store,
    pending: &mut Vec<(String, String, Vec<Triple>)>,
    summary: &mut Summary,
) -> Result<(), ImportError> {
    if pending.is_empty() {
        return Ok(());
    }
    for (quads, unchanged) in store.load_batch(pending)? {
        summary.imported += 1;
        summary.unchanged += u64::from(unchanged);
        summary.quads += quads;
    }
    pending.clear();
    Ok(())
}

/// The reason a skip is counted under: its text up to the first parenthesis.
fn reason_kind(reason: &str) -> String {
    reason
        .split(" (")
        .next()
        .unwrap_or(reason)
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_of_file_gives_its_records() {
        let list =
            br#"{"status":"ok","message-type":"work-list","message":{"items":[{"a":1},{"a":2}]}}"#;
        let found = records("list.json", list).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[1].as_ref().unwrap().position,
            "list.json:$.message.items[1]"
        );
        let single = br#"{"status":"ok","message-type":"work","message":{"DOI":"10.1/x"}}"#;
        let found = records("one.json", single).unwrap();
        assert_eq!(found[0].as_ref().unwrap().value["DOI"], "10.1/x");
        let results = br#"{"meta":{},"results":[{"id":1}]}"#;
        assert_eq!(records("r.json", results).unwrap().len(), 1);
        let lines = b"{\"a\":1}\n\nnot json\n{\"a\":2}\n";
        let found = records("l.jsonl", lines).unwrap();
        assert_eq!(found.len(), 3);
        let skip = found[1].as_ref().unwrap_err();
        assert_eq!(skip.position, "l.jsonl:3");
        assert!(
            skip.reason.starts_with("invalid JSON line"),
            "{}",
            skip.reason
        );
        assert!(matches!(
            super::records("x.json", b"<html>"),
            Err(ImportError::NotJson { .. })
        ));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"{\"a\":1}\n{\"a\":2}\n").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(super::records("l.jsonl.gz", &gz).unwrap().len(), 2);
        assert!(matches!(
            super::records("l.jsonl.gz", &gz[..gz.len() / 2]),
            Err(ImportError::Unreadable { .. })
        ));
    }
}

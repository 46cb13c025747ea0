//! The only code that touches `oxigraph::store::Store`.
//!
//! Layout of the dataset (all graph names minted by `mint`):
//! - `{base}graph/source/{key}`: what one source file said, replaced whole when it is loaded again;
//! - `{base}graph/inferred/{key}`: what that source entails under the ontology's hierarchy
//!   (every other graph a client writes has one too: `Minter::inferred_of`);
//! - `{base}graph/ontology`: the ontology, replaced at every start;
//! - `{base}graph/meta`: one `steppe:Source` per source graph (file, time, quads, SHA-256);
//! - `urn:steppe:store`: the store's own settings (the base IRI it was created with).
//!
//! Queries see the union of all graphs as their default graph.
//! Every write goes through one writer lock and is one atomic commit: a failed load changes nothing.

use crate::entailment::Hierarchy;
use crate::mint::{MintError, Minter};
use crate::source::{Source, SourceError};
use crate::vocab::{rdf, steppe, xsd};
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphNameRef, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef,
    Term, TermRef, Variable,
};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError,
};
use oxigraph::store::StorageError;
use std::io::Write;

mod bind;
mod lists;
mod modified;
mod write;
pub use lists::{Direction, EntityLists, ItemRow, List, Lists, PaperRow};
pub use modified::{Touched, later};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
pub use write::{GraphChange, WriteError, WriteReport};

/// Quads handed from the parser thread to the bulk loader at a time.
const CHUNK: usize = 16 * 1024;

/// Quads the bulk loader sorts and writes at a time, on each of its threads. Oxigraph's
/// default is a million: a file of fewer quads is then indexed only after it was all parsed
/// and entailed, and a larger one overlaps less. With 350,000 (two cores, same session):
/// 10,000 papers (0.8 M quads with the entailed ones) load in 3.4 s instead of 6.4 s,
/// 100,000 papers in 35.7 s instead of 38.6-40.9 s, in half the memory.
const LOAD_BATCH: usize = 350_000;

const STORE_GRAPH: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(crate::mint::STORE_SETTINGS);

/// Store failures. Each says what failed and names the file or value.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {dir}: {source}")]
    Open { dir: String, source: StorageError },
    #[error(
        "this store was created with base IRI {recorded}, not {given}: IRIs minted under one base would not resolve under the other (omit --base-iri, or use a new store)"
    )]
    BaseMismatch { recorded: String, given: String },
    #[error(transparent)]
    Mint(#[from] MintError),
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("{file}: {message}")]
    Read { file: String, message: String },
    #[error("storage error: {0}")]
    Storage(#[from] StorageError),
    #[error("the writer lock is poisoned by an earlier panic")]
    Poisoned,
}

/// Query failures.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    #[error("the query was cancelled after {0:?}, its time limit")]
    Timeout(Duration),
    #[error("query evaluation failed: {0}")]
    Evaluation(QueryEvaluationError),
}

impl From<QueryEvaluationError> for QueryError {
    fn from(e: QueryEvaluationError) -> Self {
        Self::Evaluation(e)
    }
}

/// The dataset of a query, as the SPARQL protocol's `default-graph-uri` and
/// `named-graph-uri` give it. Empty: the query's own `FROM`, or else the union of all graphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryDataset {
    /// The default graph's parts: named graphs, or the store's own default graph.
    pub default_graphs: Vec<oxigraph::model::GraphName>,
    pub named_graphs: Vec<NamedNode>,
}

/// What one load did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    /// The graph the source went into.
    pub graph: NamedNode,
    /// Quads the source holds (after parsing, before entailment).
    pub quads: u64,
    /// Quads entailed from them.
    pub inferred: u64,
    /// Whether an earlier version of the same source was replaced.
    pub replaced: bool,
}

/// A source graph as recorded in the meta graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub graph: NamedNode,
    pub loaded_from: String,
    pub quads: u64,
}

/// The embedded RDF store with steppe's dataset layout.
#[derive(Clone)]
pub struct Store {
    inner: oxigraph::store::Store,
    minter: Arc<Minter>,
    hierarchy: Arc<RwLock<Arc<Hierarchy>>>,
    writer: Arc<Mutex<()>>,
    deadlines: Arc<Deadlines>,
    revision: Arc<Revision>,
    /// Declares steppe's prefixes; cloned for each query, which adds its cancellation token.
    /// Shared, as the minter, so that cloning a `Store` (once a request) costs no allocation.
    evaluator: Arc<SparqlEvaluator>,
    /// Queries parsed before, by their text (`Store::parse`).
    parsed: Arc<Mutex<std::collections::HashMap<String, spargebra::Query>>>,
    /// The lists index of the latest revision read (`store::lists`).
    lists: Arc<Mutex<lists::Shelf>>,
    /// The number of quads at a write count (`Store::len`).
    counted: Arc<Mutex<Option<(u64, usize)>>>,
}

/// Changes with every write. `epoch` is fixed when the store is opened, so a revision never
/// repeats across restarts (caches revalidate once after one) and needs no storage.
#[derive(Debug)]
struct Revision {
    epoch: u64,
    writes: std::sync::atomic::AtomicU64,
    /// When the data last changed (seconds since the epoch; 0: not known yet).
    changed: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("minter", &self.minter)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates) a persistent store in `dir`. The base IRI is recorded on creation;
    /// `base` must then be `None` or equal to it.
    #[cfg(feature = "rocksdb")]
    pub fn open(dir: &Path, base: Option<&str>) -> Result<Self, StoreError> {
        let inner = oxigraph::store::Store::open(dir).map_err(|source| StoreError::Open {
            dir: dir.display().to_string(),
            source,
        })?;
        Self::with_inner(inner, base)
    }

    /// Opening a directory needs the `rocksdb` feature.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open(dir: &Path, _base: Option<&str>) -> Result<Self, StoreError> {
        Err(StoreError::Open {
            dir: dir.display().to_string(),
            source: StorageError::Other(
                "steppe was built without the rocksdb feature: only --memory works".into(),
            ),
        })
    }

    /// A new in-memory store.
    pub fn in_memory(base: &str) -> Result<Self, StoreError> {
        Self::with_inner(oxigraph::store::Store::new()?, Some(base))
    }

    fn with_inner(inner: oxigraph::store::Store, base: Option<&str>) -> Result<Self, StoreError> {
        let recorded = inner
            .quads_for_pattern(
                Some(STORE_GRAPH.into()),
                Some(steppe::BASE_IRI),
                None,
                Some(STORE_GRAPH.into()),
            )
            .next()
            .transpose()?
            .and_then(|q| literal_value(&q.object));
        let base = match (recorded, base) {
            (Some(recorded), Some(given)) if recorded != given => {
                return Err(StoreError::BaseMismatch {
                    recorded,
                    given: given.to_owned(),
                });
            }
            (Some(recorded), _) => recorded,
            (None, given) => {
                let base = given.unwrap_or(crate::config::DEFAULT_BASE).to_owned();
                Minter::new(&base)?;
                inner.insert(QuadRef::new(
                    STORE_GRAPH,
                    steppe::BASE_IRI,
                    &Literal::new_simple_literal(&base),
                    STORE_GRAPH,
                ))?;
                base
            }
        };
        let minter = Minter::new(&base)?;
        let store = Self {
            inner,
            minter: Arc::new(minter),
            hierarchy: Arc::new(RwLock::new(Arc::new(Hierarchy::default()))),
            writer: Arc::new(Mutex::new(())),
            deadlines: Arc::default(),
            evaluator: Arc::new(prefixed_evaluator(&base)),
            parsed: Arc::default(),
            counted: Arc::default(),
            lists: Arc::default(),
            revision: Arc::new(Revision {
                epoch: u64::try_from(
                    SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .unwrap_or_default()
                        .as_nanos(),
                )
                .unwrap_or_default(),
                writes: std::sync::atomic::AtomicU64::new(0),
                changed: std::sync::atomic::AtomicU64::new(0),
            }),
        };
        store.refresh_hierarchy()?;
        Ok(store)
    }

    /// Writes since the store was opened: changes with every write, as `revision` does, and
    /// costs one atomic read.
    pub fn writes(&self) -> u64 {
        self.revision
            .writes
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// The store's revision: changes with every load and ontology change, never repeats.
    pub fn revision(&self) -> String {
        format!("{:x}-{}", self.revision.epoch, self.writes())
    }

    /// When the data last changed, as the latest write stamped it (`store::modified`).
    pub fn last_changed(&self) -> Option<SystemTime> {
        match self
            .revision
            .changed
            .load(std::sync::atomic::Ordering::Acquire)
        {
            0 => None,
            secs => Some(UNIX_EPOCH + Duration::from_secs(secs)),
        }
    }

    fn set_last_changed(&self, at: SystemTime) {
        let secs = at
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        self.revision
            .changed
            .fetch_max(secs, std::sync::atomic::Ordering::AcqRel);
    }

    fn bump(&self) {
        self.revision
            .writes
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// The minter for this store's base IRI.
    pub fn minter(&self) -> &Minter {
        &self.minter
    }

    /// Number of quads in all graphs.
    pub fn len(&self) -> Result<usize, StoreError> {
        // counting reads every quad (seconds at tens of millions): once a revision, and callers
        // at the same time (health checks polling) wait for the one count
        let mut counted = self.counted.lock().map_err(|_| StoreError::Poisoned)?;
        let writes = self.writes();
        if let Some((at, quads)) = *counted
            && at == writes
        {
            return Ok(quads);
        }
        let quads = self.inner.len()?;
        *counted = Some((writes, quads));
        Ok(quads)
    }

    /// Whether the store holds no quad at all (a new store holds its settings, so is never empty).
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.inner.is_empty()?)
    }

    /// Whether the store holds no data at all besides its own settings.
    pub fn has_sources(&self) -> Result<bool, StoreError> {
        Ok(self
            .inner
            .quads_for_pattern(
                None,
                Some(rdf::TYPE),
                Some(steppe::SOURCE.into()),
                Some(self.minter.meta_graph().as_ref().into()),
            )
            .next()
            .is_some())
    }

    /// Replaces the ontology graph with `sources` (Turtle documents). When the class or property
    /// hierarchy changed, every inferred graph is recomputed.
    pub fn install_ontology(&self, sources: &[(&str, &str)]) -> Result<bool, StoreError> {
        let graph = self.minter.ontology_graph();
        let mut quads = Vec::new();
        let mut hasher = sha2::Sha256::default();
        for (name, text) in sources {
            sha2::Digest::update(&mut hasher, text.as_bytes());
            let parser = RdfParser::from_format(RdfFormat::Turtle)
                .with_base_iri(self.minter.base())
                .map_err(|e| StoreError::Read {
                    file: (*name).to_owned(),
                    message: e.to_string(),
                })?
                .with_default_graph(graph.clone());
            for quad in parser.for_slice(text.as_bytes()) {
                quads.push(quad.map_err(|e| parse_error(name, e.into()))?);
            }
        }
        let hash: String = sha2::Digest::finalize(hasher)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let recorded = self
            .inner
            .quads_for_pattern(
                Some(STORE_GRAPH.into()),
                Some(steppe::ONTOLOGY_HASH),
                None,
                Some(STORE_GRAPH.into()),
            )
            .next()
            .transpose()?;
        if recorded
            .as_ref()
            .and_then(|q| literal_value(&q.object))
            .as_deref()
            == Some(hash.as_str())
        {
            let _guard = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
            self.ensure_stamps(false)?;
            return Ok(false);
        }
        let guard = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let mut transaction = self.inner.start_transaction()?;
        transaction.clear_graph(&graph)?;
        transaction.extend(&quads);
        if let Some(old) = &recorded {
            transaction.remove(old);
        }
        transaction.insert(QuadRef::new(
            STORE_GRAPH,
            steppe::ONTOLOGY_HASH,
            &Literal::new_simple_literal(&hash),
            STORE_GRAPH,
        ));
        transaction.commit()?;
        self.refresh_hierarchy()?;
        self.recompute_inferences()?;
        self.ensure_stamps(true)?;
        self.bump();
        drop(guard);
        Ok(true)
    }

    fn refresh_hierarchy(&self) -> Result<(), StoreError> {
        let graph = self.minter.ontology_graph();
        let triples = self
            .inner
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<Vec<_>, _>>()?;
        let hierarchy = Hierarchy::from_triples(triples.iter().map(|q| q.as_ref().into()));
        *self.hierarchy.write().map_err(|_| StoreError::Poisoned)? = Arc::new(hierarchy);
        Ok(())
    }

    fn hierarchy(&self) -> Result<Arc<Hierarchy>, StoreError> {
        Ok(Arc::clone(
            &*self.hierarchy.read().map_err(|_| StoreError::Poisoned)?,
        ))
    }

    /// Recomputes the inferred graph of every graph a client or a load may write (after the
    /// ontology changed). The caller holds the writer lock.
    fn recompute_inferences(&self) -> Result<(), StoreError> {
        let hierarchy = self.hierarchy()?;
        let mut graphs = vec![oxigraph::model::GraphName::DefaultGraph];
        for graph in self.inner.named_graphs() {
            graphs.push(match graph? {
                oxigraph::model::NamedOrBlankNode::NamedNode(node) => node.into(),
                oxigraph::model::NamedOrBlankNode::BlankNode(node) => node.into(),
            });
        }
        for graph in &graphs {
            let Some(inferred) = self.minter.inferred_of(graph.as_ref()) else {
                continue;
            };
            let mut transaction = self.inner.start_transaction()?;
            transaction.remove_named_graph(&inferred)?;
            let quads = self
                .inner
                .quads_for_pattern(None, None, None, Some(graph.as_ref()))
                .collect::<Result<Vec<_>, _>>()?;
            for quad in &quads {
                for entailed in hierarchy.entailed(quad.as_ref(), &inferred) {
                    transaction.insert(&entailed);
                }
            }
            transaction.commit()?;
        }
        Ok(())
    }

    /// Loads one source into its own graph, with its entailments and its description in the
    /// meta graph, as one atomic commit. A source loaded before under the same key is replaced.
    /// On any error the store is left exactly as it was.
    pub fn load(&self, source: Source) -> Result<LoadReport, StoreError> {
        let graph = self.minter.source_graph(&source.key);
        let inferred_graph = self.minter.inferred_graph(&source.key);
        let display = source.display.clone();
        let source_display = display.clone();
        let format = source.format;
        let (reader, digest) = source.into_parts();
        let parser = RdfParser::from_format(format)
            .with_base_iri(self.minter.base())
            .map_err(|e| StoreError::Read {
                file: display.clone(),
                message: e.to_string(),
            })?
            .rename_blank_nodes()
            .with_default_graph(graph.clone());
        let hierarchy = self.hierarchy()?;
        let _guard = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let replaced = self.inner.contains_named_graph(&graph)?;
        let mut quads = 0u64;
        let mut inferred = 0u64;
        let mut touched = Touched::default();
        if replaced {
            let old: Vec<Quad> = self
                .inner
                .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
                .collect::<Result<_, _>>()?;
            let mut new: Vec<Quad> = Vec::new();
            let mut transaction = self.inner.start_transaction()?;
            transaction.clear_graph(&graph)?;
            transaction.clear_graph(&inferred_graph)?;
            for old in self.meta_quads(&graph)? {
                transaction.remove(&old);
            }
            for quad in parser.for_reader(reader) {
                let quad = into_graph(quad.map_err(|e| parse_error(&display, e))?, &graph);
                for entailed in hierarchy.entailed(quad.as_ref(), &inferred_graph) {
                    transaction.insert(&entailed);
                    inferred += 1;
                }
                transaction.insert(&quad);
                new.push(quad);
                quads += 1;
            }
            transaction.insert_named_graph(&graph);
            for quad in self.describe_source(&graph, &display, quads, &digest.hex()) {
                transaction.insert(&quad);
            }
            self.note_difference(
                &mut touched,
                &old,
                &new,
                graph.as_ref().into(),
                Some(inferred_graph.as_ref()),
            )?;
            transaction.commit()?;
        } else {
            // Parsing and entailment run on their own thread, in chunks, while the bulk
            // loader indexes: the two overlap as in Oxigraph's own file loader.
            let (sender, chunks) =
                std::sync::mpsc::sync_channel::<Result<Vec<Quad>, StoreError>>(8);
            let this = self;
            let (graph_ref, inferred_ref) = (&graph, &inferred_graph);
            (quads, inferred, touched) = std::thread::scope(|scope| {
                let producer = scope.spawn(move || {
                    let (graph, inferred_graph) = (graph_ref, inferred_ref);
                    let (mut quads, mut inferred) = (0u64, 0u64);
                    let mut touched = Touched::default();
                    let mut chunk = Vec::with_capacity(CHUNK);
                    for quad in parser.for_reader(reader) {
                        let quad = match quad {
                            Ok(quad) => into_graph(quad, graph),
                            Err(e) => {
                                let _ = sender.send(Err(parse_error(&display, e)));
                                return (quads, inferred, touched);
                            }
                        };
                        if let Err(e) = this.note(
                            &mut touched,
                            quad.as_ref().into(),
                            graph.as_ref().into(),
                            Some(inferred_graph.as_ref()),
                        ) {
                            let _ = sender.send(Err(e));
                            return (quads, inferred, touched);
                        }
                        let before = chunk.len();
                        chunk.extend(hierarchy.entailed(quad.as_ref(), inferred_graph));
                        inferred += (chunk.len() - before) as u64;
                        chunk.push(quad);
                        quads += 1;
                        if chunk.len() >= CHUNK
                            && sender.send(Ok(std::mem::take(&mut chunk))).is_err()
                        {
                            return (quads, inferred, touched);
                        }
                    }
                    chunk.extend(this.describe_source(graph, &display, quads, &digest.hex()));
                    let _ = sender.send(Ok(chunk));
                    (quads, inferred, touched)
                });
                let mut loader = self.bulk_loader();
                let flat = FlattenOk {
                    inner: chunks.into_iter().map(|c| c.map(Vec::into_iter)),
                    current: None,
                };
                let loaded = loader.load_ok_quads::<StoreError, StoreError>(flat);
                let counts = producer.join().map_err(|_| StoreError::Read {
                    file: source_display.clone(),
                    message: "the parser thread panicked".to_owned(),
                })?;
                loaded?;
                loader.commit()?;
                Ok::<_, StoreError>(counts)
            })?;
        }
        self.stamp(touched)?;
        self.bump();
        Ok(LoadReport {
            graph,
            quads,
            inferred,
            replaced,
        })
    }

    /// Loads many small sources (imported records): each replaces what its key said before,
    /// with its entailments and its description in the meta graph. Sources new to the store go
    /// in through the bulk loader; a source loaded before with the same statements (the same
    /// SHA-256) is left as it is; a changed one is changed in a transaction by what differs
    /// (old statements no longer made removed, new ones added). Two atomic commits, so every
    /// source lands whole or not at all. Returns the quads of each, in order, and whether it was
    /// left unchanged.
    pub fn load_batch(
        &self,
        sources: &[(String, String, Vec<oxigraph::model::Triple>)],
    ) -> Result<Vec<(u64, bool)>, StoreError> {
        let hierarchy = self.hierarchy()?;
        let _guard = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let meta = self.minter.meta_graph();
        let mut fresh: Vec<Quad> = Vec::new();
        let mut replaced: Vec<(NamedNode, NamedNode, Vec<Quad>)> = Vec::new();
        let mut counts = Vec::with_capacity(sources.len());
        let mut touched = Touched::default();
        for (key, display, triples) in sources {
            let graph = self.minter.source_graph(key);
            let inferred = self.minter.inferred_graph(key);
            let mut quads: Vec<Quad> = Vec::with_capacity(triples.len() * 2 + 5);
            let mut digest = sha2::Sha256::default();
            for triple in triples {
                let quad = triple.clone().in_graph(graph.clone());
                sha2::Digest::update(&mut digest, quad.to_string().as_bytes());
                quads.extend(hierarchy.entailed(quad.as_ref(), &inferred));
                quads.push(quad);
            }
            let hex: String = sha2::Digest::finalize(digest)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let known = self.inner.contains_named_graph(&graph)?;
            if known
                && self.inner.contains(QuadRef::new(
                    &graph,
                    steppe::SHA256,
                    LiteralRef::new_simple_literal(&hex),
                    &meta,
                ))?
            {
                counts.push((triples.len() as u64, true));
                continue;
            }
            quads.extend(self.describe_source(&graph, display, triples.len() as u64, &hex));
            if known {
                replaced.push((graph, inferred, quads));
            } else {
                for triple in triples {
                    self.note(
                        &mut touched,
                        triple.as_ref(),
                        graph.as_ref().into(),
                        Some(inferred.as_ref()),
                    )?;
                }
                fresh.extend(quads);
            }
            counts.push((triples.len() as u64, false));
        }
        if !fresh.is_empty() {
            let mut loader = self.bulk_loader();
            loader.load_quads(fresh)?;
            loader.commit()?;
        }
        if !replaced.is_empty() {
            let mut transaction = self.inner.start_transaction()?;
            for (graph, inferred, quads) in &replaced {
                let new: std::collections::HashSet<&Quad> = quads.iter().collect();
                let mut old: Vec<Quad> = self.meta_quads(graph)?;
                for g in [graph, inferred] {
                    for quad in
                        self.inner
                            .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                    {
                        old.push(quad?);
                    }
                }
                self.note_difference(
                    &mut touched,
                    &old,
                    quads,
                    graph.as_ref().into(),
                    Some(inferred.as_ref()),
                )?;
                let old_set: std::collections::HashSet<&Quad> = old.iter().collect();
                for quad in old.iter().filter(|q| !new.contains(q)) {
                    transaction.remove(quad);
                }
                transaction.insert_named_graph(graph);
                for quad in quads.iter().filter(|q| !old_set.contains(q)) {
                    transaction.insert(quad);
                }
            }
            transaction.commit()?;
        }
        self.stamp(touched)?;
        self.bump();
        Ok(counts)
    }

    fn meta_quads(&self, graph: &NamedNode) -> Result<Vec<Quad>, StoreError> {
        Ok(self
            .inner
            .quads_for_pattern(
                Some(graph.as_ref().into()),
                None,
                None,
                Some(self.minter.meta_graph().as_ref().into()),
            )
            .collect::<Result<Vec<_>, _>>()?)
    }

    fn describe_source(
        &self,
        graph: &NamedNode,
        display: &str,
        quads: u64,
        sha256: &str,
    ) -> Vec<Quad> {
        let meta = self.minter.meta_graph();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        vec![
            Quad::new(graph.clone(), rdf::TYPE, steppe::SOURCE, meta.clone()),
            Quad::new(
                graph.clone(),
                steppe::LOADED_FROM,
                Literal::new_simple_literal(display),
                meta.clone(),
            ),
            Quad::new(
                graph.clone(),
                steppe::LOADED_AT,
                Literal::new_typed_literal(format_timestamp(now), xsd::DATE_TIME),
                meta.clone(),
            ),
            Quad::new(
                graph.clone(),
                steppe::QUADS,
                Literal::from(i64::try_from(quads).unwrap_or(i64::MAX)),
                meta.clone(),
            ),
            Quad::new(
                graph.clone(),
                steppe::SHA256,
                Literal::new_simple_literal(sha256),
                meta,
            ),
        ]
    }

    /// Every loaded source, by graph name.
    pub fn sources(&self) -> Result<Vec<SourceInfo>, StoreError> {
        let meta = self.minter.meta_graph();
        let mut sources = Vec::new();
        for quad in self.inner.quads_for_pattern(
            None,
            Some(rdf::TYPE),
            Some(steppe::SOURCE.into()),
            Some(meta.as_ref().into()),
        ) {
            let oxigraph::model::NamedOrBlankNode::NamedNode(graph) = quad?.subject else {
                continue;
            };
            let value = |p: NamedNodeRef<'_>| -> Result<Option<String>, StoreError> {
                Ok(self
                    .inner
                    .quads_for_pattern(
                        Some(graph.as_ref().into()),
                        Some(p),
                        None,
                        Some(meta.as_ref().into()),
                    )
                    .next()
                    .transpose()?
                    .and_then(|q| literal_value(&q.object)))
            };
            let loaded_from = value(steppe::LOADED_FROM)?.unwrap_or_default();
            let quads = value(steppe::QUADS)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            sources.push(SourceInfo {
                graph,
                loaded_from,
                quads,
            });
        }
        sources.sort_by(|a, b| a.graph.cmp(&b.graph));
        Ok(sources)
    }

    /// Runs a SPARQL query over the union of all graphs, with `bindings` substituted for
    /// variables (never spliced into the text) and an optional time limit.
    pub fn query(
        &self,
        sparql: &str,
        bindings: &[(&str, Term)],
        timeout: Option<Duration>,
    ) -> Result<QueryResults<'static>, QueryError> {
        self.query_in(sparql, bindings, &QueryDataset::default(), timeout)
    }

    /// Like [`Store::query`], with the rows of each empty `VALUES ?x { }` block of the query
    /// given in `rows` (the query's text stays as written: the rows go into its algebra). A
    /// variable given rows that the query has no such block for is an error.
    pub fn query_filled(
        &self,
        sparql: &str,
        bindings: &[(&str, Term)],
        rows: &[(&str, Vec<Term>)],
        timeout: Option<Duration>,
    ) -> Result<QueryResults<'static>, QueryError> {
        self.evaluate(sparql, bindings, rows, &QueryDataset::default(), timeout)
    }

    /// Like [`Store::query`], over an explicit dataset. Graphs given here replace the query's
    /// own `FROM` and `FROM NAMED`; with none given anywhere, the default graph is the union
    /// of all graphs and every named graph is available.
    pub fn query_in(
        &self,
        sparql: &str,
        bindings: &[(&str, Term)],
        dataset: &QueryDataset,
        timeout: Option<Duration>,
    ) -> Result<QueryResults<'static>, QueryError> {
        self.evaluate(sparql, bindings, &[], dataset, timeout)
    }

    fn evaluate(
        &self,
        sparql: &str,
        bindings: &[(&str, Term)],
        rows: &[(&str, Vec<Term>)],
        dataset: &QueryDataset,
        timeout: Option<Duration>,
    ) -> Result<QueryResults<'static>, QueryError> {
        let token = CancellationToken::new();
        let evaluator =
            SparqlEvaluator::clone(&self.evaluator).with_cancellation_token(token.clone());
        // the values written into the algebra, so that joins are planned around them, and the
        // triple patterns in order of selectivity
        let query = self.parse(sparql)?;
        let variable = |name: &str| {
            Variable::new(name)
                .map_err(|e| QueryError::Evaluation(QueryEvaluationError::Unexpected(Box::new(e))))
        };
        let mut values = bind::Bound::default();
        for (name, value) in bindings {
            values.one.insert(variable(name)?, value.clone());
        }
        for (name, terms) in rows {
            values.rows.insert(variable(name)?, terms.as_slice());
        }
        let query = bind::inline(query, &values);
        if let Some(missing) = values.unfilled().first() {
            return Err(QueryError::Evaluation(
                QueryEvaluationError::NotExistingSubstitutedVariable(missing.clone()),
            ));
        }
        let mut prepared = evaluator.for_query(query);
        if !dataset.default_graphs.is_empty() || !dataset.named_graphs.is_empty() {
            let spec = prepared.dataset_mut();
            spec.set_default_graph(dataset.default_graphs.clone());
            spec.set_available_named_graphs(
                dataset
                    .named_graphs
                    .iter()
                    .cloned()
                    .map(Into::into)
                    .collect(),
            );
        } else if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (name, value) in bindings {
            let variable = Variable::new(*name).map_err(|e| {
                QueryError::Evaluation(QueryEvaluationError::Unexpected(Box::new(e)))
            })?;
            prepared = prepared.substitute_variable(variable, value.clone());
        }
        if let Some(limit) = timeout {
            self.deadlines.arm(token, limit);
        }
        match prepared.on_store(&self.inner).execute() {
            Err(QueryEvaluationError::Cancelled) => {
                Err(QueryError::Timeout(timeout.unwrap_or_default()))
            }
            other => Ok(other?),
        }
    }

    /// Writes the dataset (or one graph of it) in a dataset format (N-Quads, TriG) or,
    /// for one graph, any RDF format.
    pub fn dump(
        &self,
        format: RdfFormat,
        graph: Option<&NamedNode>,
        writer: impl Write,
    ) -> Result<(), StoreError> {
        let serializer = with_prefixes(RdfSerializer::from_format(format));
        let mut out = serializer.for_writer(writer);
        let pattern_graph = graph.map(|g| GraphNameRef::from(g.as_ref()));
        for quad in self
            .inner
            .quads_for_pattern(None, None, None, pattern_graph)
        {
            let quad = quad?;
            let written = if format.supports_datasets() {
                out.serialize_quad(&quad)
            } else {
                out.serialize_triple(quad.as_ref())
            };
            written.map_err(|e| StoreError::Read {
                file: "output".to_owned(),
                message: e.to_string(),
            })?;
        }
        out.finish().map_err(|e| StoreError::Read {
            file: "output".to_owned(),
            message: e.to_string(),
        })?;
        Ok(())
    }

    /// Writes the whole dataset as N-Quads to `nquads` and as TriG to `trig` from one pass over
    /// one snapshot of the store (writes during the dump are not in it), telling `progress`
    /// the quads written so far every 100,000 and once at the end. Returns the quads written.
    pub fn dump_release(
        &self,
        nquads: impl Write,
        trig: impl Write,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, StoreError> {
        let error = |e: std::io::Error| StoreError::Read {
            file: "dump".to_owned(),
            message: e.to_string(),
        };
        let mut nq = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(nquads);
        let mut tg = with_prefixes(RdfSerializer::from_format(RdfFormat::TriG)).for_writer(trig);
        let mut written = 0u64;
        for quad in self.inner.iter() {
            let quad = quad?;
            nq.serialize_quad(&quad).map_err(error)?;
            tg.serialize_quad(&quad).map_err(error)?;
            written += 1;
            if written.is_multiple_of(100_000) || written == 1 {
                progress(written);
            }
        }
        nq.finish().map_err(error)?;
        tg.finish().map_err(error)?;
        progress(written);
        Ok(written)
    }

    /// Every quad, for snapshots in tests and validation of small stores.
    pub fn quads(&self) -> Result<Vec<Quad>, StoreError> {
        Ok(self.inner.iter().collect::<Result<Vec<_>, _>>()?)
    }

    /// Objects of `subject predicate ?o` over the union of all graphs, without duplicates.
    pub fn objects(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Term>, StoreError> {
        self.matching(Some(subject), Some(predicate), None, |q| q.object)
    }

    /// Subjects of `?s predicate object` over the union of all graphs, without duplicates.
    pub fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: TermRef<'_>,
    ) -> Result<Vec<Term>, StoreError> {
        self.matching(None, Some(predicate), Some(object), |q| q.subject.into())
    }

    /// One part of every quad matching a pattern over all graphs, without duplicates.
    fn matching(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        part: impl Fn(Quad) -> Term,
    ) -> Result<Vec<Term>, StoreError> {
        let terms: Vec<Term> = self
            .inner
            .quads_for_pattern(subject, predicate, object, None)
            .map(|q| q.map(&part))
            .collect::<Result<_, _>>()?;
        Ok(unique(terms))
    }

    /// The journal the store knows by any of `issns` (a `schema:issn`, which every ISSN kind
    /// entails), if any: the first in IRI order.
    pub fn journal_by_issns(&self, issns: &[String]) -> Result<Option<NamedNode>, StoreError> {
        let mut found: Vec<NamedNode> = Vec::new();
        for issn in issns {
            for quad in self.inner.quads_for_pattern(
                None,
                Some(crate::vocab::schema::ISSN),
                Some(Literal::new_simple_literal(issn).as_ref().into()),
                None,
            ) {
                if let oxigraph::model::NamedOrBlankNode::NamedNode(journal) = quad?.subject {
                    found.push(journal);
                }
            }
        }
        found.sort();
        Ok(found.into_iter().next())
    }

    /// Whether any graph has a statement about `entity`.
    pub fn describes(&self, entity: &NamedNode) -> Result<bool, StoreError> {
        Ok(self
            .inner
            .quads_for_pattern(Some(entity.as_ref().into()), None, None, None)
            .next()
            .transpose()?
            .is_some())
    }

    /// Whether a loaded source other than `graph` has statements about `entity`.
    pub fn describes_elsewhere(
        &self,
        entity: &NamedNode,
        graph: &NamedNode,
    ) -> Result<bool, StoreError> {
        let sources = format!("{}graph/source/", self.minter.base());
        for quad in self
            .inner
            .quads_for_pattern(Some(entity.as_ref().into()), None, None, None)
        {
            if let GraphNameRef::NamedNode(g) = quad?.graph_name.as_ref()
                && g != graph.as_ref()
                && g.as_str().starts_with(&sources)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Named graphs, sorted.
    pub fn graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut graphs: Vec<NamedNode> = self
            .inner
            .named_graphs()
            .filter_map(|g| match g {
                Ok(oxigraph::model::NamedOrBlankNode::NamedNode(n)) => Some(Ok(n)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        graphs.sort();
        Ok(graphs)
    }
}

/// A SPARQL evaluator with steppe's prefixes declared (they are valid IRIs: a test parses them).
/// Relative IRIs in queries resolve against the store's base IRI.
fn prefixed_evaluator(base: &str) -> SparqlEvaluator {
    let evaluator = SparqlEvaluator::new()
        .with_base_iri(base)
        .unwrap_or_else(|_| SparqlEvaluator::new());
    crate::vocab::PREFIXES
        .iter()
        .fold(evaluator, |evaluator, (prefix, ns)| {
            evaluator
                .clone()
                .with_prefix(*prefix, *ns)
                .unwrap_or(evaluator)
        })
}

/// The most queries kept parsed; past it the kept ones are dropped and kept again as they come.
const PARSED_KEPT: usize = 512;

impl Store {
    /// Oxigraph's bulk loader, writing `LOAD_BATCH` quads at a time on each thread.
    fn bulk_loader(&self) -> oxigraph::store::BulkLoader<'_> {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        // the loader's batch is its memory (in thousands of quads) over its threads
        self.inner
            .bulk_loader()
            .with_num_threads(threads)
            .with_max_memory_size_in_megabytes((LOAD_BATCH * threads).div_ceil(1000))
    }

    /// `sparql` parsed with steppe's base and prefixes; a text parsed before (every query of
    /// `queries/`, a client's repeated query) is not parsed again. A page runs up to ten
    /// queries, and parsing one took 40 to 125 µs of the 300 to 600 µs it cost.
    fn parse(&self, sparql: &str) -> Result<spargebra::Query, SparqlSyntaxError> {
        if let Ok(parsed) = self.parsed.lock()
            && let Some(query) = parsed.get(sparql)
        {
            return Ok(query.clone());
        }
        let query = prefixed_parser(self.minter.base()).parse_query(sparql)?;
        if let Ok(mut parsed) = self.parsed.lock() {
            if parsed.len() >= PARSED_KEPT {
                parsed.clear();
            }
            parsed.insert(sparql.to_owned(), query.clone());
        }
        Ok(query)
    }
}

/// A SPARQL parser that knows what `prefixed_evaluator`'s does: the base IRI and the prefixes.
fn prefixed_parser(base: &str) -> spargebra::SparqlParser {
    let parser = spargebra::SparqlParser::new();
    let parser = parser.clone().with_base_iri(base).unwrap_or(parser);
    crate::vocab::PREFIXES
        .iter()
        .fold(parser, |parser, (prefix, ns)| {
            parser.clone().with_prefix(*prefix, *ns).unwrap_or(parser)
        })
}

/// Adds steppe's prefixes to a serializer, for formats that use them.
pub fn with_prefixes(mut serializer: RdfSerializer) -> RdfSerializer {
    for (prefix, ns) in crate::vocab::PREFIXES {
        serializer = serializer
            .clone()
            .with_prefix(*prefix, *ns)
            .unwrap_or(serializer);
    }
    serializer
}

/// Moves a parsed quad into the source's graph: the quads of a TriG or N-Quads file join it
/// like its triples, so a source owns exactly one graph and replacing it is exact.
fn into_graph(mut quad: Quad, graph: &NamedNode) -> Quad {
    if quad.graph_name.as_ref() != GraphNameRef::NamedNode(graph.as_ref()) {
        quad.graph_name = graph.clone().into();
    }
    quad
}

/// Terms in a stable order without duplicates (`Term` has no `Ord`).
pub fn unique(mut terms: Vec<Term>) -> Vec<Term> {
    terms.sort_by_cached_key(ToString::to_string);
    terms.dedup();
    terms
}

fn literal_value(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn parse_error(file: &str, error: RdfParseError) -> StoreError {
    match error {
        RdfParseError::Syntax(e) => match e.location() {
            Some(location) => StoreError::Syntax {
                file: file.to_owned(),
                line: location.start.line + 1,
                column: location.start.column + 1,
                message: e.to_string(),
            },
            None => StoreError::Read {
                file: file.to_owned(),
                message: e.to_string(),
            },
        },
        RdfParseError::Io(e) => StoreError::Read {
            file: file.to_owned(),
            message: io_message(&e),
        },
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            format!("the file ends too early (truncated or corrupt?): {e}")
        }
        std::io::ErrorKind::InvalidData => format!("invalid data: {e}"),
        _ => e.to_string(),
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` for a duration since the Unix epoch.
pub fn format_timestamp(since_epoch: Duration) -> String {
    let secs = since_epoch.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Cancels queries when their time limits pass: one timer thread for the whole store, started
/// on first use. Evaluation is lazy (results are pulled after `query` returns), so a deadline
/// stays armed until it passes; cancelling the token of a finished query is harmless.
#[derive(Default)]
struct Deadlines {
    queue: Mutex<Option<std::collections::BinaryHeap<Deadline>>>,
    wake: std::sync::Condvar,
}

struct Deadline(std::time::Instant, CancellationToken);

/// How late a query may be cancelled after its time limit, so that the deadline thread wakes
/// at most forty times a second.
const DEADLINE_SLACK: Duration = Duration::from_millis(25);

impl PartialEq for Deadline {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for Deadline {}
impl PartialOrd for Deadline {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Deadline {
    /// Earliest first in a max-heap.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.cmp(&self.0)
    }
}

impl Deadlines {
    fn arm(self: &Arc<Self>, token: CancellationToken, limit: Duration) {
        let Ok(mut queue) = self.queue.lock() else {
            return;
        };
        if queue.is_none() {
            let deadlines = Arc::clone(self);
            std::thread::Builder::new()
                .name("steppe-deadlines".to_owned())
                .spawn(move || deadlines.run())
                .ok();
        }
        let heap = queue.get_or_insert_with(Default::default);
        let deadline = std::time::Instant::now() + limit;
        // the thread sleeps until the earliest deadline: wake it only when this one is earlier
        // (with one time limit for all, only when nothing was pending), not at every query
        let earlier = heap.peek().is_none_or(|first| deadline < first.0);
        heap.push(Deadline(deadline, token));
        if earlier {
            self.wake.notify_one();
        }
    }

    fn run(&self) {
        let Ok(mut queue) = self.queue.lock() else {
            return;
        };
        loop {
            let now = std::time::Instant::now();
            let heap = queue.get_or_insert_with(Default::default);
            while heap.peek().is_some_and(|d| d.0 <= now) {
                if let Some(Deadline(_, token)) = heap.pop() {
                    token.cancel();
                }
            }
            // a deadline may pass up to `DEADLINE_SLACK` late: the thread wakes at most that
            // often however many queries run, where waking at each deadline (one per query,
            // thirty seconds on) took a core's share from the queries themselves
            let wait = heap.peek().map_or(Duration::from_secs(3600), |d| {
                (d.0 - now).max(DEADLINE_SLACK)
            });
            queue = match self.wake.wait_timeout(queue, wait) {
                Ok((queue, _)) => queue,
                Err(_) => return,
            };
        }
    }
}

/// Flattens an iterator of `Result<IntoIterator, E>` into one of `Result<Item, E>`.
struct FlattenOk<I, J: Iterator> {
    inner: I,
    current: Option<J>,
}

impl<I, J, T, E> Iterator for FlattenOk<I, J>
where
    I: Iterator<Item = Result<J, E>>,
    J: Iterator<Item = T>,
{
    type Item = Result<T, E>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(Ok(item));
            }
            match self.inner.next()? {
                Ok(next) => self.current = Some(next),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl crate::shacl::DataGraph for Store {
    type Error = StoreError;

    fn objects(
        &self,
        subject: &Term,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Term>, StoreError> {
        match subject {
            Term::NamedNode(n) => Store::objects(self, n.as_ref().into(), predicate),
            Term::BlankNode(b) => Store::objects(self, b.as_ref().into(), predicate),
            Term::Literal(_) => Ok(Vec::new()),
        }
    }

    fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> Result<Vec<Term>, StoreError> {
        Store::subjects(self, predicate, object.as_ref())
    }

    fn subjects_of(&self, predicate: NamedNodeRef<'_>) -> Result<Vec<Term>, StoreError> {
        self.matching(None, Some(predicate), None, |q| q.subject.into())
    }

    fn objects_of(&self, predicate: NamedNodeRef<'_>) -> Result<Vec<Term>, StoreError> {
        self.matching(None, Some(predicate), None, |q| q.object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_parsed_once_and_answer_as_parsed() {
        let store = Store::in_memory("http://example.org/").unwrap();
        let count = |sparql: &str, bindings: &[(&str, Term)]| match store
            .query(sparql, bindings, None)
            .unwrap()
        {
            QueryResults::Solutions(rows) => rows.count(),
            _ => panic!("not a SELECT"),
        };
        let values = "SELECT ?x ?not WHERE { VALUES ?x { 1 2 3 } FILTER(?x != ?not) }";
        let one = Term::from(Literal::from(1));
        let two = Term::from(Literal::from(2));
        assert_eq!(count(values, &[("not", one)]), 2);
        // the kept parse is not changed by what was bound in it
        assert_eq!(count(values, &[("not", two.clone())]), 2);
        assert_eq!(count(values, &[]), 0);
        assert_eq!(count("SELECT ?x WHERE { VALUES ?x { 1 } }", &[]), 1);
        assert_eq!(store.parsed.lock().unwrap().len(), 2);
        // a query that does not parse is an error every time, and not kept
        for _ in 0..2 {
            assert!(store.query("SELECT WHERE {", &[], None).is_err());
        }
        assert_eq!(store.parsed.lock().unwrap().len(), 2);
        // past the limit the kept ones are dropped, and queries still answer
        for i in 0..PARSED_KEPT {
            count(&format!("SELECT ?x WHERE {{ VALUES ?x {{ {i} }} }}"), &[]);
        }
        assert!(store.parsed.lock().unwrap().len() <= PARSED_KEPT);
        assert_eq!(count(values, &[("not", two)]), 2);
    }

    #[test]
    fn filled_values_are_rows_of_the_query_and_a_fill_without_a_place_is_an_error() {
        let store = Store::in_memory("http://example.org/").unwrap();
        let query = "SELECT ?x ?not WHERE { VALUES ?x { } FILTER(?x != ?not) }";
        let number = |n: i64| Term::from(Literal::from(n));
        let rows = [("x", vec![number(1), number(2), number(3)])];
        let count = |bindings: &[(&str, Term)], rows: &[(&str, Vec<Term>)]| match store
            .query_filled(query, bindings, rows, None)
            .unwrap()
        {
            QueryResults::Solutions(found) => found.count(),
            _ => panic!("not a SELECT"),
        };
        assert_eq!(count(&[("not", number(2))], &rows), 2);
        // as written, and after the kept parse was filled, the block is empty
        assert_eq!(count(&[("not", number(2))], &[]), 0);
        let elsewhere = [("y", vec![number(1)])];
        assert!(
            store
                .query_filled(query, &[("not", number(2))], &elsewhere, None)
                .is_err()
        );
    }

    #[test]
    fn timestamps_are_iso_8601() {
        assert_eq!(
            format_timestamp(Duration::from_secs(0)),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            format_timestamp(Duration::from_secs(1_796_040_000)),
            "2026-11-30T12:00:00Z"
        );
    }
}

//! Writes by clients: SPARQL Update and the Graph Store Protocol.
//!
//! Every write is one transaction under the writer lock. Its operations run against the
//! transaction (so later operations see earlier ones), then the inferred graph of every graph
//! it changed is recomputed, one `steppe:GraphChange` per changed graph is recorded in the meta
//! graph, and only then does it commit: an error anywhere before leaves the store as it was.
//!
//! Graphs steppe maintains (inferences, ontology, provenance, settings: `Minter::is_reserved`)
//! are read by everyone and written by no client. `ALL` and `NAMED` in `CLEAR`/`DROP` mean
//! every graph a client may write. Quads are counted as they really change: inserting a quad
//! already there, or deleting one that is not, counts nothing.

use super::{QueryDataset, Store, StoreError, format_timestamp, into_graph, parse_error};
use crate::mint::Minter;
use crate::vocab::{rdf, steppe, xsd};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator,
    SparqlSyntaxError,
};
use oxigraph::store::{StorageError, Transaction};
use spargebra::algebra::{GraphPattern, GraphTarget};
use spargebra::term::{
    GraphNamePattern, GroundQuadPattern, GroundTerm, GroundTermPattern, NamedNodePattern,
    QuadPattern, TermPattern,
};
use spargebra::{GraphUpdateOperation, SparqlParser};
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why a write was refused or failed. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    #[error("graph <{0}> is maintained by steppe; clients read it but do not write it")]
    Reserved(String),
    #[error("graph <{0}> does not exist")]
    NoSuchGraph(String),
    #[error("graph <{0}> already exists")]
    GraphExists(String),
    #[error(
        "LOAD is not supported: steppe does not fetch from the network (send the data with the Graph Store Protocol, or use `steppe load`)"
    )]
    Load,
    #[error(
        "the update has USING or WITH and the request has using-graph-uri or using-named-graph-uri: give the dataset in one place"
    )]
    DatasetConflict,
    #[error("the update was cancelled after {0:?}, its time limit")]
    Timeout(Duration),
    #[error("update evaluation failed: {0}")]
    Evaluation(QueryEvaluationError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<StorageError> for WriteError {
    fn from(e: StorageError) -> Self {
        Self::Store(e.into())
    }
}

impl From<QueryEvaluationError> for WriteError {
    fn from(e: QueryEvaluationError) -> Self {
        Self::Evaluation(e)
    }
}

/// What one write did to one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphChange {
    pub graph: GraphName,
    pub added: u64,
    pub removed: u64,
}

/// What one write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// One entry per graph the write changed, in the order first changed.
    pub changes: Vec<GraphChange>,
    /// Whether the graph a Graph Store Protocol request named was created by it.
    pub created: bool,
}

impl Store {
    /// Runs a SPARQL 1.1 Update as one transaction, written by the token named `who`.
    /// `using` is the protocol's `using-graph-uri` and `using-named-graph-uri`; without them
    /// (and without `USING`/`WITH`) `WHERE` matches the union of all graphs, as queries do.
    pub fn update(
        &self,
        text: &str,
        using: &QueryDataset,
        who: &str,
        timeout: Option<Duration>,
    ) -> Result<WriteReport, WriteError> {
        let unexpected = |e: oxigraph::model::IriParseError| {
            WriteError::Evaluation(QueryEvaluationError::Unexpected(e.into()))
        };
        let mut parser = SparqlParser::new()
            .with_base_iri(self.minter.base())
            .map_err(unexpected)?;
        for (prefix, ns) in crate::vocab::PREFIXES {
            parser = parser.with_prefix(*prefix, *ns).map_err(unexpected)?;
        }
        let update = parser.parse_update(text)?;
        let protocol = !using.default_graphs.is_empty() || !using.named_graphs.is_empty();
        if protocol
            && update.operations.iter().any(|op| {
                matches!(
                    op,
                    GraphUpdateOperation::DeleteInsert { using: Some(_), .. }
                )
            })
        {
            return Err(WriteError::DatasetConflict);
        }
        let token = CancellationToken::new();
        let evaluator =
            SparqlEvaluator::clone(&self.evaluator).with_cancellation_token(token.clone());
        if let Some(limit) = timeout {
            self.deadlines.arm(token, limit);
        }
        let written = self.write(who, |writer| {
            for operation in &update.operations {
                writer.apply(operation, &evaluator, using)?;
            }
            Ok(())
        });
        match written {
            Err(WriteError::Evaluation(QueryEvaluationError::Cancelled)) => {
                Err(WriteError::Timeout(timeout.unwrap_or_default()))
            }
            other => other,
        }
    }

    /// Whether `graph` exists (the default graph always does).
    pub fn graph_exists(&self, graph: GraphNameRef<'_>) -> Result<bool, StoreError> {
        Ok(match graph {
            GraphNameRef::DefaultGraph => true,
            GraphNameRef::NamedNode(node) => self.inner.contains_named_graph(node)?,
            GraphNameRef::BlankNode(node) => self.inner.contains_named_graph(node)?,
        })
    }

    /// Parses a request body into quads of `graph` (quads a dataset format puts in other graphs
    /// are moved into it). Relative IRIs resolve against the graph's name, or the base IRI for
    /// the default graph. Errors name the line and column.
    pub fn parse_graph(
        &self,
        body: &[u8],
        format: RdfFormat,
        graph: &GraphName,
    ) -> Result<Vec<Quad>, StoreError> {
        const BODY: &str = "request body";
        let base = match graph {
            GraphName::NamedNode(node) => node.as_str(),
            _ => self.minter.base(),
        };
        let parser = RdfParser::from_format(format)
            .with_base_iri(base)
            .map_err(|e| StoreError::Read {
                file: BODY.to_owned(),
                message: e.to_string(),
            })?
            .rename_blank_nodes()
            .with_default_graph(graph.clone());
        parser
            .for_slice(body)
            .map(|quad| {
                let quad = quad.map_err(|e| parse_error(BODY, e.into()))?;
                Ok(match graph {
                    GraphName::NamedNode(node) => into_graph(quad, node),
                    _ => Quad {
                        graph_name: GraphName::DefaultGraph,
                        ..quad
                    },
                })
            })
            .collect()
    }

    /// Graph Store Protocol `PUT`: `graph` holds exactly `quads` afterwards.
    pub fn replace_graph(
        &self,
        graph: &GraphName,
        quads: &[Quad],
        who: &str,
    ) -> Result<WriteReport, WriteError> {
        self.write(who, |writer| {
            writer.created = !writer.exists(graph.as_ref())?;
            writer.clear(graph.as_ref())?;
            writer.create(graph.as_ref());
            quads.iter().try_for_each(|q| writer.insert(q.as_ref()))
        })
    }

    /// Graph Store Protocol `POST` to a graph: `quads` are added to it.
    pub fn add_to_graph(
        &self,
        graph: &GraphName,
        quads: &[Quad],
        who: &str,
    ) -> Result<WriteReport, WriteError> {
        self.write(who, |writer| {
            writer.check(graph.as_ref())?;
            writer.created = !writer.exists(graph.as_ref())?;
            writer.create(graph.as_ref());
            quads.iter().try_for_each(|q| writer.insert(q.as_ref()))
        })
    }

    /// Graph Store Protocol `DELETE`: the graph is dropped (the default graph is emptied).
    pub fn drop_graph(&self, graph: &GraphName, who: &str) -> Result<WriteReport, WriteError> {
        self.write(who, |writer| writer.drop(graph.as_ref(), false))
    }

    /// Runs `operations` in one transaction under the writer lock, then brings the inferred
    /// graphs of what changed up to date, records the changes and commits.
    fn write(
        &self,
        who: &str,
        operations: impl FnOnce(&mut Writer<'_>) -> Result<(), WriteError>,
    ) -> Result<WriteReport, WriteError> {
        let hierarchy = self.hierarchy()?;
        let _guard = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let mut writer = Writer {
            tx: self.inner.start_transaction()?,
            minter: &self.minter,
            changes: Vec::new(),
            changed: Vec::new(),
            created: false,
        };
        operations(&mut writer)?;
        let Writer {
            mut tx,
            changes,
            changed,
            created,
            ..
        } = writer;
        // what the write changes that pages show, judged against the other graphs as committed
        let mut touched = super::Touched::default();
        for quad in &changed {
            let inferred = self.minter.inferred_of(quad.graph_name.as_ref());
            self.note(
                &mut touched,
                quad.as_ref().into(),
                quad.graph_name.as_ref(),
                inferred.as_ref().map(NamedNode::as_ref),
            )?;
        }
        let changes: Vec<GraphChange> = changes
            .into_iter()
            .filter(|c| c.added + c.removed > 0)
            .collect();
        let meta = self.minter.meta_graph();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let stamp = Literal::new_typed_literal(format_timestamp(now), xsd::DATE_TIME);
        for (index, change) in changes.iter().enumerate() {
            let graph = change.graph.as_ref();
            if let Some(inferred) = self.minter.inferred_of(graph) {
                tx.remove_named_graph(&inferred)?;
                let quads = tx
                    .quads_for_pattern(None, None, None, Some(graph))
                    .collect::<Result<Vec<_>, _>>()?;
                for quad in &quads {
                    for entailed in hierarchy.entailed(quad.as_ref(), &inferred) {
                        tx.insert(&entailed);
                    }
                }
            }
            let named = match &change.graph {
                GraphName::NamedNode(node) => Some(node.clone()),
                _ => None,
            };
            if let Some(node) = &named
                && !tx.contains_named_graph(node)?
            {
                // a dropped source graph is no longer a source
                let described = tx
                    .quads_for_pattern(Some(node.into()), None, None, Some(meta.as_ref().into()))
                    .collect::<Result<Vec<_>, _>>()?;
                for quad in &described {
                    tx.remove(quad);
                }
            }
            let record = self
                .minter
                .change_record(&format!("{}", now.as_nanos()), index);
            let graph_term: Term = named.map_or_else(|| steppe::DEFAULT_GRAPH.into(), Into::into);
            let count = |n: u64| Literal::from(i64::try_from(n).unwrap_or(i64::MAX));
            for (predicate, object) in [
                (rdf::TYPE, Term::from(steppe::GRAPH_CHANGE)),
                (steppe::CHANGED_GRAPH, graph_term),
                (steppe::WRITTEN_BY, Literal::new_simple_literal(who).into()),
                (steppe::WRITTEN_AT, stamp.clone().into()),
                (steppe::QUADS_ADDED, count(change.added).into()),
                (steppe::QUADS_REMOVED, count(change.removed).into()),
            ] {
                tx.insert(QuadRef::new(&record, predicate, &object, &meta));
            }
        }
        tx.commit()?;
        self.stamp(touched)?;
        if !changes.is_empty() || created {
            self.bump();
        }
        for change in &changes {
            tracing::info!(
                target: "steppe::write",
                token = who,
                graph = %change.graph,
                added = change.added,
                removed = change.removed,
                "write"
            );
        }
        Ok(WriteReport { changes, created })
    }
}

/// A transaction that counts what it changes and refuses reserved graphs.
struct Writer<'a> {
    tx: Transaction<'a>,
    minter: &'a Minter,
    changes: Vec<GraphChange>,
    /// Every quad added or removed, for `Store::stamp`.
    changed: Vec<Quad>,
    created: bool,
}

impl Writer<'_> {
    fn check(&self, graph: GraphNameRef<'_>) -> Result<(), WriteError> {
        match graph {
            GraphNameRef::NamedNode(node) if self.minter.is_reserved(node) => {
                Err(WriteError::Reserved(node.as_str().to_owned()))
            }
            _ => Ok(()),
        }
    }

    fn change(&mut self, graph: GraphNameRef<'_>) -> &mut GraphChange {
        let index = match self.changes.iter().position(|c| c.graph.as_ref() == graph) {
            Some(index) => index,
            None => {
                self.changes.push(GraphChange {
                    graph: graph.into_owned(),
                    added: 0,
                    removed: 0,
                });
                self.changes.len() - 1
            }
        };
        &mut self.changes[index]
    }

    fn exists(&self, graph: GraphNameRef<'_>) -> Result<bool, WriteError> {
        Ok(match graph {
            GraphNameRef::DefaultGraph => true,
            GraphNameRef::NamedNode(node) => self.tx.contains_named_graph(node)?,
            GraphNameRef::BlankNode(node) => self.tx.contains_named_graph(node)?,
        })
    }

    fn create(&mut self, graph: GraphNameRef<'_>) {
        match graph {
            GraphNameRef::NamedNode(node) => self.tx.insert_named_graph(node),
            GraphNameRef::BlankNode(node) => self.tx.insert_named_graph(node),
            GraphNameRef::DefaultGraph => {}
        }
    }

    fn insert(&mut self, quad: QuadRef<'_>) -> Result<(), WriteError> {
        self.check(quad.graph_name)?;
        if !self.tx.contains(quad)? {
            self.tx.insert(quad);
            self.change(quad.graph_name).added += 1;
            self.changed.push(quad.into_owned());
        }
        Ok(())
    }

    fn remove(&mut self, quad: QuadRef<'_>) -> Result<(), WriteError> {
        self.check(quad.graph_name)?;
        if self.tx.contains(quad)? {
            self.tx.remove(quad);
            self.change(quad.graph_name).removed += 1;
            self.changed.push(quad.into_owned());
        }
        Ok(())
    }

    fn clear(&mut self, graph: GraphNameRef<'_>) -> Result<(), WriteError> {
        self.check(graph)?;
        let quads = self
            .tx
            .quads_for_pattern(None, None, None, Some(graph))
            .collect::<Result<Vec<_>, _>>()?;
        for quad in &quads {
            self.tx.remove(quad);
        }
        if !quads.is_empty() {
            self.change(graph).removed += quads.len() as u64;
        }
        self.changed.extend(quads);
        Ok(())
    }

    fn drop(&mut self, graph: GraphNameRef<'_>, silent: bool) -> Result<(), WriteError> {
        self.check(graph)?;
        if !self.exists(graph)? {
            return if silent {
                Ok(())
            } else {
                Err(WriteError::NoSuchGraph(graph.to_string()))
            };
        }
        self.clear(graph)?;
        match graph {
            GraphNameRef::NamedNode(node) => self.tx.remove_named_graph(node)?,
            GraphNameRef::BlankNode(node) => self.tx.remove_named_graph(node)?,
            GraphNameRef::DefaultGraph => {}
        }
        Ok(())
    }

    /// The graphs `ALL` or `NAMED` stand for: every graph a client may write.
    fn writable(&self, with_default: bool) -> Result<Vec<GraphName>, WriteError> {
        let mut graphs: Vec<GraphName> = Vec::new();
        if with_default {
            graphs.push(GraphName::DefaultGraph);
        }
        for graph in self.tx.named_graphs() {
            match graph? {
                NamedOrBlankNode::NamedNode(node) if self.minter.is_reserved(node.as_ref()) => {}
                NamedOrBlankNode::NamedNode(node) => graphs.push(node.into()),
                NamedOrBlankNode::BlankNode(node) => graphs.push(node.into()),
            }
        }
        Ok(graphs)
    }

    fn targets(&self, target: &GraphTarget) -> Result<Vec<GraphName>, WriteError> {
        Ok(match target {
            GraphTarget::NamedNode(node) => vec![node.clone().into()],
            GraphTarget::DefaultGraph => vec![GraphName::DefaultGraph],
            GraphTarget::NamedGraphs => self.writable(false)?,
            GraphTarget::AllGraphs => self.writable(true)?,
        })
    }

    fn apply(
        &mut self,
        operation: &GraphUpdateOperation,
        evaluator: &SparqlEvaluator,
        using: &QueryDataset,
    ) -> Result<(), WriteError> {
        match operation {
            GraphUpdateOperation::InsertData { data } => {
                let mut fresh = HashMap::new();
                for quad in data {
                    let quad = Quad::new(
                        match &quad.subject {
                            NamedOrBlankNode::BlankNode(b) => fresh_node(b, &mut fresh).into(),
                            other => other.clone(),
                        },
                        quad.predicate.clone(),
                        match &quad.object {
                            Term::BlankNode(b) => fresh_node(b, &mut fresh).into(),
                            other => other.clone(),
                        },
                        graph_name(&quad.graph_name),
                    );
                    self.insert(quad.as_ref())?;
                }
                Ok(())
            }
            GraphUpdateOperation::DeleteData { data } => {
                for quad in data {
                    let object: Term = match &quad.object {
                        GroundTerm::NamedNode(n) => n.clone().into(),
                        GroundTerm::Literal(l) => l.clone().into(),
                    };
                    self.remove(QuadRef::new(
                        &quad.subject,
                        &quad.predicate,
                        &object,
                        &graph_name(&quad.graph_name),
                    ))?;
                }
                Ok(())
            }
            GraphUpdateOperation::DeleteInsert {
                delete,
                insert,
                using: own,
                pattern,
            } => self.delete_insert(delete, insert, pattern, own.as_ref(), using, evaluator),
            GraphUpdateOperation::Load { silent: true, .. } => Ok(()),
            GraphUpdateOperation::Load { .. } => Err(WriteError::Load),
            GraphUpdateOperation::Clear { silent, graph } => {
                for graph in self.targets(graph)? {
                    if self.exists(graph.as_ref())? {
                        self.clear(graph.as_ref())?;
                    } else if !silent {
                        return Err(WriteError::NoSuchGraph(graph.to_string()));
                    }
                }
                Ok(())
            }
            GraphUpdateOperation::Create { silent, graph } => {
                self.check(graph.into())?;
                if self.tx.contains_named_graph(graph)? {
                    return if *silent {
                        Ok(())
                    } else {
                        Err(WriteError::GraphExists(graph.as_str().to_owned()))
                    };
                }
                self.tx.insert_named_graph(graph);
                Ok(())
            }
            GraphUpdateOperation::Drop { silent, graph } => {
                for graph in self.targets(graph)? {
                    self.drop(graph.as_ref(), *silent)?;
                }
                Ok(())
            }
        }
    }

    /// `DELETE … INSERT … WHERE`: every solution is found first, then every deletion is made,
    /// then every insertion (SPARQL 1.1 Update, 3.1.3).
    fn delete_insert(
        &mut self,
        delete: &[GroundQuadPattern],
        insert: &[QuadPattern],
        pattern: &GraphPattern,
        own: Option<&spargebra::algebra::QueryDataset>,
        using: &QueryDataset,
        evaluator: &SparqlEvaluator,
    ) -> Result<(), WriteError> {
        let query = spargebra::Query::Select {
            dataset: None,
            pattern: pattern.clone(),
            base_iri: None,
        };
        let mut prepared = evaluator.clone().for_query(query);
        let spec = prepared.dataset_mut();
        match own {
            Some(own) => {
                spec.set_default_graph(own.default.iter().cloned().map(Into::into).collect());
                if let Some(named) = &own.named {
                    spec.set_available_named_graphs(
                        named.iter().cloned().map(Into::into).collect(),
                    );
                }
            }
            None if !using.default_graphs.is_empty() || !using.named_graphs.is_empty() => {
                spec.set_default_graph(using.default_graphs.clone());
                spec.set_available_named_graphs(
                    using.named_graphs.iter().cloned().map(Into::into).collect(),
                );
            }
            None => spec.set_default_graph_as_union(),
        }
        let solutions: Vec<QuerySolution> = match prepared.on_transaction(&self.tx).execute()? {
            QueryResults::Solutions(solutions) => solutions.collect::<Result<_, _>>()?,
            _ => Vec::new(),
        };
        let mut deletions = Vec::new();
        let mut insertions = Vec::new();
        for solution in &solutions {
            for template in delete {
                if let Some(quad) = ground_instance(template, solution, self.minter) {
                    deletions.push(quad);
                }
            }
            let mut fresh = HashMap::new();
            for template in insert {
                if let Some(quad) = instance(template, solution, &mut fresh) {
                    insertions.push(quad);
                }
            }
        }
        for quad in &deletions {
            self.remove(quad.as_ref())?;
        }
        for quad in &insertions {
            self.insert(quad.as_ref())?;
        }
        Ok(())
    }
}

fn graph_name(graph: &spargebra::term::GraphName) -> GraphName {
    match graph {
        spargebra::term::GraphName::NamedNode(node) => node.clone().into(),
        spargebra::term::GraphName::DefaultGraph => GraphName::DefaultGraph,
    }
}

fn fresh_node(label: &BlankNode, fresh: &mut HashMap<BlankNode, BlankNode>) -> BlankNode {
    fresh.entry(label.clone()).or_default().clone()
}

/// A delete template under one solution; `None` when a variable is unbound or a term cannot
/// stand where it is. Quads a graph variable puts in a reserved graph are left alone: those
/// graphs follow from the others.
fn ground_instance(
    template: &GroundQuadPattern,
    solution: &QuerySolution,
    minter: &Minter,
) -> Option<Quad> {
    let term = |pattern: &GroundTermPattern| -> Option<Term> {
        match pattern {
            GroundTermPattern::NamedNode(n) => Some(n.clone().into()),
            GroundTermPattern::Literal(l) => Some(l.clone().into()),
            GroundTermPattern::Variable(v) => solution.get(v).cloned(),
        }
    };
    let graph = graph_instance(&template.graph_name, solution)?;
    if let (GraphNamePattern::Variable(_), GraphName::NamedNode(node)) =
        (&template.graph_name, &graph)
        && minter.is_reserved(node.as_ref())
    {
        return None;
    }
    Some(Quad::new(
        subject(term(&template.subject)?)?,
        predicate(&template.predicate, solution)?,
        term(&template.object)?,
        graph,
    ))
}

/// An insert template under one solution, with fresh blank nodes per solution.
fn instance(
    template: &QuadPattern,
    solution: &QuerySolution,
    fresh: &mut HashMap<BlankNode, BlankNode>,
) -> Option<Quad> {
    let mut term = |pattern: &TermPattern| -> Option<Term> {
        match pattern {
            TermPattern::NamedNode(n) => Some(n.clone().into()),
            TermPattern::Literal(l) => Some(l.clone().into()),
            TermPattern::BlankNode(b) => Some(fresh_node(b, fresh).into()),
            TermPattern::Variable(v) => solution.get(v).cloned(),
        }
    };
    let s = subject(term(&template.subject)?)?;
    let o = term(&template.object)?;
    Some(Quad::new(
        s,
        predicate(&template.predicate, solution)?,
        o,
        graph_instance(&template.graph_name, solution)?,
    ))
}

fn subject(term: Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Some(n.into()),
        Term::BlankNode(b) => Some(b.into()),
        Term::Literal(_) => None,
    }
}

fn predicate(pattern: &NamedNodePattern, solution: &QuerySolution) -> Option<NamedNode> {
    match pattern {
        NamedNodePattern::NamedNode(n) => Some(n.clone()),
        NamedNodePattern::Variable(v) => match solution.get(v)? {
            Term::NamedNode(n) => Some(n.clone()),
            _ => None,
        },
    }
}

fn graph_instance(pattern: &GraphNamePattern, solution: &QuerySolution) -> Option<GraphName> {
    match pattern {
        GraphNamePattern::NamedNode(n) => Some(n.clone().into()),
        GraphNamePattern::DefaultGraph => Some(GraphName::DefaultGraph),
        GraphNamePattern::Variable(v) => match solution.get(v)? {
            Term::NamedNode(n) => Some(n.clone().into()),
            _ => None,
        },
    }
}

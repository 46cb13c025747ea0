//! When each entity last changed, for `Last-Modified`, ETags and sitemap `lastmod`.
//!
//! The graph `{base}graph/modified` (reserved) holds `<entity> steppe:modified "…"^^xsd:dateTime`
//! for every entity with a page (`{base}{kind}/{id}`). After every write that changes what the
//! union of the data graphs says, the entities whose page or RDF shows the change are stamped
//! with the time of the write: the entity of the subject (a hash part such as
//! `paper/x#authorship-1` counts for `paper/x`) and of an IRI object of every triple added to
//! or removed from the union (their lists and back-links show the subject), and every entity
//! that links to a changed subject (its page shows the subject's name). A quad added to a graph
//! when another graph already states its triple changes nothing anyone sees, so it stamps
//! nothing. Each entity has one stamp, replaced in commits of their own right after the
//! write's: a crash in between leaves a stamp older than the change, never newer. An entity
//! that no loaded source describes any more loses its stamp, so the sitemap lists only
//! entities that answer 200.

use super::{Store, StoreError};
use crate::mint::Kind;
use crate::vocab::{steppe, xsd};
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, TermRef, TripleRef,
};
use oxsdatatypes::DateTime;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;

/// Entities stamped in one transaction.
const CHUNK: usize = 10_000;

/// Whether stamp `a` is later than stamp `b`. The store gives an `xsd:dateTime` in its
/// canonical form, whose fraction has no trailing zeros (a stamp written `…:35.600Z` reads
/// `…:35.6Z`, one of a whole second `…:35Z`), so stamps do not sort as text: `…:35.6Z` is
/// after `…:35.623Z` as text and before it in time.
pub fn later(a: &str, b: &str) -> bool {
    match (a.parse::<DateTime>(), b.parse::<DateTime>()) {
        (Ok(a), Ok(b)) => a > b,
        _ => a > b,
    }
}

/// Entities touched by a write, gathered before it commits.
#[derive(Debug, Default)]
pub struct Touched {
    /// Entities (IRIs) of subjects whose statements changed: pages linking to them change too.
    subjects: FxHashSet<String>,
    /// Entities of objects of changed statements.
    objects: FxHashSet<String>,
    /// Whether any quad changed (the dataset's own stamp).
    changed: bool,
    /// Subject entities seen, and whether each is new to the store (has no stamp, so no
    /// graph describes it and no triple about it can be stated elsewhere).
    new: FxHashMap<String, bool>,
    /// The last subject entity noted while new to the store (a load's triples come grouped by
    /// subject), and whether it is in `subjects` and in `objects` yet: its next triples then
    /// need no lookups of it.
    last_new: Option<(String, [bool; 2])>,
}

/// Adds `entity` to `set`, copying it only when it is not there (a load notes every quad, and
/// most name an entity noted before).
fn insert(set: &mut FxHashSet<String>, entity: &str) {
    if !set.contains(entity) {
        set.insert(entity.to_owned());
    }
}

impl Touched {
    /// Notes the entity of a changed triple's subject; `shown` says whether other entities'
    /// pages show what changed (so they are stamped too).
    fn subject(&mut self, entity: &str, shown: bool) {
        if shown {
            insert(&mut self.subjects, entity);
        } else {
            insert(&mut self.objects, entity);
        }
    }
}

/// Whether other entities' pages show the triple: a statement about an entity itself (not one
/// of its parts or volumes) that lists and links display (types, names, titles, dates,
/// identifiers, what it is part of, a person's title and affiliation).
fn shown(triple: TripleRef<'_>) -> bool {
    let NamedOrBlankNodeRef::NamedNode(subject) = triple.subject else {
        return false;
    };
    let tail = subject.as_str().rsplit('/').next().unwrap_or_default();
    if tail.contains('#') {
        return false;
    }
    let predicate = triple.predicate.as_str();
    predicate == crate::vocab::rdf::TYPE.as_str()
        || predicate
            .strip_prefix(crate::vocab::schema::NS)
            .is_some_and(|local| {
                matches!(
                    local,
                    "name"
                        | "headline"
                        | "alternateName"
                        | "datePublished"
                        | "sameAs"
                        | "issn"
                        | "isPartOf"
                        | "jobTitle"
                        | "affiliation"
                        | "volumeNumber"
                        | "issueNumber"
                )
            })
}

impl Store {
    /// The entity an IRI belongs to: `{base}{kind}/{id}` of a kind with pages, for the IRI
    /// itself or anything under it (`#part`, `/volume/…`).
    pub fn entity_of(&self, iri: &str) -> Option<NamedNode> {
        self.entity_iri(iri).map(NamedNode::new_unchecked)
    }

    /// The IRI of `entity_of`, which starts every IRI that belongs to it.
    fn entity_iri<'a>(&self, iri: &'a str) -> Option<&'a str> {
        let base = self.minter.base();
        let rest = iri.strip_prefix(base)?;
        let (kind, tail) = rest.split_once('/')?;
        if !Kind::ALL.iter().any(|k| k.segment() == kind) {
            return None;
        }
        let id_len = tail.find(['#', '/', '?']).unwrap_or(tail.len());
        if id_len == 0 {
            return None;
        }
        Some(&iri[..base.len() + kind.len() + 1 + id_len])
    }

    /// Whether the union of the data graphs other than `except` states `triple`.
    fn stated_elsewhere(
        &self,
        triple: TripleRef<'_>,
        except: &[GraphNameRef<'_>],
    ) -> Result<bool, StoreError> {
        for quad in self.inner.quads_for_pattern(
            Some(triple.subject),
            Some(triple.predicate),
            Some(triple.object),
            None,
        ) {
            let quad = quad?;
            let graph = quad.graph_name.as_ref();
            let bookkeeping =
                matches!(graph, GraphNameRef::NamedNode(g) if self.minter.is_bookkeeping(g));
            if !bookkeeping && !except.contains(&graph) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Notes a triple added to or removed from `graph` (whose inferred graph is `inferred`),
    /// when no other graph states it.
    pub(super) fn note(
        &self,
        touched: &mut Touched,
        triple: TripleRef<'_>,
        graph: GraphNameRef<'_>,
        inferred: Option<NamedNodeRef<'_>>,
    ) -> Result<(), StoreError> {
        touched.changed = true;
        let subject = match triple.subject {
            NamedOrBlankNodeRef::NamedNode(s) => self.entity_iri(s.as_str()),
            NamedOrBlankNodeRef::BlankNode(_) => None,
        };
        let object = match triple.object {
            TermRef::NamedNode(o) => self.entity_iri(o.as_str()),
            _ => None,
        };
        if subject.is_none() && object.is_none() {
            return Ok(());
        }
        if let Some(entity) = subject
            && let Some((last, noted)) = &mut touched.last_new
            && last == entity
        {
            // the last subject, new to the store: put in `subjects` or `objects` (as the
            // triple is shown or not) the first time only
            let shown = shown(triple);
            if !noted[usize::from(shown)] {
                noted[usize::from(shown)] = true;
                touched.subject(entity, shown);
            }
            if let Some(object) = object {
                insert(&mut touched.objects, object);
            }
            return Ok(());
        }
        if let Some(entity) = subject {
            let new = match touched.new.get(entity) {
                Some(new) => *new,
                None => {
                    let new = self
                        .modified(NamedNodeRef::new_unchecked(entity))?
                        .is_none();
                    touched.new.insert(entity.to_owned(), new);
                    new
                }
            };
            if new {
                // nothing describes it yet: the triple is new to the union
                let shown = shown(triple);
                touched.subject(entity, shown);
                let mut noted = [false; 2];
                noted[usize::from(shown)] = true;
                touched.last_new = Some((entity.to_owned(), noted));
                if let Some(object) = object {
                    insert(&mut touched.objects, object);
                }
                return Ok(());
            }
        }
        let except: Vec<GraphNameRef<'_>> = std::iter::once(graph)
            .chain(inferred.map(GraphNameRef::NamedNode))
            .collect();
        if self.stated_elsewhere(triple, &except)? {
            return Ok(());
        }
        if let Some(subject) = subject {
            touched.subject(subject, shown(triple));
        }
        if let Some(object) = object {
            insert(&mut touched.objects, object);
        }
        Ok(())
    }

    /// Notes every quad of `old` not in `new` and of `new` not in `old` (a graph replaced).
    pub(super) fn note_difference(
        &self,
        touched: &mut Touched,
        old: &[Quad],
        new: &[Quad],
        graph: GraphNameRef<'_>,
        inferred: Option<NamedNodeRef<'_>>,
    ) -> Result<(), StoreError> {
        let old_set: HashSet<&Quad> = old.iter().collect();
        let new_set: HashSet<&Quad> = new.iter().collect();
        for quad in old.iter().filter(|q| !new_set.contains(q)) {
            if quad.graph_name.as_ref() == graph {
                self.note(touched, quad.as_ref().into(), graph, inferred)?;
            }
        }
        for quad in new.iter().filter(|q| !old_set.contains(q)) {
            if quad.graph_name.as_ref() == graph {
                self.note(touched, quad.as_ref().into(), graph, inferred)?;
            }
        }
        Ok(())
    }

    /// Stamps the touched entities, and those linking to a touched subject, with the time now;
    /// entities no longer described lose their stamps. Call after the write committed, under
    /// the writer lock.
    pub(super) fn stamp(&self, touched: Touched) -> Result<(), StoreError> {
        let Touched {
            subjects,
            objects,
            changed,
            new,
            last_new: _,
        } = touched;
        if !changed {
            return Ok(());
        }
        let subjects: Vec<NamedNode> = subjects.into_iter().map(NamedNode::new_unchecked).collect();
        let mut all: FxHashSet<NamedNode> =
            objects.into_iter().map(NamedNode::new_unchecked).collect();
        // Entities that link to a new one and were described before this write have stamps
        // from before it (the new ones get theirs below): none stamped before (a first load),
        // no links to look for.
        let graph = self.minter.modified_graph();
        let dataset = self.minter.dataset();
        let mut stamped_before = false;
        for quad in self
            .inner
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .take(2)
        {
            if quad?.subject != dataset.clone().into() {
                stamped_before = true;
            }
        }
        for subject in &subjects {
            // what it links to, itself or through its parts, lists it (a person's papers); an
            // entity new to the store links only through triples this write added, whose
            // objects are touched already
            let is_new = match new.get(subject.as_str()) {
                Some(is_new) => *is_new,
                None => self.modified(subject.as_ref())?.is_none(),
            };
            if is_new {
                if stamped_before {
                    all.extend(self.linking_to(subject.as_ref())?);
                }
                continue;
            }
            let parts = format!("{}#", subject.as_str());
            let mut nodes = vec![subject.clone()];
            let mut seen: HashSet<NamedNode> = HashSet::new();
            while let Some(node) = nodes.pop() {
                if !seen.insert(node.clone()) {
                    continue;
                }
                for quad in
                    self.inner
                        .quads_for_pattern(Some(node.as_ref().into()), None, None, None)
                {
                    if let oxigraph::model::Term::NamedNode(object) = quad?.object {
                        if object.as_str().starts_with(&parts) {
                            nodes.push(object);
                        } else if let Some(entity) = self.entity_of(object.as_str()) {
                            all.insert(entity);
                        }
                    }
                }
            }
            // what links to it shows its name
            all.extend(self.linking_to(subject.as_ref())?);
        }
        all.extend(subjects);
        let at = std::time::SystemTime::now();
        // milliseconds, so that two writes in one second stamp apart
        let since = at.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let whole = super::format_timestamp(since);
        let now = Literal::new_typed_literal(
            format!(
                "{}.{:03}Z",
                whole.trim_end_matches('Z'),
                since.subsec_millis()
            ),
            xsd::DATE_TIME,
        );
        // One stamp an entity. An entity new to the store (its statements just added) has no
        // stamp to replace: its stamp goes in through the bulk loader. The others lose their
        // old stamp as the new one comes, a chunk of entities a transaction (stamps are
        // bookkeeping: a crash between chunks leaves some entities with their old stamp).
        let modified = NamedNode::from(steppe::MODIFIED);
        let stamp =
            |entity: NamedNode| Quad::new(entity, modified.clone(), now.clone(), graph.clone());
        let mut fresh: Vec<Quad> = vec![stamp(self.minter.dataset())];
        let mut known: Vec<NamedNode> = Vec::new();
        for entity in all {
            match new.get(entity.as_str()) {
                // a new entity that was a subject: described now, nothing to replace
                Some(true) => fresh.push(stamp(entity)),
                _ => known.push(entity),
            }
        }
        known.push(self.minter.dataset());
        for chunk in known.chunks(CHUNK) {
            let mut transaction = self.inner.start_transaction()?;
            for entity in chunk {
                for old in self.inner.quads_for_pattern(
                    Some(entity.as_ref().into()),
                    None,
                    None,
                    Some(graph.as_ref().into()),
                ) {
                    transaction.remove(&old?);
                }
                if *entity != self.minter.dataset() && self.described(entity.as_ref())? {
                    transaction.insert(&stamp(entity.clone()));
                }
            }
            transaction.commit()?;
        }
        if fresh.len() > CHUNK {
            let mut loader = self.bulk_loader();
            loader.load_quads(fresh)?;
            loader.commit()?;
        } else {
            let mut transaction = self.inner.start_transaction()?;
            for quad in &fresh {
                transaction.insert(quad);
            }
            transaction.commit()?;
        }
        self.set_last_changed(at);
        Ok(())
    }

    /// Stamps every described entity with the time now when the stamps cannot be trusted: the
    /// ontology changed (what pages infer changed), or the store holds data but no stamps (made
    /// before stamps were kept). Then reads when the data last changed. Run at start, under
    /// the writer lock.
    pub(super) fn ensure_stamps(&self, ontology_changed: bool) -> Result<(), StoreError> {
        let graph = self.minter.modified_graph();
        let stamped = self
            .inner
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .next()
            .is_some();
        if ontology_changed || !stamped {
            let mut touched = Touched::default();
            for quad in self.inner.iter() {
                let quad = quad?;
                if let oxigraph::model::GraphName::NamedNode(g) = &quad.graph_name
                    && self.minter.is_bookkeeping(g.as_ref())
                {
                    continue;
                }
                if let NamedOrBlankNodeRef::NamedNode(s) = quad.subject.as_ref()
                    && let Some(entity) = self.entity_of(s.as_str())
                {
                    touched.objects.insert(entity.into_string());
                }
            }
            touched.changed = true;
            self.stamp(touched)?;
        }
        if let Some(at) = self
            .dataset_modified()?
            .as_deref()
            .and_then(crate::caching::parse_timestamp)
        {
            self.set_last_changed(at);
        }
        Ok(())
    }

    /// The entities with a statement (or a part with a statement) whose object is `entity`.
    fn linking_to(&self, entity: NamedNodeRef<'_>) -> Result<HashSet<NamedNode>, StoreError> {
        let mut out = HashSet::new();
        for quad in self
            .inner
            .quads_for_pattern(None, None, Some(entity.into()), None)
        {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &quad?.subject
                && let Some(linking) = self.entity_of(s.as_str())
            {
                out.insert(linking);
            }
        }
        Ok(out)
    }

    /// Whether a loaded source has a statement about `entity`: whether its page answers 200
    /// (entity documents read sources only, `queries/entity.rq`).
    fn described(&self, entity: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        let meta = self.minter.meta_graph();
        for quad in self
            .inner
            .quads_for_pattern(Some(entity.into()), None, None, None)
        {
            if let oxigraph::model::GraphName::NamedNode(g) = &quad?.graph_name
                && self.inner.contains(oxigraph::model::QuadRef::new(
                    g,
                    crate::vocab::rdf::TYPE,
                    steppe::SOURCE,
                    &meta,
                ))?
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// When `entity` last changed (`xsd:dateTime` lexical form), if it is stamped.
    pub fn modified(&self, entity: NamedNodeRef<'_>) -> Result<Option<String>, StoreError> {
        let graph = self.minter.modified_graph();
        let mut latest: Option<String> = None;
        for quad in self.inner.quads_for_pattern(
            Some(entity.into()),
            Some(steppe::MODIFIED),
            None,
            Some(graph.as_ref().into()),
        ) {
            if let oxigraph::model::Term::Literal(at) = quad?.object
                && latest.as_deref().is_none_or(|l| later(at.value(), l))
            {
                latest = Some(at.value().to_owned());
            }
        }
        Ok(latest)
    }

    /// When the dataset last changed, if any write stamped it.
    pub fn dataset_modified(&self) -> Result<Option<String>, StoreError> {
        self.modified(self.minter.dataset().as_ref())
    }

    /// Every stamped entity with its stamp, streamed in the store's order (stable for a given
    /// revision): what the sitemaps list.
    pub fn stamped(&self) -> impl Iterator<Item = Result<(NamedNode, String), StoreError>> + '_ {
        let graph = self.minter.modified_graph();
        self.inner
            .quads_for_pattern(
                None,
                Some(steppe::MODIFIED),
                None,
                Some(graph.as_ref().into()),
            )
            .filter_map(move |quad| {
                let quad = match quad {
                    Ok(quad) => quad,
                    Err(e) => return Some(Err(e.into())),
                };
                let oxigraph::model::NamedOrBlankNode::NamedNode(entity) = quad.subject else {
                    return None;
                };
                if self.entity_of(entity.as_str()).as_ref() != Some(&entity) {
                    return None;
                }
                match quad.object {
                    oxigraph::model::Term::Literal(at) => Some(Ok((entity, at.value().to_owned()))),
                    _ => None,
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::later;

    #[test]
    fn stamps_are_ordered_as_times_not_as_text() {
        let cases = [
            // the store's canonical form drops a fraction's trailing zeros, and a whole second's
            ("2026-12-02T02:44:35.623Z", "2026-12-02T02:44:35.6Z"),
            ("2026-12-02T02:44:35.1Z", "2026-12-02T02:44:35Z"),
            ("2026-12-02T02:44:36Z", "2026-12-02T02:44:35.999Z"),
            ("2026-12-03T00:00:00Z", "2026-12-02T23:59:59.5Z"),
        ];
        for (newer, older) in cases {
            assert!(later(newer, older), "{newer} after {older}");
            assert!(!later(older, newer), "{older} not after {newer}");
        }
        assert!(!later("2026-12-02T02:44:35.6Z", "2026-12-02T02:44:35.600Z"));
    }
}

//! An entity page's lists, answered from memory.
//!
//! The lists are defined by their queries: `papers_of.rq` and `papers_before.rq` (a page of
//! papers), `papers_by_year.rq`, `affiliations_of.rq`, `coauthors_of.rq`, `people_of.rq`,
//! `topics_of.rq` and `related_topics.rq`. As SPARQL each joins over every paper of the entity
//! at every request: hundreds of milliseconds for an institution of a thousand papers. `Lists`
//! holds what those queries follow (authors, authorships as paper/person/organisation,
//! affiliations, parts, topics, publishers, broader topics, publication dates, names, the
//! article and person types) as packed adjacency lists over interned terms, read from the
//! union of the graphs through `links.rq`, `authorships.rq` and `instances.rq` at one store
//! revision, with each article's paging keys made once, and answers each list as its query
//! does. A page asks through `Lists::of`, which gathers the entity's papers once for all its
//! lists.
//!
//! **Invariant:** a `Lists` is used only while the store is at the revision it was read at
//! (`Store::lists`); after a write it is read again in the background, and pages use the
//! queries until it is ready. A test compares both answers, page by page, for entities of
//! every kind of the demo data and a generated graph.

use super::{QueryError, Store};
use crate::queries;
use crate::vocab::{schema, skos};
use oxigraph::model::{NamedNode, NamedNodeRef, Term, TermRef};
use oxigraph::sparql::QueryEvaluationError;
use oxigraph::sparql::QueryResults;
use rustc_hash::FxHashMap as HashMap;
use std::cell::{OnceCell, RefCell};
use std::cmp::Ordering;
use std::rc::Rc;
use std::sync::Arc;

/// A list of an entity page besides its papers, and the query that defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// A person's affiliations at publication, latest first (`affiliations_of.rq`).
    Affiliations,
    /// A person's co-authors, most papers together first (`coauthors_of.rq`).
    Coauthors,
    /// An organisation's people (`people_of.rq`).
    People,
    /// The topics of an entity's papers (`topics_of.rq`).
    Topics,
    /// Topics related to a topic (`related_topics.rq`).
    RelatedTopics,
}

impl List {
    /// The query that defines the list (binds `?of`; rows `?item ?label ?n`, and `?from ?to`
    /// for affiliations).
    pub fn query(self) -> &'static str {
        match self {
            Self::Affiliations => queries::AFFILIATIONS_OF,
            Self::Coauthors => queries::COAUTHORS_OF,
            Self::People => queries::PEOPLE_OF,
            Self::Topics => queries::TOPICS_OF,
            Self::RelatedTopics => queries::RELATED_TOPICS,
        }
    }
}

/// Rows a related list keeps (its queries' `LIMIT`).
const RELATED_LIMIT: usize = 50;

/// One row of a page of papers, as `papers_of.rq` gives it.
#[derive(Debug, Clone)]
pub struct PaperRow {
    pub paper: NamedNode,
    pub title: Option<Term>,
    pub date: Option<Term>,
    /// The paging key: the date (or `0000`), a space and the paper's IRI.
    pub key: String,
}

/// One row of a related list: the item, how many papers relate it, and for affiliations the
/// first and last year.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub item: Term,
    pub count: u64,
    pub years: Option<(String, String)>,
}

/// Which direction a page of papers goes from its key.
#[derive(Debug, Clone, Copy)]
pub enum Direction {
    /// Keys below the key, newest first (`papers_of.rq`, `?after`).
    Older,
    /// Keys above the key, oldest first (`papers_before.rq`, `?before`).
    Newer,
}

type Id = u32;

/// An item of a related list: the item, how many papers relate it and, for affiliations,
/// its first and last year (indexes into `Lists::year_texts`).
type Ranked = (Id, u64, Option<(u32, u32)>);

/// The links followed, in the order of `LINKS` (authorships are read apart: `Authorship`).
#[derive(Debug, Clone, Copy)]
enum Link {
    Author,
    Affiliation,
    PartOf,
    About,
    Publisher,
    Broader,
}

const LINKS: [(Link, NamedNodeRef<'static>); 6] = [
    (Link::Author, schema::AUTHOR),
    (Link::Affiliation, schema::AFFILIATION),
    (Link::PartOf, schema::IS_PART_OF),
    (Link::About, schema::ABOUT),
    (Link::Publisher, schema::PUBLISHER),
    (Link::Broader, skos::BROADER),
];

/// Lists of numbers by id, packed: the list of `id` is `items[start[id]..start[id + 1]]`.
/// One allocation for all of them, and a lookup is two reads of neighbouring numbers.
#[derive(Debug, Default)]
struct Packed {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Packed {
    /// Packs `(id, item)` pairs for ids below `ids`, each list sorted and without repeats
    /// (a triple stated in two graphs counts once).
    fn new(ids: usize, mut pairs: Vec<(Id, u32)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        let mut start = vec![0_u32; ids + 1];
        for &(id, _) in &pairs {
            start[id as usize + 1] += 1;
        }
        for i in 0..ids {
            start[i + 1] += start[i];
        }
        let items = pairs.into_iter().map(|(_, item)| item).collect();
        Self { start, items }
    }

    fn get(&self, id: Id) -> &[u32] {
        let id = id as usize;
        match (self.start.get(id), self.start.get(id + 1)) {
            (Some(&from), Some(&to)) => &self.items[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// Subjects to objects and back, for one link.
#[derive(Debug, Default)]
struct Adjacency {
    out: Packed,
    back: Packed,
}

impl Adjacency {
    fn new(ids: usize, pairs: Vec<(Id, Id)>) -> Self {
        let back = pairs.iter().map(|&(s, o)| (o, s)).collect();
        Self {
            out: Packed::new(ids, pairs),
            back: Packed::new(ids, back),
        }
    }
}

/// One authorship (`steppe:authorship`) as the queries join it: its paper, and its author and
/// affiliation at publication when it states them (one per pair when it states several).
#[derive(Debug, Clone, Copy)]
struct Authorship {
    paper: Id,
    person: Option<Id>,
    org: Option<Id>,
}

/// A way a paper belongs to an entity (a branch of the lists' queries).
#[derive(Debug, Clone, Copy)]
enum Way {
    /// It wrote it (`schema:author`, or an authorship's `steppe:author`).
    Authored,
    /// An authorship's affiliation at publication.
    AtPublication,
    /// Written by a person with `schema:affiliation` to it (through `schema:author`).
    Members,
    /// `schema:isPartOf` one and two steps.
    NearParts,
    /// `schema:isPartOf` three steps (journal, volume, issue).
    Parts,
    About,
    Published,
}

const WAYS: [Way; 7] = [
    Way::Authored,
    Way::AtPublication,
    Way::Members,
    Way::NearParts,
    Way::Parts,
    Way::About,
    Way::Published,
];

/// Which ways a list counts, one bit a way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ways(u8);

impl Ways {
    const ALL: Self = Self(0x7f);

    const fn of(ways: &[Way]) -> Self {
        let mut bits = 0;
        let mut i = 0;
        while i < ways.len() {
            bits |= 1 << ways[i] as u8;
            i += 1;
        }
        Self(bits)
    }

    fn has(self, way: Way) -> bool {
        self.0 & (1 << way as u8) != 0
    }
}

/// The links of the graph an entity's lists follow, at one store revision.
#[derive(Debug)]
pub struct Lists {
    revision: String,
    ids: HashMap<Term, Id>,
    terms: Vec<Term>,
    links: Vec<Adjacency>,
    authorships: Vec<Authorship>,
    /// Indexes into `authorships` by paper, by person and by organisation.
    by_paper: Packed,
    by_person: Packed,
    by_org: Packed,
    /// Whether each term is an article, a person.
    articles: Vec<bool>,
    people: Vec<bool>,
    /// Each term's place in SPARQL's order of terms (`order_terms`), so that lists sort
    /// by comparing numbers.
    rank: Vec<u32>,
    /// The years of everything dated (`SUBSTR(STR(?date), 1, 4)` of each `schema:datePublished`),
    /// as indexes into `year_texts`, sorted, each once.
    years: Packed,
    /// Every year text, sorted (so that indexes compare as the texts do).
    year_texts: Vec<String>,
    /// Every `schema:name` of everything the lists show (titles of papers too), sorted.
    names: HashMap<Id, Vec<Term>>,
    /// Every article's paging keys (date or `0000`, a space, its IRI) with the article and
    /// date of each, sorted by key.
    keys: Vec<(String, Id, Option<Term>)>,
    /// Each article's keys, as indexes into `keys`.
    keys_of: Packed,
}

impl Lists {
    /// Reads the links from the store as it is now.
    pub(super) fn read(store: &Store) -> Result<Self, QueryError> {
        let revision = store.revision();
        let mut lists = Self {
            revision,
            ids: HashMap::default(),
            terms: Vec::new(),
            links: Vec::new(),
            authorships: Vec::new(),
            by_paper: Packed::default(),
            by_person: Packed::default(),
            by_org: Packed::default(),
            articles: Vec::new(),
            people: Vec::new(),
            rank: Vec::new(),
            years: Packed::default(),
            year_texts: Vec::new(),
            names: HashMap::default(),
            keys: Vec::new(),
            keys_of: Packed::default(),
        };
        // pairs first: the lists are packed once every term has its id
        let mut links: Vec<Vec<(Id, Id)>> = LINKS.iter().map(|_| Vec::new()).collect();
        for (link, property) in LINKS {
            store.each_link(property, |subject, object| {
                if matches!(object, Term::Literal(_)) {
                    return;
                }
                let (s, o) = (lists.intern(subject), lists.intern(object));
                links[link as usize].push((s, o));
            })?;
        }
        // the authorship nodes stay in the store: the join names only what they link
        let (mut by_paper, mut by_person, mut by_org) = (Vec::new(), Vec::new(), Vec::new());
        store.each_row(
            queries::AUTHORSHIPS,
            &[],
            &["paper", "person", "org"],
            |row| {
                let [Some(paper), person, org] = row else {
                    return;
                };
                let resource = |t: Option<Term>| t.filter(|t| !matches!(t, Term::Literal(_)));
                let authorship = Authorship {
                    paper: lists.intern(paper),
                    person: resource(person).map(|t| lists.intern(t)),
                    org: resource(org).map(|t| lists.intern(t)),
                };
                let index = u32::try_from(lists.authorships.len()).unwrap_or(u32::MAX);
                by_paper.push((authorship.paper, index));
                if let Some(person) = authorship.person {
                    by_person.push((person, index));
                }
                if let Some(org) = authorship.org {
                    by_org.push((org, index));
                }
                lists.authorships.push(authorship);
            },
        )?;
        let (mut articles, mut people) = (Vec::new(), Vec::new());
        for (class, instances) in [
            (schema::SCHOLARLY_ARTICLE, &mut articles),
            (schema::PERSON, &mut people),
        ] {
            let bindings = [("class", Term::from(class.into_owned()))];
            store.each_row(queries::INSTANCES, &bindings, &["s"], |[s]| {
                if let Some(s) = s {
                    instances.push(lists.intern(s));
                }
            })?;
            instances.sort_unstable();
            instances.dedup();
        }
        let mut dates: HashMap<Id, Vec<Term>> = HashMap::default();
        store.each_link(schema::DATE_PUBLISHED, |subject, object| {
            let id = lists.intern(subject);
            let dates = dates.entry(id).or_default();
            if !dates.contains(&object) {
                dates.push(object);
            }
        })?;
        store.each_link(schema::NAME, |subject, name| {
            let id = lists.intern(subject);
            lists.names.entry(id).or_default().push(name);
        })?;
        for names in lists.names.values_mut() {
            names.sort_by(order_terms);
            names.dedup();
        }
        // every term has its id now
        let ids = lists.terms.len();
        lists.links = links
            .into_iter()
            .map(|pairs| Adjacency::new(ids, pairs))
            .collect();
        lists.by_paper = Packed::new(ids, by_paper);
        lists.by_person = Packed::new(ids, by_person);
        lists.by_org = Packed::new(ids, by_org);
        let flags = |members: &[Id]| {
            let mut flags = vec![false; ids];
            for &id in members {
                flags[id as usize] = true;
            }
            flags
        };
        lists.articles = flags(&articles);
        lists.people = flags(&people);
        for &paper in &articles {
            // a blank node has no string: its key is an error and its rows are left out
            let Term::NamedNode(iri) = &lists.terms[paper as usize] else {
                continue;
            };
            for date in optional(dates.get(&paper)) {
                let shown = match date {
                    None => "0000",
                    Some(Term::NamedNode(n)) => n.as_str(),
                    Some(Term::Literal(l)) => l.value(),
                    Some(Term::BlankNode(_)) => continue,
                };
                let key = format!("{shown} {}", iri.as_str());
                lists.keys.push((key, paper, date.cloned()));
            }
        }
        lists.keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let keys_of = lists
            .keys
            .iter()
            .enumerate()
            .map(|(index, (_, paper, _))| (*paper, u32::try_from(index).unwrap_or(u32::MAX)))
            .collect();
        lists.keys_of = Packed::new(ids, keys_of);
        lists.read_years(&dates);
        let mut order: Vec<Id> = (0..lists.terms.len())
            .filter_map(|i| Id::try_from(i).ok())
            .collect();
        order.sort_unstable_by(|a, b| {
            order_terms(&lists.terms[*a as usize], &lists.terms[*b as usize])
        });
        lists.rank = vec![0; lists.terms.len()];
        for (place, id) in order.into_iter().enumerate() {
            lists.rank[id as usize] = u32::try_from(place).unwrap_or(u32::MAX);
        }
        Ok(lists)
    }

    /// The year texts of `dates`, interned in their order, for each thing dated.
    fn read_years(&mut self, dates: &HashMap<Id, Vec<Term>>) {
        let texts: std::collections::BTreeSet<String> =
            dates.values().flatten().filter_map(year).collect();
        self.year_texts = texts.into_iter().collect();
        let mut pairs = Vec::new();
        for (&id, dates) in dates {
            pairs.extend(
                dates
                    .iter()
                    .filter_map(year)
                    .filter_map(|text| self.year_texts.binary_search(&text).ok())
                    .filter_map(|index| u32::try_from(index).ok())
                    .map(|index| (id, index)),
            );
        }
        self.years = Packed::new(self.terms.len(), pairs);
    }

    /// The years `id` is dated by, as indexes into `year_texts`.
    fn years_of(&self, id: Id) -> &[u32] {
        self.years.get(id)
    }

    fn is_article(&self, id: Id) -> bool {
        self.articles.get(id as usize).copied().unwrap_or(false)
    }

    fn is_person(&self, id: Id) -> bool {
        self.people.get(id as usize).copied().unwrap_or(false)
    }

    /// The names of `item` in the store, sorted.
    pub fn names_of(&self, item: TermRef<'_>) -> &[Term] {
        self.id(item)
            .and_then(|id| self.names.get(&id))
            .map_or(&[], Vec::as_slice)
    }

    /// The revision of the store the links were read at.
    pub fn revision(&self) -> &str {
        &self.revision
    }

    fn intern(&mut self, term: Term) -> Id {
        if let Some(id) = self.ids.get(&term) {
            return *id;
        }
        let id = Id::try_from(self.terms.len()).unwrap_or(Id::MAX);
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        id
    }

    fn id(&self, term: TermRef<'_>) -> Option<Id> {
        self.ids.get(&term.into_owned()).copied()
    }

    fn out(&self, link: Link, id: Id) -> &[Id] {
        self.links[link as usize].out.get(id)
    }

    fn back(&self, link: Link, id: Id) -> &[Id] {
        self.links[link as usize].back.get(id)
    }

    /// The authorships of `of` as paper, person or organisation.
    fn authorships<'a>(
        &'a self,
        index: &'a Packed,
        of: Id,
    ) -> impl Iterator<Item = &'a Authorship> + 'a {
        index.get(of).iter().map(|i| &self.authorships[*i as usize])
    }

    /// What `?x path ?of` finds for `?x`, a path of `steps` links each followed backwards.
    fn back_path(&self, steps: &[Link], of: Id) -> Vec<Id> {
        let mut at = vec![of];
        for link in steps.iter().rev() {
            at = at
                .iter()
                .flat_map(|id| self.back(*link, *id).iter().copied())
                .collect();
        }
        at
    }

    /// The articles that belong to `of` in one way, sorted.
    fn found(&self, of: Id, way: Way) -> Vec<Id> {
        use Link::{About, Author, PartOf, Publisher};
        let mut found: Vec<Id> = match way {
            Way::Authored => {
                let mut found = self.back_path(&[Author], of);
                found.extend(self.authorships(&self.by_person, of).map(|a| a.paper));
                found
            }
            Way::AtPublication => self
                .authorships(&self.by_org, of)
                .map(|a| a.paper)
                .collect(),
            Way::Members => self.back_path(&[Author, Link::Affiliation], of),
            Way::NearParts => {
                let mut found = self.back_path(&[PartOf], of);
                found.extend(self.back_path(&[PartOf, PartOf], of));
                found
            }
            Way::Parts => self.back_path(&[PartOf, PartOf, PartOf], of),
            Way::About => self.back_path(&[About], of),
            Way::Published => self.back_path(&[Publisher], of),
        };
        found.sort_unstable();
        found.dedup();
        found.retain(|paper| self.is_article(*paper));
        found
    }

    /// The lists of `of`: each set of its papers is gathered once however many lists use it.
    pub fn of(&self, of: NamedNodeRef<'_>) -> EntityLists<'_> {
        EntityLists {
            lists: self,
            of: self.id(of.into()),
            found: Default::default(),
            unions: RefCell::default(),
        }
    }
}

/// The lists of one entity, answered from a `Lists`. Made for one page: the papers each way
/// finds are kept while it lives, so the page of papers, the years and the related lists
/// gather them once.
#[derive(Debug)]
pub struct EntityLists<'a> {
    lists: &'a Lists,
    of: Option<Id>,
    /// The articles each `Way` finds, in `WAYS` order, each gathered when first asked for.
    found: [OnceCell<Vec<Id>>; WAYS.len()],
    /// The unions made so far, by the ways (those that find anything) they join.
    unions: RefCell<Vec<(Ways, Rc<[Id]>)>>,
}

impl EntityLists<'_> {
    fn found(&self, of: Id, way: Way) -> &[Id] {
        self.found[way as usize].get_or_init(|| self.lists.found(of, way))
    }

    /// The articles that belong to the entity in the `ways` given, sorted.
    fn papers(&self, ways: Ways) -> Rc<[Id]> {
        let Some(of) = self.of else {
            return Rc::from([]);
        };
        // the ways that find anything: lists asking in other words for the same set share it
        let joined = WAYS
            .into_iter()
            .filter(|way| ways.has(*way) && !self.found(of, *way).is_empty())
            .fold(Ways(0), |joined, way| Ways(joined.0 | Ways::of(&[way]).0));
        if let Some((_, papers)) = self.unions.borrow().iter().find(|(w, _)| *w == joined) {
            return Rc::clone(papers);
        }
        let mut papers: Vec<Id> = WAYS
            .into_iter()
            .filter(|way| joined.has(*way))
            .flat_map(|way| self.found(of, way).iter().copied())
            .collect();
        if joined.0.count_ones() > 1 {
            papers.sort_unstable();
            papers.dedup();
        }
        let papers: Rc<[Id]> = papers.into();
        self.unions.borrow_mut().push((joined, Rc::clone(&papers)));
        papers
    }

    /// The names of `item` in the store, sorted.
    pub fn names_of(&self, item: TermRef<'_>) -> &[Term] {
        self.lists.names_of(item)
    }

    /// One page of the entity's papers: at most `limit` rows with keys beyond `key` in
    /// `direction`, as `papers_of.rq` (older) or `papers_before.rq` (newer) gives them.
    pub fn papers_page(&self, key: &str, direction: Direction, limit: usize) -> Vec<PaperRow> {
        let lists = self.lists;
        // keys beyond `key` are those on one side of where it would be in `keys`
        let (from, to) = match direction {
            Direction::Older => (0, lists.keys.partition_point(|k| k.0.as_str() < key)),
            Direction::Newer => (
                lists.keys.partition_point(|k| k.0.as_str() <= key),
                lists.keys.len(),
            ),
        };
        let mut keyed: Vec<u32> = self
            .papers(Ways::ALL)
            .iter()
            .flat_map(|paper| lists.keys_of.get(*paper))
            .copied()
            .filter(|index| (from..to).contains(&(*index as usize)))
            .collect();
        // the newest first going older, the oldest first going newer
        let order = |a: &u32, b: &u32| match direction {
            Direction::Older => b.cmp(a),
            Direction::Newer => a.cmp(b),
        };
        if keyed.len() > limit {
            keyed.select_nth_unstable_by(limit, order);
            keyed.truncate(limit);
        }
        keyed.sort_unstable_by(order);
        let mut rows = Vec::new();
        for index in keyed {
            let (row_key, paper, date) = &lists.keys[index as usize];
            let Term::NamedNode(iri) = &lists.terms[*paper as usize] else {
                continue;
            };
            for title in optional(lists.names.get(paper)) {
                rows.push(PaperRow {
                    paper: iri.clone(),
                    title: title.cloned(),
                    date: date.clone(),
                    key: row_key.clone(),
                });
            }
            if rows.len() >= limit {
                break;
            }
        }
        rows.truncate(limit);
        rows
    }

    /// How many of the entity's papers appeared each year, oldest first
    /// (`papers_by_year.rq`).
    pub fn years(&self) -> Vec<(String, u64)> {
        let lists = self.lists;
        let ways = Ways::of(&[
            Way::Authored,
            Way::AtPublication,
            Way::Members,
            Way::Parts,
            Way::About,
        ]);
        // the papers are distinct and so are each paper's years: each pair counts once
        let mut counts = vec![0_u64; lists.year_texts.len()];
        for &paper in self.papers(ways).iter() {
            for &year in lists.years_of(paper) {
                counts[year as usize] += 1;
            }
        }
        counts
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .map(|(year, n)| (lists.year_texts[year].clone(), n))
            .collect()
    }

    /// The entity's list `list`, as its query gives it.
    pub fn related(&self, list: List) -> Vec<ItemRow> {
        let lists = self.lists;
        let Some(of) = self.of else {
            return Vec::new();
        };
        // each item with each paper that relates it; items listed without papers apart
        let mut pairs: Vec<(Id, Id)> = Vec::new();
        let mut unpapered: Vec<Id> = Vec::new();
        match list {
            List::Affiliations => pairs.extend(
                lists
                    .authorships(&lists.by_person, of)
                    .filter_map(|a| Some((a.org?, a.paper))),
            ),
            List::Coauthors => {
                let ways = Ways::of(&[Way::Authored]);
                for paper in self.papers(ways).iter().copied() {
                    let authors = lists.out(Link::Author, paper).iter().copied().chain(
                        lists
                            .authorships(&lists.by_paper, paper)
                            .filter_map(|a| a.person),
                    );
                    pairs.extend(authors.filter(|item| *item != of).map(|item| (item, paper)));
                }
            }
            List::People => {
                unpapered.extend_from_slice(lists.back(Link::Affiliation, of));
                pairs.extend(
                    lists
                        .authorships(&lists.by_org, of)
                        .filter_map(|a| Some((a.person?, a.paper))),
                );
            }
            List::Topics => {
                let ways = Ways::of(&[Way::Authored, Way::AtPublication, Way::Parts]);
                for paper in self.papers(ways).iter().copied() {
                    pairs.extend(
                        lists
                            .out(Link::About, paper)
                            .iter()
                            .map(|&item| (item, paper)),
                    );
                }
            }
            List::RelatedTopics => {
                for &paper in lists.back(Link::About, of) {
                    if !lists.is_article(paper) {
                        continue;
                    }
                    for &item in lists.out(Link::About, paper) {
                        if item != of {
                            pairs.push((item, paper));
                        }
                    }
                }
                unpapered.extend_from_slice(lists.out(Link::Broader, of));
                unpapered.extend_from_slice(lists.back(Link::Broader, of));
            }
        }
        // each paper counts once for an item (runs of the sorted pairs), and an affiliation
        // spans the years of its papers
        pairs.sort_unstable();
        pairs.dedup();
        let mut ranked: Vec<Ranked> = Vec::new();
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let span = (list == List::Affiliations)
                .then(|| {
                    let years = run.iter().flat_map(|(_, paper)| lists.years_of(*paper));
                    Some((*years.clone().min()?, *years.max()?))
                })
                .flatten();
            ranked.push((run[0].0, run.len() as u64, span));
        }
        let papered = ranked.len();
        unpapered.sort_unstable();
        unpapered.dedup();
        for item in unpapered {
            if ranked[..papered]
                .binary_search_by_key(&item, |r| r.0)
                .is_err()
            {
                ranked.push((item, 0, None));
            }
        }
        if list == List::People {
            ranked.retain(|(item, _, _)| lists.is_person(*item));
        }
        // in the queries' order: most papers (latest year for affiliations), then the item;
        // an item without a name is left out, as the queries join on it
        ranked.retain(|(item, _, _)| lists.names.contains_key(item));
        let order = |a: &Ranked, b: &Ranked| {
            match list {
                List::Affiliations => b.2.map(|s| s.1).cmp(&a.2.map(|s| s.1)),
                _ => b.1.cmp(&a.1),
            }
            .then_with(|| lists.rank[a.0 as usize].cmp(&lists.rank[b.0 as usize]))
        };
        if ranked.len() > RELATED_LIMIT {
            ranked.select_nth_unstable_by(RELATED_LIMIT, order);
            ranked.truncate(RELATED_LIMIT);
        }
        ranked.sort_unstable_by(order);
        ranked
            .into_iter()
            .map(|(item, count, span)| ItemRow {
                item: lists.terms[item as usize].clone(),
                count,
                years: span.map(|(from, to)| {
                    (
                        lists.year_texts[from as usize].clone(),
                        lists.year_texts[to as usize].clone(),
                    )
                }),
            })
            .collect()
    }
}

/// The values an `OPTIONAL` gives: each of `values`, or one unbound row when there are none.
fn optional(values: Option<&Vec<Term>>) -> Vec<Option<&Term>> {
    match values {
        Some(values) if !values.is_empty() => values.iter().map(Some).collect(),
        _ => vec![None],
    }
}

/// `SUBSTR(STR(?date), 1, 4)`; none for a blank node, which has no string.
fn year(date: &Term) -> Option<String> {
    let text = match date {
        Term::NamedNode(n) => n.as_str(),
        Term::Literal(l) => l.value(),
        Term::BlankNode(_) => return None,
    };
    Some(text.chars().take(4).collect())
}

/// SPARQL's order of terms in `ORDER BY`: blank nodes, then IRIs, then literals (by their
/// text, then their language).
fn order_terms(a: &Term, b: &Term) -> Ordering {
    fn rank(term: &Term) -> (u8, &str, &str) {
        match term {
            Term::BlankNode(b) => (0, b.as_str(), ""),
            Term::NamedNode(n) => (1, n.as_str(), ""),
            Term::Literal(l) => (2, l.value(), l.language().unwrap_or_default()),
        }
    }
    rank(a).cmp(&rank(b))
}

/// The index of the store and whether one is being read (`Store::lists`).
#[derive(Debug, Default)]
pub(super) struct Shelf {
    pub(super) current: Option<Arc<Lists>>,
    pub(super) reading: bool,
    /// Set by `use_lists(false)`: no index is read or used.
    pub(super) off: bool,
}

impl Store {
    /// The lists index at the store's current revision, when it is ready; otherwise starts
    /// reading one in the background (once) and answers `None`, so the caller runs the queries.
    pub fn lists(&self) -> Option<Arc<Lists>> {
        let revision = self.revision();
        let Ok(mut shelf) = self.lists.lock() else {
            return None;
        };
        if shelf.off {
            return None;
        }
        if let Some(current) = &shelf.current
            && current.revision == revision
        {
            return Some(Arc::clone(current));
        }
        if !shelf.reading {
            shelf.reading = true;
            let store = self.clone();
            std::thread::spawn(move || {
                if let Err(e) = store.read_lists() {
                    tracing::warn!(error = %e, "could not read the lists index");
                }
                if let Ok(mut shelf) = store.lists.lock() {
                    shelf.reading = false;
                }
            });
        }
        None
    }

    /// The lists index as `/health` reports it: `ready` (current), `reading` (being read for
    /// the current revision: pages run their queries meanwhile) or `off`.
    pub fn lists_state(&self) -> &'static str {
        if self.lists().is_some() {
            return "ready";
        }
        match self.lists.lock() {
            Ok(shelf) if !shelf.off => "reading",
            _ => "off",
        }
    }

    /// Whether pages may use a lists index (on unless turned off; off, they run the queries and
    /// no memory goes to an index). Holds for every clone of this store.
    pub fn use_lists(&self, on: bool) {
        if let Ok(mut shelf) = self.lists.lock() {
            shelf.off = !on;
            if !on {
                shelf.current = None;
            }
        }
    }

    /// Reads the lists index now and keeps it for the revision it was read at.
    pub fn read_lists(&self) -> Result<Arc<Lists>, QueryError> {
        let started = std::time::Instant::now();
        let lists = Arc::new(Lists::read(self)?);
        tracing::info!(
            revision = %lists.revision,
            terms = lists.terms.len(),
            ms = started.elapsed().as_millis() as u64,
            "lists index read"
        );
        if let Ok(mut shelf) = self.lists.lock() {
            shelf.current = Some(Arc::clone(&lists));
        }
        Ok(lists)
    }

    /// The names of `subject` in the union of the graphs, in the store's order (the first is
    /// the one `SAMPLE` takes).
    pub fn names(
        &self,
        subject: oxigraph::model::NamedOrBlankNodeRef<'_>,
    ) -> Result<Vec<Term>, QueryError> {
        self.objects(subject, schema::NAME)
            .map_err(|e| QueryError::Evaluation(QueryEvaluationError::Unexpected(Box::new(e))))
    }

    /// Calls `each` with the subject and object of every triple of `property` in the union of
    /// the graphs (`queries/links.rq`).
    fn each_link(
        &self,
        property: NamedNodeRef<'_>,
        mut each: impl FnMut(Term, Term),
    ) -> Result<(), QueryError> {
        let bindings = [("property", Term::from(property.into_owned()))];
        self.each_row(queries::LINKS, &bindings, &["s", "o"], |[s, o]| {
            if let (Some(s), Some(o)) = (s, o) {
                each(s, o);
            }
        })
    }

    /// Calls `each` with the values of `variables` in every row of `query`.
    fn each_row<const N: usize>(
        &self,
        query: &str,
        bindings: &[(&str, Term)],
        variables: &[&str; N],
        mut each: impl FnMut([Option<Term>; N]),
    ) -> Result<(), QueryError> {
        if let QueryResults::Solutions(solutions) = self.query(query, bindings, None)? {
            for solution in solutions {
                let solution = solution?;
                each(variables.map(|v| solution.get(v).cloned()));
            }
        }
        Ok(())
    }
}

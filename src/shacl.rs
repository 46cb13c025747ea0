//! A SHACL Core validator for the features steppe's shapes use.
//!
//! Supported: targets `sh:targetClass` (instances through the store's entailed types),
//! `sh:targetNode`, `sh:targetSubjectsOf`, `sh:targetObjectsOf`; paths made of a predicate,
//! `sh:inversePath` and sequences; the constraints `sh:class`, `sh:datatype`, `sh:nodeKind`,
//! `sh:minCount`, `sh:maxCount`, `sh:minInclusive`, `sh:maxInclusive` (numbers), `sh:minLength`,
//! `sh:maxLength`, `sh:pattern` (with `sh:flags`), `sh:languageIn`, `sh:uniqueLang`, `sh:in`,
//! `sh:hasValue`, `sh:node`, `sh:property`, `sh:and`, `sh:or`, `sh:not`, `sh:xone`; `sh:message`,
//! `sh:severity` and `sh:deactivated`. A shape using anything else is refused when the shapes
//! are parsed, so an unsupported constraint never passes silently.
//!
//! Data is read through [`DataGraph`], so the validator knows nothing of Oxigraph's store.

use crate::vocab::{rdf, sh, xsd};
use oxigraph::model::{Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TermRef};
use regex::Regex;
use std::collections::HashSet;
use std::fmt;

/// What the validator needs to read from the data.
pub trait DataGraph {
    /// The error of reading.
    type Error: std::error::Error + Send + Sync + 'static;
    /// Objects of `subject predicate ?o`, without duplicates.
    fn objects(
        &self,
        subject: &Term,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Term>, Self::Error>;
    /// Subjects of `?s predicate object`, without duplicates.
    fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> Result<Vec<Term>, Self::Error>;
    /// Subjects of any triple with `predicate`, without duplicates.
    fn subjects_of(&self, predicate: NamedNodeRef<'_>) -> Result<Vec<Term>, Self::Error>;
    /// Objects of any triple with `predicate`, without duplicates.
    fn objects_of(&self, predicate: NamedNodeRef<'_>) -> Result<Vec<Term>, Self::Error>;
}

/// Why shapes could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ShapesError {
    #[error("shape {shape}: {message}")]
    Invalid { shape: String, message: String },
    #[error(
        "shape {shape}: unsupported SHACL feature {feature} (see the shacl module for what is supported)"
    )]
    Unsupported { shape: String, feature: String },
}

/// How bad a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Violation,
    Warning,
    Info,
}

/// One validation result.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub focus: Term,
    pub path: Option<String>,
    pub value: Option<Term>,
    pub component: &'static str,
    pub message: String,
    pub severity: Severity,
    pub shape: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.severity, self.focus)?;
        if let Some(path) = &self.path {
            write!(f, " {path}")?;
        }
        if let Some(value) = &self.value {
            write!(f, " (value {value})")?;
        }
        write!(
            f,
            ": {} [{} of shape {}]",
            self.message, self.component, self.shape
        )
    }
}

#[derive(Debug, Clone)]
enum Path {
    Predicate(NamedNode),
    Inverse(Box<Path>),
    Sequence(Vec<Path>),
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Predicate(p) => write!(f, "{}", crate::results::compact(p.as_str())),
            Self::Inverse(p) => write!(f, "^{p}"),
            Self::Sequence(ps) => {
                let parts: Vec<String> = ps.iter().map(ToString::to_string).collect();
                write!(f, "{}", parts.join("/"))
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Constraint {
    Class(NamedNode),
    Datatype(NamedNode),
    NodeKind(NamedNode),
    MinCount(usize),
    MaxCount(usize),
    MinInclusive(f64),
    MaxInclusive(f64),
    MinLength(usize),
    MaxLength(usize),
    Pattern(Regex),
    LanguageIn(Vec<String>),
    UniqueLang,
    In(Vec<Term>),
    HasValue(Term),
    Node(usize),
    Property(usize),
    And(Vec<usize>),
    Or(Vec<usize>),
    Not(usize),
    Xone(Vec<usize>),
}

impl Constraint {
    const fn component(&self) -> &'static str {
        match self {
            Self::Class(_) => "sh:ClassConstraintComponent",
            Self::Datatype(_) => "sh:DatatypeConstraintComponent",
            Self::NodeKind(_) => "sh:NodeKindConstraintComponent",
            Self::MinCount(_) => "sh:MinCountConstraintComponent",
            Self::MaxCount(_) => "sh:MaxCountConstraintComponent",
            Self::MinInclusive(_) => "sh:MinInclusiveConstraintComponent",
            Self::MaxInclusive(_) => "sh:MaxInclusiveConstraintComponent",
            Self::MinLength(_) => "sh:MinLengthConstraintComponent",
            Self::MaxLength(_) => "sh:MaxLengthConstraintComponent",
            Self::Pattern(_) => "sh:PatternConstraintComponent",
            Self::LanguageIn(_) => "sh:LanguageInConstraintComponent",
            Self::UniqueLang => "sh:UniqueLangConstraintComponent",
            Self::In(_) => "sh:InConstraintComponent",
            Self::HasValue(_) => "sh:HasValueConstraintComponent",
            Self::Node(_) => "sh:NodeConstraintComponent",
            Self::Property(_) => "sh:PropertyConstraintComponent",
            Self::And(_) => "sh:AndConstraintComponent",
            Self::Or(_) => "sh:OrConstraintComponent",
            Self::Not(_) => "sh:NotConstraintComponent",
            Self::Xone(_) => "sh:XoneConstraintComponent",
        }
    }
}

#[derive(Debug, Clone)]
struct Shape {
    id: Term,
    path: Option<Path>,
    targets: Vec<(NamedNode, Term)>,
    constraints: Vec<Constraint>,
    message: Option<String>,
    severity: Severity,
    deactivated: bool,
}

/// A parsed set of shapes.
#[derive(Debug, Clone)]
pub struct Shapes {
    shapes: Vec<Shape>,
}

const TARGETS: [NamedNodeRef<'static>; 4] = [
    sh::TARGET_CLASS,
    sh::TARGET_NODE,
    sh::TARGET_SUBJECTS_OF,
    sh::TARGET_OBJECTS_OF,
];

impl Shapes {
    /// Reads every node shape (a subject of a target, or typed `sh:NodeShape`) and every
    /// shape they reach from a shapes graph.
    pub fn parse(graph: &Graph) -> Result<Self, ShapesError> {
        let mut parser = Parser {
            graph,
            shapes: Vec::new(),
            index: Vec::new(),
        };
        let mut roots: Vec<Term> = graph
            .subjects_for_predicate_object(rdf::TYPE, sh::NODE_SHAPE)
            .map(|s| s.into_owned().into())
            .collect();
        for target in TARGETS {
            roots.extend(
                graph
                    .triples_for_predicate(target)
                    .map(|t| t.subject.into_owned().into()),
            );
        }
        let roots = crate::store::unique(roots);
        for root in &roots {
            parser.shape(root)?;
        }
        Ok(Self {
            shapes: parser.shapes,
        })
    }

    /// Validates the data; returns every result, violations first.
    pub fn validate<D: DataGraph>(&self, data: &D) -> Result<Vec<Violation>, D::Error> {
        let mut results = Vec::new();
        for shape in &self.shapes {
            if shape.deactivated || shape.targets.is_empty() {
                continue;
            }
            let mut focus_nodes = Vec::new();
            for (kind, value) in &shape.targets {
                let kind = kind.as_ref();
                if kind == sh::TARGET_CLASS {
                    focus_nodes.extend(data.subjects(rdf::TYPE, value)?);
                } else if kind == sh::TARGET_NODE {
                    focus_nodes.push(value.clone());
                } else if let Term::NamedNode(p) = value {
                    if kind == sh::TARGET_SUBJECTS_OF {
                        focus_nodes.extend(data.subjects_of(p.as_ref())?);
                    } else {
                        focus_nodes.extend(data.objects_of(p.as_ref())?);
                    }
                }
            }
            let focus_nodes = crate::store::unique(focus_nodes);
            for focus in &focus_nodes {
                self.check(data, shape, focus, &mut results)?;
            }
        }
        results.sort_by_key(|r| match r.severity {
            Severity::Violation => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        });
        Ok(results)
    }

    fn conforms<D: DataGraph>(
        &self,
        data: &D,
        shape: usize,
        node: &Term,
    ) -> Result<bool, D::Error> {
        let mut results = Vec::new();
        self.check(data, &self.shapes[shape], node, &mut results)?;
        Ok(results.is_empty())
    }

    fn check<D: DataGraph>(
        &self,
        data: &D,
        shape: &Shape,
        focus: &Term,
        out: &mut Vec<Violation>,
    ) -> Result<(), D::Error> {
        if shape.deactivated {
            return Ok(());
        }
        let values = match &shape.path {
            Some(path) => values(data, focus, path)?,
            None => vec![focus.clone()],
        };
        for constraint in &shape.constraints {
            let mut fail = |value: Option<&Term>, detail: String| {
                out.push(Violation {
                    focus: focus.clone(),
                    path: shape.path.as_ref().map(ToString::to_string),
                    value: value.cloned(),
                    component: constraint.component(),
                    message: shape.message.clone().unwrap_or(detail),
                    severity: shape.severity,
                    shape: shape.id.to_string(),
                });
            };
            match constraint {
                Constraint::MinCount(n) if values.len() < *n => fail(
                    None,
                    format!("at least {n} value(s) needed, found {}", values.len()),
                ),
                Constraint::MaxCount(n) if values.len() > *n => fail(
                    None,
                    format!("at most {n} value(s) allowed, found {}", values.len()),
                ),
                Constraint::UniqueLang => {
                    let mut seen = HashSet::new();
                    for v in &values {
                        if let Term::Literal(l) = v
                            && let Some(lang) = l.language()
                            && !seen.insert(lang.to_owned())
                        {
                            fail(Some(v), format!("more than one value in language {lang:?}"));
                        }
                    }
                }
                Constraint::Property(index) => {
                    self.check(data, &self.shapes[*index], focus, out)?;
                }
                Constraint::HasValue(expected) if !values.contains(expected) => {
                    fail(None, format!("must include {expected}"))
                }
                Constraint::MinCount(_) | Constraint::MaxCount(_) | Constraint::HasValue(_) => {}
                other => {
                    for value in &values {
                        if let Some(detail) = self.value_fails(data, other, value)? {
                            fail(Some(value), detail);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks one value-node constraint; `Some(reason)` when it fails.
    fn value_fails<D: DataGraph>(
        &self,
        data: &D,
        constraint: &Constraint,
        value: &Term,
    ) -> Result<Option<String>, D::Error> {
        Ok(match constraint {
            Constraint::Class(class) => {
                let types = data.objects(value, rdf::TYPE)?;
                (!types
                    .iter()
                    .any(|t| matches!(t, Term::NamedNode(n) if n == class)))
                .then(|| {
                    format!(
                        "must be an instance of {}",
                        crate::results::compact(class.as_str())
                    )
                })
            }
            Constraint::Datatype(datatype) => match value {
                Term::Literal(l)
                    if l.datatype() == datatype.as_ref()
                        && well_formed(l.value(), datatype.as_ref()) =>
                {
                    None
                }
                _ => Some(format!(
                    "must be a literal of datatype {}",
                    crate::results::compact(datatype.as_str())
                )),
            },
            Constraint::NodeKind(kind) => {
                let ok = match value {
                    Term::NamedNode(_) => [sh::IRI, sh::BLANK_NODE_OR_IRI, sh::IRI_OR_LITERAL]
                        .contains(&kind.as_ref()),
                    Term::BlankNode(_) => {
                        [sh::BLANK_NODE, sh::BLANK_NODE_OR_IRI].contains(&kind.as_ref())
                    }
                    Term::Literal(_) => [sh::LITERAL, sh::IRI_OR_LITERAL].contains(&kind.as_ref()),
                };
                (!ok).then(|| {
                    format!(
                        "must be a node of kind {}",
                        crate::results::compact(kind.as_str())
                    )
                })
            }
            Constraint::MinInclusive(min) => (number(value).is_none_or(|v| v < *min))
                .then(|| format!("must be a number >= {min}")),
            Constraint::MaxInclusive(max) => (number(value).is_none_or(|v| v > *max))
                .then(|| format!("must be a number <= {max}")),
            Constraint::MinLength(n) => (lexical(value).is_none_or(|s| s.chars().count() < *n))
                .then(|| format!("must be at least {n} characters long")),
            Constraint::MaxLength(n) => (lexical(value).is_none_or(|s| s.chars().count() > *n))
                .then(|| format!("must be at most {n} characters long")),
            Constraint::Pattern(regex) => (lexical(value).is_none_or(|s| !regex.is_match(s)))
                .then(|| format!("must match /{}/", regex.as_str())),
            Constraint::LanguageIn(langs) => {
                let ok = matches!(value, Term::Literal(l) if l.language().is_some_and(|lang| langs.iter().any(|x| lang.eq_ignore_ascii_case(x) || lang.to_ascii_lowercase().starts_with(&format!("{}-", x.to_ascii_lowercase())))));
                (!ok).then(|| {
                    format!(
                        "must be a literal in one of the languages {}",
                        langs.join(", ")
                    )
                })
            }
            Constraint::In(allowed) => {
                (!allowed.contains(value)).then(|| "must be one of the listed values".to_owned())
            }
            Constraint::Node(index) => (!self.conforms(data, *index, value)?)
                .then(|| format!("must conform to shape {}", self.shapes[*index].id)),
            Constraint::And(shapes) => {
                let mut all = true;
                for s in shapes {
                    all &= self.conforms(data, *s, value)?;
                }
                (!all).then(|| "must conform to every shape of sh:and".to_owned())
            }
            Constraint::Or(shapes) => {
                let mut any = false;
                for s in shapes {
                    any |= self.conforms(data, *s, value)?;
                }
                (!any).then(|| "must conform to at least one shape of sh:or".to_owned())
            }
            Constraint::Xone(shapes) => {
                let mut count = 0;
                for s in shapes {
                    count += usize::from(self.conforms(data, *s, value)?);
                }
                (count != 1).then(|| {
                    format!("must conform to exactly one shape of sh:xone, conforms to {count}")
                })
            }
            Constraint::Not(shape) => self
                .conforms(data, *shape, value)?
                .then(|| format!("must not conform to shape {}", self.shapes[*shape].id)),
            Constraint::MinCount(_)
            | Constraint::MaxCount(_)
            | Constraint::UniqueLang
            | Constraint::HasValue(_)
            | Constraint::Property(_) => None,
        })
    }
}

fn values<D: DataGraph>(data: &D, focus: &Term, path: &Path) -> Result<Vec<Term>, D::Error> {
    let out = match path {
        Path::Predicate(p) => data.objects(focus, p.as_ref())?,
        Path::Inverse(inner) => match inner.as_ref() {
            Path::Predicate(p) => data.subjects(p.as_ref(), focus)?,
            _ => Vec::new(),
        },
        Path::Sequence(steps) => {
            let mut current = vec![focus.clone()];
            for step in steps {
                let mut next = Vec::new();
                for node in &current {
                    next.extend(values(data, node, step)?);
                }
                current = next;
            }
            current
        }
    };
    Ok(crate::store::unique(out))
}

fn lexical(term: &Term) -> Option<&str> {
    match term {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        Term::BlankNode(_) => None,
    }
}

fn number(term: &Term) -> Option<f64> {
    match term {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

/// Whether a lexical form is valid for the XSD datatypes our shapes name.
fn well_formed(value: &str, datatype: NamedNodeRef<'_>) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if datatype == xsd::INTEGER {
        let body = value.strip_prefix(['-', '+']).unwrap_or(value);
        digits(body)
    } else if datatype == xsd::DATE {
        let parts: Vec<&str> = value.splitn(3, '-').collect();
        parts.len() == 3
            && parts[0].len() == 4
            && digits(parts[0])
            && parts[1].len() == 2
            && parts[1].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
            && parts[2].len() == 2
            && parts[2].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
    } else {
        true
    }
}

struct Parser<'a> {
    graph: &'a Graph,
    shapes: Vec<Shape>,
    index: Vec<Term>,
}

impl Parser<'_> {
    fn objects(&self, subject: &Term, predicate: NamedNodeRef<'_>) -> Vec<Term> {
        match subject_of(subject) {
            Some(s) => self
                .graph
                .objects_for_subject_predicate(s.as_ref(), predicate)
                .map(TermRef::into_owned)
                .collect(),
            None => Vec::new(),
        }
    }

    fn one(&self, subject: &Term, predicate: NamedNodeRef<'_>) -> Option<Term> {
        self.objects(subject, predicate).into_iter().next()
    }

    fn invalid(&self, shape: &Term, message: impl Into<String>) -> ShapesError {
        ShapesError::Invalid {
            shape: shape.to_string(),
            message: message.into(),
        }
    }

    fn list(&self, shape: &Term, head: &Term) -> Result<Vec<Term>, ShapesError> {
        let mut items = Vec::new();
        let mut node = head.clone();
        while node != Term::from(rdf::NIL) {
            let first = self
                .one(&node, rdf::FIRST)
                .ok_or_else(|| self.invalid(shape, "malformed RDF list"))?;
            items.push(first);
            node = self
                .one(&node, rdf::REST)
                .ok_or_else(|| self.invalid(shape, "malformed RDF list"))?;
            if items.len() > 10_000 {
                return Err(self.invalid(shape, "RDF list too long or cyclic"));
            }
        }
        Ok(items)
    }

    fn path(&self, shape: &Term, node: &Term) -> Result<Path, ShapesError> {
        match node {
            Term::NamedNode(p) => Ok(Path::Predicate(p.clone())),
            Term::BlankNode(_) => {
                if let Some(inner) = self.one(node, sh::INVERSE_PATH) {
                    return Ok(Path::Inverse(Box::new(self.path(shape, &inner)?)));
                }
                if self.one(node, rdf::FIRST).is_some() {
                    let steps = self
                        .list(shape, node)?
                        .iter()
                        .map(|s| self.path(shape, s))
                        .collect::<Result<_, _>>()?;
                    return Ok(Path::Sequence(steps));
                }
                Err(ShapesError::Unsupported {
                    shape: shape.to_string(),
                    feature: "this kind of sh:path".to_owned(),
                })
            }
            Term::Literal(_) => {
                Err(self.invalid(shape, "sh:path must be an IRI or a path expression"))
            }
        }
    }

    fn shape(&mut self, id: &Term) -> Result<usize, ShapesError> {
        if let Some(i) = self.index.iter().position(|x| x == id) {
            return Ok(i);
        }
        let index = self.shapes.len();
        self.index.push(id.clone());
        self.shapes.push(Shape {
            id: id.clone(),
            path: None,
            targets: Vec::new(),
            constraints: Vec::new(),
            message: None,
            severity: Severity::Violation,
            deactivated: false,
        });
        let Some(subject) = subject_of(id) else {
            return Err(self.invalid(id, "a shape must be an IRI or a blank node"));
        };
        let mut shape = self.shapes[index].clone();
        for triple in self.graph.triples_for_subject(subject.as_ref()) {
            let p = triple.predicate;
            let o = triple.object.into_owned();
            let int = |o: &Term| match o {
                Term::Literal(l) => l.value().parse::<usize>().ok(),
                _ => None,
            };
            let float = |o: &Term| match o {
                Term::Literal(l) => l.value().parse::<f64>().ok(),
                _ => None,
            };
            let named = |o: &Term| match o {
                Term::NamedNode(n) => Some(n.clone()),
                _ => None,
            };
            let bad = |what: &str| ShapesError::Invalid {
                shape: id.to_string(),
                message: format!("bad value for {what}"),
            };
            if TARGETS.contains(&p) {
                shape.targets.push((p.into_owned(), o));
            } else if p == sh::PATH {
                shape.path = Some(self.path(id, &o)?);
            } else if p == sh::CLASS {
                shape
                    .constraints
                    .push(Constraint::Class(named(&o).ok_or_else(|| bad("sh:class"))?));
            } else if p == sh::DATATYPE {
                shape.constraints.push(Constraint::Datatype(
                    named(&o).ok_or_else(|| bad("sh:datatype"))?,
                ));
            } else if p == sh::NODE_KIND {
                shape.constraints.push(Constraint::NodeKind(
                    named(&o).ok_or_else(|| bad("sh:nodeKind"))?,
                ));
            } else if p == sh::MIN_COUNT {
                shape.constraints.push(Constraint::MinCount(
                    int(&o).ok_or_else(|| bad("sh:minCount"))?,
                ));
            } else if p == sh::MAX_COUNT {
                shape.constraints.push(Constraint::MaxCount(
                    int(&o).ok_or_else(|| bad("sh:maxCount"))?,
                ));
            } else if p == sh::MIN_LENGTH {
                shape.constraints.push(Constraint::MinLength(
                    int(&o).ok_or_else(|| bad("sh:minLength"))?,
                ));
            } else if p == sh::MAX_LENGTH {
                shape.constraints.push(Constraint::MaxLength(
                    int(&o).ok_or_else(|| bad("sh:maxLength"))?,
                ));
            } else if p == sh::MIN_INCLUSIVE {
                shape.constraints.push(Constraint::MinInclusive(
                    float(&o).ok_or_else(|| bad("sh:minInclusive"))?,
                ));
            } else if p == sh::MAX_INCLUSIVE {
                shape.constraints.push(Constraint::MaxInclusive(
                    float(&o).ok_or_else(|| bad("sh:maxInclusive"))?,
                ));
            } else if p == sh::PATTERN {
                let Term::Literal(pattern) = &o else {
                    return Err(bad("sh:pattern"));
                };
                let flags = match self.one(id, sh::FLAGS) {
                    Some(Term::Literal(f)) => f.value().to_owned(),
                    _ => String::new(),
                };
                let source = if flags.is_empty() {
                    pattern.value().to_owned()
                } else {
                    format!("(?{flags}){}", pattern.value())
                };
                let regex = Regex::new(&source)
                    .map_err(|e| self.invalid(id, format!("sh:pattern: {e}")))?;
                shape.constraints.push(Constraint::Pattern(regex));
            } else if p == sh::LANGUAGE_IN {
                let langs = self
                    .list(id, &o)?
                    .iter()
                    .filter_map(|t| lexical(t).map(str::to_owned))
                    .collect();
                shape.constraints.push(Constraint::LanguageIn(langs));
            } else if p == sh::UNIQUE_LANG {
                if matches!(&o, Term::Literal(l) if l.value() == "true") {
                    shape.constraints.push(Constraint::UniqueLang);
                }
            } else if p == sh::IN {
                shape.constraints.push(Constraint::In(self.list(id, &o)?));
            } else if p == sh::HAS_VALUE {
                shape.constraints.push(Constraint::HasValue(o));
            } else if p == sh::NODE {
                shape.constraints.push(Constraint::Node(self.shape(&o)?));
            } else if p == sh::PROPERTY {
                shape
                    .constraints
                    .push(Constraint::Property(self.shape(&o)?));
            } else if p == sh::NOT {
                shape.constraints.push(Constraint::Not(self.shape(&o)?));
            } else if p == sh::AND || p == sh::OR || p == sh::XONE {
                let members = self
                    .list(id, &o)?
                    .iter()
                    .map(|m| self.shape(m))
                    .collect::<Result<Vec<_>, _>>()?;
                shape.constraints.push(if p == sh::AND {
                    Constraint::And(members)
                } else if p == sh::OR {
                    Constraint::Or(members)
                } else {
                    Constraint::Xone(members)
                });
            } else if p == sh::MESSAGE {
                if let Term::Literal(l) = &o {
                    shape.message = Some(l.value().to_owned());
                }
            } else if p == sh::SEVERITY {
                shape.severity = if o == Term::from(sh::WARNING) {
                    Severity::Warning
                } else if o == Term::from(sh::INFO) {
                    Severity::Info
                } else {
                    Severity::Violation
                };
            } else if p == sh::DEACTIVATED {
                shape.deactivated = matches!(&o, Term::Literal(l) if l.value() == "true");
            } else if p.as_str().starts_with(sh::NS) && !IGNORED.contains(&p) {
                return Err(ShapesError::Unsupported {
                    shape: id.to_string(),
                    feature: crate::results::compact(p.as_str()),
                });
            }
        }
        self.shapes[index] = shape;
        Ok(index)
    }
}

/// SHACL terms that carry no constraint.
const IGNORED: [NamedNodeRef<'static>; 3] = [sh::NAME, sh::FLAGS, sh::DESCRIPTION];

fn subject_of(term: &Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        Term::Literal(_) => None,
    }
}

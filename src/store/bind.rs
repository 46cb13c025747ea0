//! Bound variables written into the query's algebra as constants, so the optimiser plans
//! around them.
//!
//! Oxigraph's `substitute_variable` starts evaluation from a tuple holding the values, but plans
//! the joins as if the variables were free: a page's query about one topic ran its joins over
//! every paper first (a topic's related topics: over 60 s on 100,000 entities, 0.1 s with the
//! IRI in place). So every triple pattern, path and expression mentioning a bound variable gets
//! the value instead; the variable itself stays bound through the initial tuple, for the
//! projection, GROUP BY and BOUND(). The text is never edited: the parsed algebra is.
//!
//! A query may also leave an empty `VALUES ?x { }` for the caller to fill with many values
//! (`Bound::rows`): the rows go into the algebra as they would have been written.
//!
//! Every query also has the patterns of its basic graph patterns put in order of how selective
//! they look (`selectivity`), for the ties the optimiser leaves in the written order.

use oxigraph::model::{Term, Variable};
use spargebra::Query;
use spargebra::algebra::{Expression, GraphPattern, OrderExpression};
use spargebra::term::GroundTerm;
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
use std::cell::RefCell;
use std::collections::HashMap;

/// The values a query is run with: one value for each bound variable, and the rows of each
/// empty `VALUES` block the caller fills.
#[derive(Debug, Default)]
pub(super) struct Bound<'a> {
    pub(super) one: HashMap<Variable, Term>,
    pub(super) rows: HashMap<Variable, &'a [Term]>,
    /// The `VALUES` variables filled so far, so that a fill the query has no place for is
    /// an error rather than silently nothing.
    filled: RefCell<Vec<Variable>>,
}

impl Bound<'_> {
    fn get(&self, variable: &Variable) -> Option<&Term> {
        self.one.get(variable)
    }

    /// The variables given rows for which the query has no empty `VALUES` block.
    pub(super) fn unfilled(&self) -> Vec<Variable> {
        let filled = self.filled.borrow();
        self.rows
            .keys()
            .filter(|v| !filled.contains(v))
            .cloned()
            .collect()
    }
}

/// The query with each bound variable's value in place of the variable in its patterns.
pub(super) fn inline(query: Query, values: &Bound<'_>) -> Query {
    match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: graph_pattern(pattern, values),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: graph_pattern(pattern, values),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: graph_pattern(pattern, values),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: graph_pattern(pattern, values),
            base_iri,
        },
    }
}

fn term(pattern: TermPattern, values: &Bound<'_>) -> TermPattern {
    if let TermPattern::Variable(variable) = &pattern {
        match values.get(variable) {
            Some(Term::NamedNode(node)) => return TermPattern::NamedNode(node.clone()),
            Some(Term::Literal(literal)) => return TermPattern::Literal(literal.clone()),
            _ => {}
        }
    }
    pattern
}

fn named(pattern: NamedNodePattern, values: &Bound<'_>) -> NamedNodePattern {
    if let NamedNodePattern::Variable(variable) = &pattern
        && let Some(Term::NamedNode(node)) = values.get(variable)
    {
        return NamedNodePattern::NamedNode(node.clone());
    }
    pattern
}

fn triple(pattern: TriplePattern, values: &Bound<'_>) -> TriplePattern {
    TriplePattern {
        subject: term(pattern.subject, values),
        predicate: named(pattern.predicate, values),
        object: term(pattern.object, values),
    }
}

/// How early a triple pattern of a basic graph pattern should be joined, lowest first, for
/// patterns the optimiser cannot tell apart (it keeps the written order among patterns with as
/// many constants): a variable subject with a long literal object (an identifier, a name) first,
/// then with an IRI object, then the rest, then short literals (a language, a kind of
/// identifier), and class membership last. A DOI lookup written `?id schema:propertyID "doi" ;
/// schema:value "10…"` started from every DOI (0.65 s at 100,000 papers).
fn selectivity(pattern: &TriplePattern) -> (u8, std::cmp::Reverse<usize>) {
    let variable_subject = matches!(pattern.subject, TermPattern::Variable(_));
    let constant_predicate = match &pattern.predicate {
        NamedNodePattern::NamedNode(p) => Some(p.as_str()),
        NamedNodePattern::Variable(_) => None,
    };
    let (Some(predicate), true) = (constant_predicate, variable_subject) else {
        return (2, std::cmp::Reverse(0));
    };
    match &pattern.object {
        TermPattern::NamedNode(_) if predicate == crate::vocab::rdf::TYPE.as_str() => {
            (4, std::cmp::Reverse(0))
        }
        TermPattern::Literal(l) if l.value().chars().count() >= 8 => {
            (0, std::cmp::Reverse(l.value().len()))
        }
        TermPattern::Literal(_) => (3, std::cmp::Reverse(0)),
        TermPattern::NamedNode(_) => (1, std::cmp::Reverse(0)),
        _ => (2, std::cmp::Reverse(0)),
    }
}

fn boxed(pattern: GraphPattern, values: &Bound<'_>) -> Box<GraphPattern> {
    Box::new(graph_pattern(pattern, values))
}

fn graph_pattern(pattern: GraphPattern, values: &Bound<'_>) -> GraphPattern {
    match pattern {
        GraphPattern::Bgp { patterns } => {
            let mut patterns: Vec<TriplePattern> =
                patterns.into_iter().map(|p| triple(p, values)).collect();
            patterns.sort_by_key(selectivity);
            GraphPattern::Bgp { patterns }
        }
        GraphPattern::Path {
            subject,
            path,
            object,
        } => GraphPattern::Path {
            subject: term(subject, values),
            path,
            object: term(object, values),
        },
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: boxed(*left, values),
            right: boxed(*right, values),
        },
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: boxed(*left, values),
            right: boxed(*right, values),
            expression: expression.map(|e| expr(e, values)),
        },
        GraphPattern::Lateral { left, right } => GraphPattern::Lateral {
            left: boxed(*left, values),
            right: boxed(*right, values),
        },
        GraphPattern::Filter { expr: e, inner } => GraphPattern::Filter {
            expr: expr(e, values),
            inner: boxed(*inner, values),
        },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: boxed(*left, values),
            right: boxed(*right, values),
        },
        GraphPattern::Graph { name, inner } => GraphPattern::Graph {
            name: named(name, values),
            inner: boxed(*inner, values),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: boxed(*inner, values),
            variable,
            expression: expr(expression, values),
        },
        GraphPattern::Minus { left, right } => GraphPattern::Minus {
            left: boxed(*left, values),
            right: boxed(*right, values),
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: boxed(*inner, values),
            expression: expression
                .into_iter()
                .map(|o| match o {
                    OrderExpression::Asc(e) => OrderExpression::Asc(expr(e, values)),
                    OrderExpression::Desc(e) => OrderExpression::Desc(expr(e, values)),
                })
                .collect(),
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: boxed(*inner, values),
            variables,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: boxed(*inner, values),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: boxed(*inner, values),
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: boxed(*inner, values),
            start,
            length,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: boxed(*inner, values),
            variables,
            aggregates,
        },
        // an empty one-variable VALUES takes the caller's rows (blank nodes cannot be
        // written there, and are left out); other VALUES and services stay as written
        GraphPattern::Values {
            variables,
            bindings,
        } if variables.len() == 1
            && bindings.is_empty()
            && values.rows.contains_key(&variables[0]) =>
        {
            let rows = values.rows[&variables[0]];
            values.filled.borrow_mut().push(variables[0].clone());
            let bindings = rows
                .iter()
                .filter_map(|term| match term {
                    Term::NamedNode(n) => Some(vec![Some(GroundTerm::from(n.clone()))]),
                    Term::Literal(l) => Some(vec![Some(GroundTerm::from(l.clone()))]),
                    _ => None,
                })
                .collect();
            GraphPattern::Values {
                variables,
                bindings,
            }
        }
        other @ (GraphPattern::Values { .. } | GraphPattern::Service { .. }) => other,
    }
}

fn expr(expression: Expression, values: &Bound<'_>) -> Expression {
    let b = |e: Box<Expression>| Box::new(expr(*e, values));
    match expression {
        Expression::Variable(variable) => match values.get(&variable) {
            Some(Term::NamedNode(node)) => Expression::NamedNode(node.clone()),
            Some(Term::Literal(literal)) => Expression::Literal(literal.clone()),
            _ => Expression::Variable(variable),
        },
        Expression::Or(l, r) => Expression::Or(b(l), b(r)),
        Expression::And(l, r) => Expression::And(b(l), b(r)),
        Expression::Equal(l, r) => Expression::Equal(b(l), b(r)),
        Expression::SameTerm(l, r) => Expression::SameTerm(b(l), b(r)),
        Expression::Greater(l, r) => Expression::Greater(b(l), b(r)),
        Expression::GreaterOrEqual(l, r) => Expression::GreaterOrEqual(b(l), b(r)),
        Expression::Less(l, r) => Expression::Less(b(l), b(r)),
        Expression::LessOrEqual(l, r) => Expression::LessOrEqual(b(l), b(r)),
        Expression::In(e, list) => {
            Expression::In(b(e), list.into_iter().map(|e| expr(e, values)).collect())
        }
        Expression::Add(l, r) => Expression::Add(b(l), b(r)),
        Expression::Subtract(l, r) => Expression::Subtract(b(l), b(r)),
        Expression::Multiply(l, r) => Expression::Multiply(b(l), b(r)),
        Expression::Divide(l, r) => Expression::Divide(b(l), b(r)),
        Expression::UnaryPlus(e) => Expression::UnaryPlus(b(e)),
        Expression::UnaryMinus(e) => Expression::UnaryMinus(b(e)),
        Expression::Not(e) => Expression::Not(b(e)),
        Expression::Exists(p) => Expression::Exists(Box::new(graph_pattern(*p, values))),
        Expression::If(c, t, e) => Expression::If(b(c), b(t), b(e)),
        Expression::Coalesce(list) => {
            Expression::Coalesce(list.into_iter().map(|e| expr(e, values)).collect())
        }
        Expression::FunctionCall(f, args) => {
            Expression::FunctionCall(f, args.into_iter().map(|e| expr(e, values)).collect())
        }
        other @ (Expression::NamedNode(_) | Expression::Literal(_) | Expression::Bound(_)) => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn bound_variables_become_constants_in_patterns_and_expressions() {
        let query = spargebra::SparqlParser::new()
            .parse_query(
                "SELECT ?of ?x WHERE { ?x <http://e/p> ?of . FILTER(?of != ?x) OPTIONAL { ?of <http://e/q> ?y } }",
            )
            .unwrap();
        let values = Bound {
            one: HashMap::from([(
                Variable::new_unchecked("of"),
                Term::NamedNode(NamedNode::new_unchecked("http://e/t")),
            )]),
            ..Bound::default()
        };
        let text = inline(query, &values).to_string();
        assert!(text.contains("?x <http://e/p> <http://e/t>"), "{text}");
        assert!(text.contains("<http://e/t> <http://e/q> ?y"), "{text}");
        assert!(text.contains("!(<http://e/t> = ?x)"), "{text}");
        assert!(
            text.contains("SELECT ?of ?x"),
            "the projection keeps it: {text}"
        );
    }

    #[test]
    fn selective_patterns_come_first_in_a_basic_graph_pattern() {
        let query = spargebra::SparqlParser::new()
            .parse_query(
                r#"SELECT * WHERE { ?p a <http://e/Paper> ; <http://e/lang> "en" ; <http://e/id> ?id .
                   ?id <http://e/kind> "doi" ; <http://e/value> "10.1080/09557571.2018.1520809" .
                   ?p <http://e/author> <http://e/kassen> }"#,
            )
            .unwrap();
        let text = inline(query, &Bound::default()).to_string();
        let at = |needle: &str| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{needle} in {text}"))
        };
        let order = [
            at("\"10.1080/09557571.2018.1520809\""),
            at("<http://e/kassen>"),
            at("?p <http://e/id> ?id"),
            at("\"en\""),
            at("\"doi\""),
            at("<http://e/Paper>"),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    #[test]
    fn an_empty_values_block_takes_the_rows_given_for_its_variable() {
        let query = spargebra::SparqlParser::new()
            .parse_query(
                "SELECT * WHERE { { VALUES ?x { } ?x <http://e/p> ?y } UNION { VALUES ?z { } } VALUES ?w { <http://e/kept> } }",
            )
            .unwrap();
        let node = |iri: &str| Term::NamedNode(NamedNode::new_unchecked(iri));
        let (x, v) = (
            [node("http://e/a"), node("http://e/b")],
            [node("http://e/c")],
        );
        let values = Bound {
            rows: HashMap::from([
                (Variable::new_unchecked("x"), &x[..]),
                (Variable::new_unchecked("v"), &v[..]),
            ]),
            ..Bound::default()
        };
        let text = inline(query, &values).to_string();
        assert!(
            text.contains("VALUES ( ?x ) { ( <http://e/a> ) ( <http://e/b> )  }"),
            "{text}"
        );
        assert!(text.contains("VALUES ( ?z ) {  }"), "left empty: {text}");
        assert!(text.contains("<http://e/kept>"), "{text}");
        assert_eq!(values.unfilled(), vec![Variable::new_unchecked("v")]);
    }
}

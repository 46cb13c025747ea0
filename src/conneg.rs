//! Content negotiation: an `Accept` header (q-values, wildcards, specificity) against the
//! media types a response can take. Pure; knows nothing of HTTP types beyond strings.

/// One media range of an `Accept` header.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    kind: String,
    subtype: String,
    q: f32,
    /// Position in the header, to break ties in the client's order.
    order: usize,
}

impl Range {
    /// 3 for `type/sub`, 1 for `type/*`, 0 for `*/*`; -1 when it does not match.
    fn specificity(&self, media_type: &str) -> i8 {
        let (kind, subtype) = media_type.split_once('/').unwrap_or((media_type, ""));
        match (self.kind.as_str(), self.subtype.as_str()) {
            ("*", "*") => 0,
            (k, "*") if k.eq_ignore_ascii_case(kind) => 1,
            (k, s) if k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype) => 3,
            _ => -1,
        }
    }
}

fn parse(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .enumerate()
        .filter_map(|(order, part)| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim();
            let (kind, subtype) = media.split_once('/')?;
            let mut q = 1.0;
            for param in pieces {
                if let Some((name, value)) = param.split_once('=')
                    && name.trim().eq_ignore_ascii_case("q")
                {
                    q = value
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))?;
                }
            }
            Some(Range {
                kind: kind.trim().to_ascii_lowercase(),
                subtype: subtype.trim().to_ascii_lowercase(),
                q,
                order,
            })
        })
        .collect()
}

/// The value of parameter `name` on the range of `accept` that names `media` exactly
/// (`text/x-bibliography; style=apa` → `apa`), unquoted.
pub fn parameter(accept: Option<&str>, media: &str, name: &str) -> Option<String> {
    accept?.split(',').find_map(|part| {
        let mut pieces = part.split(';');
        if !pieces.next()?.trim().eq_ignore_ascii_case(media) {
            return None;
        }
        pieces.find_map(|param| {
            let (key, value) = param.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().trim_matches('"').to_owned())
        })
    })
}

/// The offered media type the client prefers, or `None` when none is acceptable.
///
/// Each offer takes the q-value of the most specific range that matches it (RFC 9110 §12.5.1);
/// the highest q wins, then the more specific match, then the client's order, then the order
/// of `offered` (the server's preference). No or an empty `Accept` accepts the first offer.
pub fn negotiate<'a>(accept: Option<&str>, offered: &[&'a str]) -> Option<&'a str> {
    let ranges = accept.map(parse).unwrap_or_default();
    if ranges.is_empty() {
        return offered.first().copied();
    }
    let mut best: Option<(f32, i8, usize, usize, &'a str)> = None;
    for (index, media_type) in offered.iter().enumerate() {
        let Some(range) = ranges
            .iter()
            .filter(|r| r.specificity(media_type) >= 0)
            .max_by(|a, b| {
                a.specificity(media_type)
                    .cmp(&b.specificity(media_type))
                    .then(b.order.cmp(&a.order))
            })
        else {
            continue;
        };
        if range.q <= 0.0 {
            continue;
        }
        let candidate = (
            range.q,
            range.specificity(media_type),
            range.order,
            index,
            *media_type,
        );
        let better = match best {
            None => true,
            Some((q, spec, order, idx, _)) => {
                candidate.0 > q
                    || (candidate.0 == q && candidate.1 > spec)
                    || (candidate.0 == q
                        && candidate.1 == spec
                        && (candidate.2, candidate.3) < (order, idx))
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    best.map(|(.., media_type)| media_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULTS: &[&str] = &[
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ];

    #[test]
    fn no_accept_takes_the_first_offer() {
        assert_eq!(
            negotiate(None, RESULTS),
            Some("application/sparql-results+json")
        );
        assert_eq!(
            negotiate(Some(""), RESULTS),
            Some("application/sparql-results+json")
        );
        assert_eq!(
            negotiate(Some("*/*"), RESULTS),
            Some("application/sparql-results+json")
        );
    }

    #[test]
    fn q_values_decide() {
        let accept = "application/sparql-results+json;q=0.5, application/sparql-results+xml";
        assert_eq!(
            negotiate(Some(accept), RESULTS),
            Some("application/sparql-results+xml")
        );
        assert_eq!(
            negotiate(Some("text/csv;q=0.9, text/*;q=0.1"), RESULTS),
            Some("text/csv")
        );
    }

    #[test]
    fn the_most_specific_range_sets_the_q_value() {
        // text/csv is excluded by its own range even though text/* accepts text
        assert_eq!(
            negotiate(Some("text/*, text/csv;q=0"), RESULTS),
            Some("text/tab-separated-values")
        );
        assert_eq!(
            negotiate(Some("*/*;q=0.1, text/tab-separated-values"), RESULTS),
            Some("text/tab-separated-values")
        );
    }

    #[test]
    fn ties_follow_the_client_order_then_ours() {
        assert_eq!(
            negotiate(Some("text/csv, application/sparql-results+xml"), RESULTS),
            Some("text/csv")
        );
        assert_eq!(negotiate(Some("text/*"), RESULTS), Some("text/csv"));
    }

    #[test]
    fn nothing_acceptable_is_none() {
        assert_eq!(negotiate(Some("image/png"), RESULTS), None);
        assert_eq!(negotiate(Some("*/*;q=0"), RESULTS), None);
    }

    #[test]
    fn malformed_ranges_are_ignored() {
        assert_eq!(
            negotiate(
                Some("garbage, text/csv;q=abc, text/tab-separated-values"),
                RESULTS
            ),
            Some("text/tab-separated-values")
        );
        assert_eq!(negotiate(Some("TEXT/CSV"), RESULTS), Some("text/csv"));
    }

    #[test]
    fn parameters_are_read_from_the_range_that_names_the_type() {
        let accept = Some("text/html;q=0.5, text/x-bibliography; style=\"chicago\"; locale=en");
        assert_eq!(
            super::parameter(accept, "text/x-bibliography", "style").as_deref(),
            Some("chicago")
        );
        assert_eq!(super::parameter(accept, "text/html", "style"), None);
        assert_eq!(super::parameter(None, "text/html", "q"), None);
    }
}

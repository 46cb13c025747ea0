//! IRI validation: the one-pass path for IRIs of the common shape (vendor/oxiri/PATCH.md)
//! accepts exactly what the full parser accepts, with the same parts.

use oxiri::Iri;

/// Pieces IRIs are made of: every character class the grammar treats apart, and the shapes
/// the one-pass path hands to the full parser (percent-encodings, IP literals, user info,
/// non-ASCII characters, empty hosts and ports).
const PIECES: &[&str] = &[
    "a",
    "Z",
    "0",
    "9",
    "-",
    ".",
    "_",
    "~",
    "!",
    "$",
    "&",
    "'",
    "(",
    ")",
    "*",
    "+",
    ",",
    ";",
    "=",
    ":",
    "@",
    "/",
    "//",
    "?",
    "#",
    "%",
    "%2F",
    "%zz",
    "[",
    "]",
    "[::1]",
    "[v1.x]",
    "é",
    "\u{E000}",
    "\u{FFFF}",
    " ",
    "\"",
    "<",
    ">",
    "{",
    "}",
    "|",
    "\\",
    "^",
    "`",
    "\t",
    "80",
    "user@",
    "example.org",
    "..",
    "./",
];

const SCHEMES: &[&str] = &[
    "http://", "https://", "urn:", "a+b-c.d:", "x:", "x:/", "x://", "x:///", "1a:", ":", "http",
    "", "h%74tp:",
];

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap()
    }
}

fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn parts(iri: &Iri<impl std::ops::Deref<Target = str>>) -> [Option<String>; 6] {
    [
        Some(iri.as_str().to_owned()),
        Some(iri.scheme().to_owned()),
        iri.authority().map(str::to_owned),
        Some(iri.path().to_owned()),
        iri.query().map(str::to_owned),
        iri.fragment().map(str::to_owned),
    ]
}

#[test]
fn the_one_pass_path_accepts_what_the_full_parser_accepts_with_the_same_parts() {
    // Resolving an absolute IRI against a base runs the full, checking parser on it alone and
    // gives it back unchanged: the reference `Iri::parse` must agree with.
    let base = Iri::parse("http://base.example/a/b").unwrap();
    let mut rng = Rng(0x5eed_1e55_c0ff_ee00);
    let (mut compared, mut valid) = (0, 0);
    for _ in 0..200_000 {
        let mut s = SCHEMES[rng.below(SCHEMES.len())].to_owned();
        for _ in 0..rng.below(12) {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
        if !has_scheme(&s) {
            continue;
        }
        let parsed = Iri::parse(s.as_str());
        let reference = base.resolve(&s);
        match (&parsed, &reference) {
            (Ok(parsed), Ok(reference)) => {
                assert_eq!(parts(parsed), parts(reference), "{s:?}");
                valid += 1;
            }
            (Err(_), Err(_)) => {}
            _ => panic!(
                "{s:?}: Iri::parse says {:?}, the full parser {:?}",
                parsed.as_ref().map(|_| ()),
                reference.as_ref().map(|_| ())
            ),
        }
        compared += 1;
    }
    // both outcomes are well represented
    assert!(compared > 100_000 && valid > 10_000, "{compared} {valid}");
    assert!(compared - valid > 10_000, "{compared} {valid}");
}

#[test]
fn iris_of_the_common_shape_keep_their_parts() {
    for (iri, parts_of) in [
        (
            "http://example.org:8080/paper/x?y=1&z#f?g",
            ["http", "example.org:8080", "/paper/x", "y=1&z", "f?g"],
        ),
        (
            "urn:isbn:0451450523",
            ["urn", "", "isbn:0451450523", "", ""],
        ),
        (
            "https://orcid.org/0000-0002-1825-0097",
            ["https", "orcid.org", "/0000-0002-1825-0097", "", ""],
        ),
    ] {
        let parsed = Iri::parse(iri).unwrap();
        assert_eq!(parsed.scheme(), parts_of[0]);
        assert_eq!(parsed.authority().unwrap_or_default(), parts_of[1]);
        assert_eq!(parsed.path(), parts_of[2]);
        assert_eq!(parsed.query().unwrap_or_default(), parts_of[3]);
        assert_eq!(parsed.fragment().unwrap_or_default(), parts_of[4]);
    }
    for invalid in [
        "http://exa mple.org/",
        "http://example.org:8x/",
        "http://example.org/a b",
        "http://example.org/%zz",
        "http://[::1/",
    ] {
        assert!(Iri::parse(invalid).is_err(), "{invalid}");
    }
}

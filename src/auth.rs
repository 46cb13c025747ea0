//! Access tokens: who may read the graph store and who may write.
//!
//! A token file holds one token a line, `name scope secret`, separated by spaces or tabs;
//! `#` starts a comment. `scope` is `read` (Graph Store Protocol reads) or `write` (reads,
//! SPARQL Update and Graph Store Protocol writes). Secrets are at least 24 characters and only
//! their SHA-256 is kept in memory; a presented token is hashed and compared in constant time.
//! Without a token file the graph store and updates are off. SPARQL queries and pages never
//! need a token.

use sha2::{Digest, Sha256};
use std::path::Path;

/// The shortest secret accepted.
pub const MIN_SECRET: usize = 24;

/// What a token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Read,
    Write,
}

#[derive(Debug, Clone)]
struct Token {
    name: String,
    scope: Scope,
    digest: [u8; 32],
}

/// The tokens a server accepts. Empty: writes and the graph store are off.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
}

/// A token file that cannot be used, with the line at fault.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("cannot read the token file {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Line {
        file: String,
        line: usize,
        message: String,
    },
}

/// Why a request was not let through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// No token file: the operation is off on this server.
    Off,
    /// No `Authorization: Bearer` header.
    Missing,
    /// A token that is not in the file.
    Invalid,
    /// A known token without the scope needed; holds its name.
    Insufficient(String),
}

impl Tokens {
    /// Reads a token file.
    pub fn load(path: &Path) -> Result<Self, TokenError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| TokenError::Read {
            file: file.clone(),
            source,
        })?;
        Self::parse(&text, &file)
    }

    /// Parses the text of a token file named `file` (for messages).
    pub fn parse(text: &str, file: &str) -> Result<Self, TokenError> {
        let mut tokens: Vec<Token> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let fail = |message: String| TokenError::Line {
                file: file.to_owned(),
                line: index + 1,
                message,
            };
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [name, scope, secret] = fields[..] else {
                return Err(fail(format!(
                    "expected `name scope secret`, found {} fields",
                    fields.len()
                )));
            };
            let scope = match scope {
                "read" => Scope::Read,
                "write" => Scope::Write,
                other => {
                    return Err(fail(format!(
                        "scope {other:?} is neither \"read\" nor \"write\""
                    )));
                }
            };
            if secret.len() < MIN_SECRET {
                return Err(fail(format!(
                    "the secret of {name:?} has {} characters; at least {MIN_SECRET} are needed",
                    secret.len()
                )));
            }
            let digest: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
            if tokens.iter().any(|t| t.name == name) {
                return Err(fail(format!("the name {name:?} is used twice")));
            }
            if tokens.iter().any(|t| t.digest == digest) {
                return Err(fail(format!("the secret of {name:?} is used twice")));
            }
            tokens.push(Token {
                name: name.to_owned(),
                scope,
                digest,
            });
        }
        Ok(Self { tokens })
    }

    /// Whether no token is configured (writes and the graph store are off).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The name of the token an `Authorization` header presents, if it has `needed`.
    pub fn check(&self, authorization: Option<&str>, needed: Scope) -> Result<&str, Denied> {
        if self.tokens.is_empty() {
            return Err(Denied::Off);
        }
        let secret = authorization
            .and_then(|value| {
                let (scheme, rest) = value.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .ok_or(Denied::Missing)?;
        let digest: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
        // every token is compared, each in constant time, so timing tells nothing
        let found = self
            .tokens
            .iter()
            .fold(None, |found, token| {
                let same = token
                    .digest
                    .iter()
                    .zip(digest.iter())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0;
                if same { Some(token) } else { found }
            })
            .ok_or(Denied::Invalid)?;
        if found.scope < needed {
            return Err(Denied::Insufficient(found.name.clone()));
        }
        Ok(&found.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# who may write\n\
        editor write 0123456789abcdef0123456789abcdef\n\
        reader\tread  fedcba9876543210fedcba9876543210 # a harvester\n";

    #[test]
    fn scopes_are_checked() {
        let tokens = Tokens::parse(FILE, "tokens").unwrap();
        let bearer = |s: &str| format!("Bearer {s}");
        let editor = bearer("0123456789abcdef0123456789abcdef");
        let reader = bearer("fedcba9876543210fedcba9876543210");
        assert_eq!(tokens.check(Some(&editor), Scope::Write), Ok("editor"));
        assert_eq!(tokens.check(Some(&editor), Scope::Read), Ok("editor"));
        assert_eq!(tokens.check(Some(&reader), Scope::Read), Ok("reader"));
        assert_eq!(
            tokens.check(Some(&reader), Scope::Write),
            Err(Denied::Insufficient("reader".to_owned()))
        );
        assert_eq!(
            tokens.check(
                Some("bearer 0123456789abcdef0123456789abcdef"),
                Scope::Write
            ),
            Ok("editor")
        );
        assert_eq!(tokens.check(None, Scope::Read), Err(Denied::Missing));
        assert_eq!(
            tokens.check(Some("Basic ZWRpdG9yOg=="), Scope::Read),
            Err(Denied::Missing)
        );
        assert_eq!(
            tokens.check(Some("Bearer 0123456789abcdef0123456789abcdeX"), Scope::Read),
            Err(Denied::Invalid)
        );
        assert_eq!(
            Tokens::default().check(Some(&editor), Scope::Read),
            Err(Denied::Off)
        );
    }

    #[test]
    fn bad_files_name_the_line() {
        let cases = [
            (
                "a write short\n",
                "tokens:1: the secret of \"a\" has 5 characters",
            ),
            (
                "\n\na admin 0123456789abcdef0123456789abcdef\n",
                "tokens:3: scope \"admin\"",
            ),
            (
                "a write\n",
                "tokens:1: expected `name scope secret`, found 2 fields",
            ),
            (
                "a write 0123456789abcdef0123456789abcdef\na read 0123456789abcdef0123456789abcdef\n",
                "tokens:2: the name \"a\" is used twice",
            ),
            (
                "a write 0123456789abcdef0123456789abcdef\nb read 0123456789abcdef0123456789abcdef\n",
                "tokens:2: the secret of \"b\" is used twice",
            ),
        ];
        for (text, expected) in cases {
            let message = Tokens::parse(text, "tokens").unwrap_err().to_string();
            assert!(message.starts_with(expected), "{message}");
        }
    }
}

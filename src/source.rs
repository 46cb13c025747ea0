//! RDF source files: which files are RDF, in which format, and how to read them (`.gz` too).
//!
//! A source is identified by its file name (its *key*): loading a file with the same name again
//! replaces what the previous one said. Owns format detection and decompression; parsing and
//! storing happen in `store`.

use flate2::read::MultiGzDecoder;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Bytes read from a file at a time: with the default 8 KiB, reading a gigabyte took 125,000
/// system calls.
const READ_BUFFER: usize = 256 * 1024;

/// The file extensions steppe reads as RDF, and their formats.
pub const EXTENSIONS: &[(&str, RdfFormat)] = &[
    ("ttl", RdfFormat::Turtle),
    ("nt", RdfFormat::NTriples),
    ("nq", RdfFormat::NQuads),
    ("trig", RdfFormat::TriG),
    ("n3", RdfFormat::N3),
    ("rdf", RdfFormat::RdfXml),
    ("owl", RdfFormat::RdfXml),
    (
        "jsonld",
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    ),
];

/// Why a path is not a readable RDF source.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(
        "{path}: unknown RDF format (extension {extension:?}); expected one of .ttl, .nt, .nq, .trig, .n3, .rdf, .owl, .jsonld, optionally followed by .gz"
    )]
    UnknownFormat { path: String, extension: String },
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error(
        "two sources are both named {key:?} ({first} and {second}); a source is known by its file name, so rename one"
    )]
    DuplicateKey {
        key: String,
        first: String,
        second: String,
    },
}

/// The format of `path` from its extension, looking through a final `.gz`.
pub fn format_of(path: &Path) -> Option<(RdfFormat, bool)> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (name, gzipped) = name
        .strip_suffix(".gz")
        .map_or((name.as_str(), false), |n| (n, true));
    let extension = name.rsplit_once('.')?.1;
    EXTENSIONS
        .iter()
        .find(|(e, _)| *e == extension)
        .map(|(_, f)| (*f, gzipped))
}

/// One RDF file to load, opened for reading.
pub struct Source {
    /// What people call it in messages: the path as given.
    pub display: String,
    /// The key that names its graph: the file name.
    pub key: String,
    /// The RDF format.
    pub format: RdfFormat,
    reader: Box<dyn Read + Send>,
    digest: Arc<Mutex<Sha256>>,
    /// Size on disk in bytes (compressed size for `.gz`).
    pub size: u64,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("display", &self.display)
            .field("format", &self.format)
            .finish()
    }
}

impl Source {
    /// Opens `path`. `watch` may wrap the raw file reader (a progress bar counts bytes there).
    pub fn open(
        path: &Path,
        watch: impl FnOnce(Box<dyn Read + Send>) -> Box<dyn Read + Send>,
    ) -> Result<Self, SourceError> {
        let display = path.display().to_string();
        let (format, gzipped) = format_of(path).ok_or_else(|| SourceError::UnknownFormat {
            path: display.clone(),
            extension: path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_owned(),
        })?;
        let io_err = |source| SourceError::Io {
            path: display.clone(),
            source,
        };
        let file = File::open(path).map_err(io_err)?;
        let size = file.metadata().map_err(io_err)?.len();
        let digest = Arc::new(Mutex::new(Sha256::new()));
        let raw = watch(Box::new(Hashing {
            inner: file,
            digest: Arc::clone(&digest),
        }));
        let reader: Box<dyn Read + Send> = if gzipped {
            Box::new(BufReader::with_capacity(
                READ_BUFFER,
                MultiGzDecoder::new(raw),
            ))
        } else {
            Box::new(BufReader::with_capacity(READ_BUFFER, raw))
        };
        let key = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| display.clone());
        Ok(Self {
            display,
            key,
            format,
            reader,
            digest,
            size,
        })
    }

    /// An in-memory source, for embedded files and tests.
    pub fn from_bytes(key: &str, format: RdfFormat, bytes: Vec<u8>) -> Self {
        let digest = Arc::new(Mutex::new(Sha256::new()));
        let reader = Box::new(Hashing {
            inner: io::Cursor::new(bytes),
            digest: Arc::clone(&digest),
        });
        Self {
            display: key.to_owned(),
            key: key.to_owned(),
            format,
            size: 0,
            reader,
            digest,
        }
    }

    /// Splits into the reader and a handle that yields the SHA-256 of the bytes read so far.
    pub fn into_parts(self) -> (Box<dyn Read + Send>, SourceDigest) {
        (self.reader, SourceDigest(self.digest))
    }
}

/// The SHA-256 of a source's bytes as read from disk, final once the reader is exhausted.
#[derive(Debug, Clone)]
pub struct SourceDigest(Arc<Mutex<Sha256>>);

impl SourceDigest {
    /// The hex digest of what was read so far.
    pub fn hex(&self) -> String {
        let digest = self
            .0
            .lock()
            .map(|d| d.clone().finalize())
            .unwrap_or_default();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

struct Hashing<R> {
    inner: R,
    digest: Arc<Mutex<Sha256>>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut digest) = self.digest.lock() {
            digest.update(&buf[..n]);
        }
        Ok(n)
    }
}

/// What a list of paths given on the command line holds: RDF files, and files skipped.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<PathBuf>,
    /// Files in directories that are not RDF (a README, say), skipped with a note.
    pub skipped: Vec<PathBuf>,
}

/// Expands files and directories into RDF files, sorted, and checks that keys are unique.
/// A file named explicitly must be RDF; files found in a directory that are not are skipped.
pub fn list(paths: &[PathBuf]) -> Result<Listing, SourceError> {
    let mut listing = Listing::default();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut listing)?;
        } else if format_of(path).is_some() {
            listing.files.push(path.clone());
        } else if path.exists() {
            return Err(SourceError::UnknownFormat {
                path: path.display().to_string(),
                extension: path
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("")
                    .to_owned(),
            });
        } else {
            return Err(SourceError::Io {
                path: path.display().to_string(),
                source: io::Error::new(io::ErrorKind::NotFound, "no such file or directory"),
            });
        }
    }
    let mut seen: std::collections::HashMap<String, &PathBuf> = std::collections::HashMap::new();
    for file in &listing.files {
        let key = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(first) = seen.insert(key.clone(), file) {
            return Err(SourceError::DuplicateKey {
                key,
                first: first.display().to_string(),
                second: file.display().to_string(),
            });
        }
    }
    Ok(listing)
}

fn walk(dir: &Path, listing: &mut Listing) -> Result<(), SourceError> {
    let io_err = |source| SourceError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_err)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io_err)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, listing)?;
        } else if format_of(&path).is_some() {
            listing.files.push(path);
        } else {
            listing.skipped.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            format_of(Path::new("a/b.ttl")),
            Some((RdfFormat::Turtle, false))
        );
        assert_eq!(
            format_of(Path::new("dump.NQ.gz")),
            Some((RdfFormat::NQuads, true))
        );
        assert_eq!(format_of(Path::new("README.md")), None);
        assert_eq!(format_of(Path::new("records.json")), None);
        assert_eq!(format_of(Path::new("noextension")), None);
    }
}

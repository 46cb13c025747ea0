//! Dumps: dated releases of the whole dataset, and `/dumps/` serving them.
//!
//! A release is `{date}.nq.gz` (N-Quads) and `{date}.trig.gz` (TriG: each named graph in
//! Turtle, in one file), both written from one pass over one snapshot of the store, each with
//! a `.sha256` file (`sha256sum` format). Files are written under temporary names and renamed
//! when complete, so a reader never sees half a release; a release of the same day replaces
//! that day's, earlier ones stay. `/dumps/` lists the releases, `/dumps/{file}` serves a file
//! with `Content-Length`, an ETag (its SHA-256), `Last-Modified` and byte ranges;
//! `/dumps/latest.nq.gz` and `/dumps/latest.trig.gz` are the newest release's files.

use crate::caching;
use crate::http::{AppError, AppState};
use crate::store::Store;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path as FsPath, PathBuf};

/// The files of a release, by suffix, with their media types.
pub const FORMATS: [(&str, &str); 2] = [
    (".nq.gz", "application/n-quads"),
    (".trig.gz", "application/trig"),
];

/// Why a release could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

fn io(path: &FsPath) -> impl Fn(std::io::Error) -> DumpError + '_ {
    move |e| DumpError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// One file of a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub media: &'static str,
    pub bytes: u64,
    pub sha256: String,
}

/// A dated release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub date: String,
    pub files: Vec<File>,
}

/// Counts and hashes what passes through to a file.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Today's date (UTC), as releases are named.
pub fn today() -> String {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    crate::store::format_timestamp(since)[..10].to_owned()
}

/// Writes the release of `date` into `dir` (made if missing), telling `progress` the quads
/// written so far. Returns the release and the number of quads.
pub fn write_release(
    store: &Store,
    dir: &FsPath,
    date: &str,
    progress: impl FnMut(u64),
) -> Result<(Release, u64), DumpError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let temp = |suffix: &str| dir.join(format!(".{date}{suffix}.part"));
    let open = |path: PathBuf| -> Result<Hashing<std::io::BufWriter<std::fs::File>>, DumpError> {
        let file = std::fs::File::create(&path).map_err(io(&path))?;
        Ok(Hashing {
            inner: std::io::BufWriter::new(file),
            hasher: Sha256::new(),
            bytes: 0,
        })
    };
    let mut nq =
        flate2::write::GzEncoder::new(open(temp(FORMATS[0].0))?, flate2::Compression::default());
    let mut trig =
        flate2::write::GzEncoder::new(open(temp(FORMATS[1].0))?, flate2::Compression::default());
    let quads = store.dump_release(&mut nq, &mut trig, progress)?;
    let mut files = Vec::new();
    for ((suffix, media), encoder) in FORMATS.iter().zip([nq, trig]) {
        let path = temp(suffix);
        let mut hashing = encoder.finish().map_err(io(&path))?;
        hashing.flush().map_err(io(&path))?;
        let name = format!("{date}{suffix}");
        let sha256: String = hashing
            .hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let sum = dir.join(format!("{name}.sha256"));
        std::fs::write(&sum, format!("{sha256}  {name}\n")).map_err(io(&sum))?;
        let target = dir.join(&name);
        std::fs::rename(&path, &target).map_err(io(&target))?;
        files.push(File {
            name,
            media,
            bytes: hashing.bytes,
            sha256,
        });
    }
    Ok((
        Release {
            date: date.to_owned(),
            files,
        },
        quads,
    ))
}

/// The releases in `dir`, newest first (a release whose files are all present).
pub fn releases(dir: &FsPath) -> Result<Vec<Release>, DumpError> {
    let mut dates: Vec<String> = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir)(e)),
    };
    for entry in entries {
        let name = entry.map_err(io(dir))?.file_name();
        if let Some(date) = name.to_str().and_then(|n| n.strip_suffix(FORMATS[0].0))
            && is_date(date)
        {
            dates.push(date.to_owned());
        }
    }
    dates.sort_unstable_by(|a, b| b.cmp(a));
    let mut out = Vec::new();
    for date in dates {
        let mut files = Vec::new();
        for (suffix, media) in FORMATS {
            let name = format!("{date}{suffix}");
            let (Ok(meta), Ok(sum)) = (
                std::fs::metadata(dir.join(&name)),
                std::fs::read_to_string(dir.join(format!("{name}.sha256"))),
            ) else {
                break;
            };
            files.push(File {
                name,
                media,
                bytes: meta.len(),
                sha256: sum.split_whitespace().next().unwrap_or_default().to_owned(),
            });
        }
        if files.len() == FORMATS.len() {
            out.push(Release { date, files });
        }
    }
    Ok(out)
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A `Range` that no byte of the file satisfies (416).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsatisfiable;

/// A byte range of a file of `size` bytes, from a `Range` header: `Ok(None)` for the whole
/// file (no header, or one steppe does not take: other units, several ranges, a malformed
/// one — RFC 9110 lets a server ignore those), `Err` when it cannot be satisfied (416).
pub fn range(header: Option<&str>, size: u64) -> Result<Option<(u64, u64)>, Unsatisfiable> {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((first, last)) = spec.split_once('-') else {
        return Ok(None);
    };
    let (first, last) = (first.trim(), last.trim());
    let parsed = |s: &str| s.parse::<u64>().ok();
    let (start, end) = match (first.is_empty(), last.is_empty()) {
        // the last n bytes
        (true, false) => match parsed(last) {
            Some(0) => return Err(Unsatisfiable),
            Some(n) => (size.saturating_sub(n), size.saturating_sub(1)),
            None => return Ok(None),
        },
        (false, true) => match parsed(first) {
            Some(start) => (start, size.saturating_sub(1)),
            None => return Ok(None),
        },
        (false, false) => match (parsed(first), parsed(last)) {
            (Some(start), Some(end)) if start <= end => (start, end.min(size.saturating_sub(1))),
            _ => return Ok(None),
        },
        (true, true) => return Ok(None),
    };
    if size == 0 || start >= size {
        return Err(Unsatisfiable);
    }
    Ok(Some((start, end)))
}

/// Where the server keeps releases.
fn dir(app: &AppState) -> Result<&FsPath, AppError> {
    app.dumps
        .as_deref()
        .map(PathBuf::as_path)
        .ok_or(AppError::NotFound)
}

/// `GET /dumps/`: the releases, newest first, with their files, sizes and checksums.
pub async fn index(State(app): State<AppState>) -> Result<Response, AppError> {
    let dir = dir(&app)?.to_owned();
    let releases = app
        .blocking(move |_| releases(&dir).map_err(|e| AppError::Internal(e.to_string())))
        .await?;
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Dumps</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"stylesheet\" href=\"/static/steppe.css\"></head><body><main><h1>Dumps</h1>\n<p>The whole dataset, a release a day it changed: N-Quads, and TriG (each named graph in Turtle), gzip-compressed, with SHA-256 checksums. <a href=\"/dumps/latest.nq.gz\">latest.nq.gz</a> and <a href=\"/dumps/latest.trig.gz\">latest.trig.gz</a> are the newest. See also <a href=\"/dataset\">the dataset</a>.</p>\n<table><thead><tr><th scope=\"col\">Release</th><th scope=\"col\">File</th><th scope=\"col\">Bytes</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>\n",
    );
    for release in &releases {
        for file in &release.files {
            html.push_str(&format!(
                "<tr><td>{}</td><td><a href=\"/dumps/{name}\" type=\"{}\">{name}</a></td><td>{}</td><td><a href=\"/dumps/{name}.sha256\"><code>{}</code></a></td></tr>\n",
                release.date,
                file.media,
                file.bytes,
                file.sha256,
                name = file.name
            ));
        }
    }
    if releases.is_empty() {
        html.push_str("<tr><td colspan=\"4\">No release yet.</td></tr>\n");
    }
    html.push_str("</tbody></table></main></body></html>\n");
    Ok(Html(html).into_response())
}

/// `GET /dumps/{file}` (and HEAD): a release's file or checksum, `latest.*` for the newest;
/// an unknown date or name is 404.
pub async fn file(
    State(app): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let dir = dir(&app)?.to_owned();
    let all = {
        let dir = dir.clone();
        app.blocking(move |_| releases(&dir).map_err(|e| AppError::Internal(e.to_string())))
            .await?
    };
    let (checksum, wanted) = match name.strip_suffix(".sha256") {
        Some(file) => (true, file.to_owned()),
        None => (false, name.clone()),
    };
    let wanted = match wanted.strip_prefix("latest") {
        Some(suffix) => match all.first() {
            Some(newest) => format!("{}{suffix}", newest.date),
            None => return Err(AppError::NotFound),
        },
        None => wanted,
    };
    let file = all
        .iter()
        .flat_map(|r| r.files.iter())
        .find(|f| f.name == wanted)
        .cloned()
        .ok_or(AppError::NotFound)?;
    if checksum {
        return Ok((
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{}  {}\n", file.sha256, file.name),
        )
            .into_response());
    }
    let path = dir.join(&file.name);
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let etag = format!("\"{}\"", file.sha256);
    if caching::not_modified(&headers, &etag, modified) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().insert(
            header::ETAG,
            HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?,
        );
        return Ok(response);
    }
    // If-Range: the range only while the client's copy is this file
    let if_range_holds = headers
        .get(header::IF_RANGE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.trim() == etag);
    let requested = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .filter(|_| if_range_holds);
    let mut response = match range(requested, file.bytes) {
        Err(Unsatisfiable) => {
            let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{}", file.bytes)) {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return Ok(response);
        }
        Ok(None) => {
            let body = open_body(&path, 0, file.bytes).await?;
            let mut response = Response::new(body);
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(file.bytes));
            response
        }
        Ok(Some((start, end))) => {
            let length = end - start + 1;
            let body = open_body(&path, start, length).await?;
            let mut response = Response::new(body);
            *response.status_mut() = StatusCode::PARTIAL_CONTENT;
            let out = response.headers_mut();
            out.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            if let Ok(value) = HeaderValue::from_str(&format!("bytes {start}-{end}/{}", file.bytes))
            {
                out.insert(header::CONTENT_RANGE, value);
            }
            response
        }
    };
    let out = response.headers_mut();
    out.insert(header::CONTENT_TYPE, HeaderValue::from_static(file.media));
    out.insert(
        header::CONTENT_ENCODING,
        HeaderValue::from_static("identity"),
    );
    out.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        out.insert(header::ETAG, value);
    }
    if let Some(time) = modified
        && let Ok(value) = HeaderValue::from_str(&caching::http_date(time))
    {
        out.insert(header::LAST_MODIFIED, value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.name)) {
        out.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `length` bytes of a file from `start`, streamed.
async fn open_body(path: &FsPath, start: u64, length: u64) -> Result<Body, AppError> {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    file.seek(std::io::SeekFrom::Start(start))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Body::from_stream(tokio_util::io::ReaderStream::new(
        file.take(length),
    )))
}

/// `POST /dumps/` with a write token: writes today's release now; 201 with its N-Quads file.
pub async fn create(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    app.authorize(&headers, crate::auth::Scope::Write)?;
    let dir = dir(&app)?.to_owned();
    let (release, quads) = app
        .blocking(move |store| {
            write_release(store, &dir, &today(), |_| {})
                .map_err(|e| AppError::Internal(e.to_string()))
        })
        .await?;
    let location = format!("/dumps/{}", release.files[0].name);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location.clone())],
        format!("{location}: {quads} quads\n"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::{Unsatisfiable, range};

    #[test]
    fn ranges_follow_rfc_9110() {
        assert_eq!(range(None, 100), Ok(None));
        assert_eq!(range(Some("bytes=0-9"), 100), Ok(Some((0, 9))));
        assert_eq!(range(Some("bytes=90-"), 100), Ok(Some((90, 99))));
        assert_eq!(range(Some("bytes=-10"), 100), Ok(Some((90, 99))));
        assert_eq!(range(Some("bytes=95-200"), 100), Ok(Some((95, 99))));
        assert_eq!(range(Some("bytes=100-"), 100), Err(Unsatisfiable));
        assert_eq!(range(Some("bytes=-0"), 100), Err(Unsatisfiable));
        // ignored: the whole file
        for ignored in [
            "bytes=9-0",
            "bytes=a-b",
            "items=0-1",
            "bytes=0-1,5-6",
            "bytes=-",
            "garbage",
        ] {
            assert_eq!(range(Some(ignored), 100), Ok(None), "{ignored}");
        }
    }
}

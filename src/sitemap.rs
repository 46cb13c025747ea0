//! What crawlers read first: `/robots.txt`, and the sitemaps (sitemaps.org protocol 0.9).
//!
//! `/sitemap.xml` is a sitemap index: `/sitemap/site.xml` (the home, dataset and browse pages)
//! and `/sitemap/entities-{n}.xml`, each at most 50,000 entity IRIs (a few MB, well under the
//! 50 MB limit; gzip when the client accepts it) with `lastmod` the entity's stamp
//! (`store::modified`: when what its page shows last changed). The entities are the stamped
//! ones, streamed in IRI order from the store: no list of every entity is ever held, only one
//! sitemap's worth. Each answer is cached for the store's revision and carries an ETag and
//! `Last-Modified`.

use crate::caching;
use crate::http::{AppError, AppState};
use crate::pages::cache::Cached;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Entity IRIs per sitemap: the protocol's limit.
pub const PER_SITEMAP: usize = 50_000;

/// `GET /robots.txt`.
pub async fn robots(State(app): State<AppState>) -> Response {
    let base = app.store.minter().base();
    let text = format!(
        "# Entity pages, browse pages and the dataset are for crawling; queries and writes are not.\n\
         # (Disallow lines first: some parsers take the first rule that matches.)\n\
         User-agent: *\n\
         Disallow: /sparql\n\
         Disallow: /queries/\n\
         Disallow: /search\n\
         Disallow: /update\n\
         Disallow: /store\n\
         Disallow: /graph/\n\
         Disallow: /import/\n\
         Disallow: /*?after=\n\
         Disallow: /*?before=\n\
         Allow: /\n\
         \n\
         Sitemap: {base}sitemap.xml\n"
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// Escapes text for XML content.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What the sitemap index needs: for each sitemap of entities, the latest stamp in it.
fn chunks(store: &crate::store::Store) -> Result<Vec<String>, AppError> {
    let mut latest: Vec<String> = Vec::new();
    for (index, stamped) in store.stamped().enumerate() {
        let (_, at) = stamped?;
        if index % PER_SITEMAP == 0 {
            latest.push(at);
        } else if let Some(last) = latest.last_mut()
            && crate::store::later(&at, last)
        {
            *last = at;
        }
    }
    Ok(latest)
}

/// The sitemap index.
fn index(base: &str, chunks: &[String], site_modified: Option<&str>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut entry = |loc: String, lastmod: Option<&str>| {
        out.push_str(&format!("  <sitemap><loc>{}</loc>", xml(&loc)));
        if let Some(lastmod) = lastmod {
            out.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        out.push_str("</sitemap>\n");
    };
    entry(format!("{base}sitemap/site.xml"), site_modified);
    for (n, lastmod) in chunks.iter().enumerate() {
        entry(
            format!("{base}sitemap/entities-{}.xml", n + 1),
            Some(lastmod),
        );
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// One sitemap of URLs with their `lastmod`.
fn urlset(urls: impl Iterator<Item = (String, Option<String>)>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in urls {
        out.push_str(&format!("  <url><loc>{}</loc>", xml(&loc)));
        if let Some(lastmod) = lastmod {
            out.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// Writes every sitemap and the index into `dir` in one pass over the stamps, a sitemap's worth
/// of entries in memory at a time (for publishing sitemaps as static files). Returns the number
/// of entity IRIs.
pub fn write_all(store: &crate::store::Store, dir: &std::path::Path) -> Result<u64, AppError> {
    let fail = |e: std::io::Error| AppError::Internal(format!("{}: {e}", dir.display()));
    std::fs::create_dir_all(dir.join("sitemap")).map_err(fail)?;
    let base = store.minter().base().to_owned();
    let mut chunk: Vec<(String, Option<String>)> = Vec::with_capacity(PER_SITEMAP);
    let mut latest: Vec<String> = Vec::new();
    let mut total = 0u64;
    let flush = |chunk: &mut Vec<(String, Option<String>)>, latest: &mut Vec<String>| {
        if chunk.is_empty() {
            return Ok(());
        }
        let newest = chunk
            .iter()
            .filter_map(|(_, at)| at.clone())
            .max()
            .unwrap_or_default();
        latest.push(newest);
        let path = dir.join(format!("sitemap/entities-{}.xml", latest.len()));
        std::fs::write(&path, urlset(chunk.drain(..))).map_err(fail)
    };
    for stamped in store.stamped() {
        let (entity, at) = stamped?;
        chunk.push((entity.as_str().to_owned(), Some(at)));
        total += 1;
        if chunk.len() == PER_SITEMAP {
            flush(&mut chunk, &mut latest)?;
        }
    }
    flush(&mut chunk, &mut latest)?;
    let site = store.dataset_modified()?;
    let pages = ["", "dataset", "browse"]
        .into_iter()
        .map(|path| (format!("{base}{path}"), site.clone()));
    std::fs::write(dir.join("sitemap/site.xml"), urlset(pages)).map_err(fail)?;
    std::fs::write(
        dir.join("sitemap.xml"),
        index(&base, &latest, site.as_deref()),
    )
    .map_err(fail)?;
    Ok(total)
}

/// `GET /sitemap.xml`: the index.
pub async fn sitemap_index(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    serve(&app, &headers, "sitemap.xml".to_owned(), |store| {
        let base = store.minter().base().to_owned();
        let chunks = chunks(store)?;
        let site = store.dataset_modified()?;
        Ok(Some(index(&base, &chunks, site.as_deref())))
    })
    .await
}

/// `GET /sitemap/{name}`: `site.xml` or `entities-{n}.xml`; any other, or a number past the
/// last sitemap, is 404.
pub async fn sitemap(
    State(app): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if name == "site.xml" {
        return serve(&app, &headers, name, |store| {
            let base = store.minter().base().to_owned();
            let modified = store.dataset_modified()?;
            let pages = ["", "dataset", "browse"]
                .into_iter()
                .map(|path| (format!("{base}{path}"), modified.clone()));
            Ok(Some(urlset(pages)))
        })
        .await;
    }
    let number = name
        .strip_prefix("entities-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| *n >= 1 && !name.contains("-0"))
        .ok_or(AppError::NotFound)?;
    serve(&app, &headers, name, move |store| {
        let mut urls = Vec::with_capacity(PER_SITEMAP);
        for stamped in store
            .stamped()
            .skip((number - 1) * PER_SITEMAP)
            .take(PER_SITEMAP)
        {
            let (entity, at) = stamped?;
            urls.push((entity.as_str().to_owned(), Some(at)));
        }
        if urls.is_empty() {
            return Ok(None);
        }
        Ok(Some(urlset(urls.into_iter())))
    })
    .await
}

/// Answers with the XML `make` writes (`None`: 404), cached for the store's revision, with an
/// ETag and `Last-Modified` when the data last changed.
async fn serve(
    app: &AppState,
    headers: &HeaderMap,
    key: String,
    make: impl FnOnce(&crate::store::Store) -> Result<Option<String>, AppError> + Send + 'static,
) -> Result<Response, AppError> {
    let revision = app.store.revision();
    let key = format!("sitemap\u{0}{key}");
    let etag = caching::etag(&revision, &[&key]);
    let answer = async {
        let hit = match app.pages.get(&revision, &key) {
            Some(hit) => hit,
            None => {
                let body = app.blocking(move |store| make(store)).await?;
                let Some(body) = body else {
                    return Err(AppError::NotFound);
                };
                let mut headers = HeaderMap::new();
                headers.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/xml; charset=utf-8"),
                );
                let cached = Cached {
                    status: StatusCode::OK,
                    headers,
                    body: body.into(),
                    modified: None,
                };
                app.pages.put(&revision, key.clone(), cached.clone());
                cached
            }
        };
        Ok(hit.response())
    };
    caching::cached(headers, etag, app.store.last_changed(), answer).await
}

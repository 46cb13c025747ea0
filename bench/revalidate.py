"""A revalidating harvester: fetches every URL of a server's sitemaps, keeping each ETag; then
(after the caller changes something) fetches them all again with If-None-Match and counts the
304s. Eight requests at a time.

Usage: revalidate.py BASE_URL crawl STATE_FILE [URLS_FROM]  (first pass: writes url → etag;
                                                     the URLs of another state file, re-based,
                                                     for a server without sitemaps)
       revalidate.py BASE_URL revalidate STATE_FILE  (second pass: prints the 304 share)
       revalidate.py BASE_URL urls STATE_FILE        (the URL list only, from the sitemaps)
"""
import concurrent.futures
import json
import re
import sys
import time
import urllib.error
import urllib.request

base, mode, state = sys.argv[1], sys.argv[2], sys.argv[3]


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status, response.headers.get("ETag")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("ETag")


def local(url):
    return base + url.split("/", 3)[3]


def sitemap_urls():
    with urllib.request.urlopen(base + "sitemap.xml", timeout=600) as r:
        index = r.read().decode()
    urls = []
    for sitemap in re.findall(r"<loc>([^<]+)</loc>", index):
        with urllib.request.urlopen(local(sitemap), timeout=600) as r:
            urls += [local(u) for u in re.findall(r"<loc>([^<]+)</loc>", r.read().decode())]
    return urls


started = time.time()
if mode in ("crawl", "urls"):
    if len(sys.argv) > 4:
        urls = [local(u) for u in json.load(open(sys.argv[4]))]
    else:
        urls = sitemap_urls()
    if mode == "urls":
        json.dump({u: None for u in urls}, open(state, "w"))
        print(f"{len(urls)} URLs from the sitemaps")
        sys.exit(0)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(get, urls))
    json.dump({u: etag for u, (_, etag) in zip(urls, results)}, open(state, "w"))
    ok = sum(1 for status, _ in results if status == 200)
    print(f"crawl: {len(urls)} URLs, {ok} answered 200, {time.time() - started:.1f} s")
else:
    tags = json.load(open(state))
    urls = list(tags)

    def revalidate(url):
        etag = tags[url]
        return get(url, {"If-None-Match": etag} if etag else {})[0]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(revalidate, urls))
    not_modified = statuses.count(304)
    print(f"revalidate: {len(urls)} URLs, {not_modified} answered 304 ({100.0 * not_modified / len(urls):.3f}%), "
          f"{statuses.count(200)} answered 200, {time.time() - started:.1f} s")

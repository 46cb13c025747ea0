//! Pages: view models built from the store, rendered with askama templates.

pub mod browse;
pub mod cache;
pub mod entity;
pub mod facts;
pub mod home;
pub mod paper;
pub mod signposting;
pub mod structured;

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFoundTemplate;

/// The 404 page.
pub fn not_found() -> Response {
    match NotFoundTemplate.render() {
        Ok(html) => (StatusCode::NOT_FOUND, Html(html)).into_response(),
        Err(_) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain")],
            "not found",
        )
            .into_response(),
    }
}

/// Renders a template, or answers 500.
pub(crate) fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => crate::http::AppError::Internal(e.to_string()).into_response(),
    }
}

//! The council's logo, read and checked (`crate::image`) for the page header.

use std::path::Path;
use std::sync::Arc;

use super::TemplateError;
use crate::document::Logo;
use crate::source::{Span, display_name};

/// Reads a PNG or JPEG logo; an error points at the spec's `logo` key.
pub fn read_logo(path: &Path, span: Option<Span>) -> Result<Logo, TemplateError> {
    let image = crate::image::read(path).map_err(|reason| TemplateError::Logo {
        path: display_name(path),
        reason,
        span,
    })?;
    Ok(Logo {
        bytes: Arc::new(image.bytes),
        format: image.format,
        width: image.width,
        height: image.height,
    })
}

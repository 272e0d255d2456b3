//! The council's logo: read, its format and pixel size checked, for the page header.

use std::path::Path;
use std::sync::Arc;

use super::TemplateError;
use crate::document::{ImageFormat, Logo};
use crate::source::display_name;

/// Reads a PNG or JPEG logo.
pub fn read_logo(path: &Path) -> Result<Logo, TemplateError> {
    let bytes = std::fs::read(path).map_err(|e| TemplateError::Logo {
        path: display_name(path),
        reason: crate::spec::io_reason(&e),
    })?;
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageFormat::Jpeg
    } else {
        return Err(TemplateError::Logo {
            path: display_name(path),
            reason: "it is neither PNG nor JPEG".into(),
        });
    };
    let size = imagesize::blob_size(&bytes).map_err(|e| TemplateError::Logo {
        path: display_name(path),
        reason: format!("unreadable image ({e})"),
    })?;
    if size.width == 0 || size.height == 0 || size.width > 20_000 || size.height > 20_000 {
        return Err(TemplateError::Logo {
            path: display_name(path),
            reason: format!("odd size {}×{} pixels", size.width, size.height),
        });
    }
    Ok(Logo {
        bytes: Arc::new(bytes),
        format,
        width: size.width as u32,
        height: size.height as u32,
    })
}

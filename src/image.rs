//! Images motion accepts (the council's logo): PNG or JPEG, read within limits and checked
//! from their header before anything decodes them, so a 20 000 × 20 000 pixel bomb is
//! refused without allocating gigabytes.

use std::path::Path;

/// The most a logo file may weigh.
pub const MAX_BYTES: u64 = 8 << 20;
/// The most pixels a logo may have (25 megapixels: 100 MB once decoded).
pub const MAX_PIXELS: u64 = 25_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        }
    }
}

/// A checked image: its bytes, format and pixel size.
#[derive(Debug, Clone)]
pub struct Image {
    pub bytes: Vec<u8>,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
}

/// Reads and checks an image file; the error is the reason, as it follows « cannot use the
/// logo `x`: ».
pub fn read(path: &Path) -> Result<Image, String> {
    let bytes = crate::files::read(path, MAX_BYTES).map_err(|e| e.reason())?;
    inspect(bytes)
}

/// Checks an image's format and size from its header.
pub fn inspect(bytes: Vec<u8>) -> Result<Image, String> {
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageFormat::Jpeg
    } else {
        return Err("it is neither PNG nor JPEG".into());
    };
    let size = imagesize::blob_size(&bytes).map_err(|e| format!("unreadable image ({e})"))?;
    let (width, height) = (size.width as u64, size.height as u64);
    if width == 0 || height == 0 {
        return Err(format!("it has an empty size ({width}×{height} pixels)"));
    }
    if width * height > MAX_PIXELS || width > 20_000 || height > 20_000 {
        return Err(format!(
            "it is {width}×{height} pixels, more than the {} megapixels a logo may have; scale it down (a logo 600 pixels high prints sharp)",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(Image {
        bytes,
        format,
        // Both are at most MAX_PIXELS, checked above.
        width: u32::try_from(width).unwrap_or(u32::MAX),
        height: u32::try_from(height).unwrap_or(u32::MAX),
    })
}

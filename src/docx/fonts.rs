//! The document's own typeface inside the DOCX, so Word and LibreOffice show it on a machine
//! that has never had it (ECMA-376 Part 1, §17.8.1 « Font Embedding »): each face the document
//! uses becomes an obfuscated `word/fonts/fontN.odttf` part named by `fontTable.xml`.
//!
//! Obfuscation XORs the first 32 bytes of the font with a key, the 16 bytes of a GUID written
//! in reverse order; the GUID (`w:fontKey`) is derived from the font's bytes, so the same font
//! gives the same package. Word embeds only TrueType outlines, and LibreOffice refuses fonts
//! whose OS/2 `fsType` restricts editing: such faces are not embedded, with a warning.

use std::sync::{Arc, Mutex};

use super::DocxError;
use crate::document::{BlockKind, Document, pieces};
use crate::theme::{FontBytes, Theme};

/// One embedded face.
pub struct Embedded {
    /// `embedRegular`, `embedBold`, `embedItalic` or `embedBoldItalic`.
    pub element: &'static str,
    pub face: Arc<Packed>,
}

/// A face ready for the package, made once per font file and process.
pub struct Packed {
    /// `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, upper case as ST_Guid wants.
    pub key: String,
    /// A zip archive whose only entry is the obfuscated face, deflated: the package copies
    /// the entry as it is, so deflating a face (most of a DOCX's cost) happens once, not at
    /// every render of a batch or of `motion watch`.
    pub archive: Vec<u8>,
}

/// Faces packed in this process, with the font bytes they were made from (kept alive, so
/// the pointer identifies them). A handful of templates at most: the oldest goes first.
static PACKED: Mutex<Vec<(FontBytes, Arc<Packed>)>> = Mutex::new(Vec::new());
const PACKED_KEPT: usize = 16;

/// The packed form of a face, from the cache or made now.
fn packed(bytes: &FontBytes) -> Result<Arc<Packed>, DocxError> {
    let hit = |cache: &[(FontBytes, Arc<Packed>)]| {
        cache
            .iter()
            .find(|(b, _)| Arc::ptr_eq(b, bytes))
            .map(|(_, p)| p.clone())
    };
    if let Some(p) = hit(&PACKED.lock().unwrap_or_else(|e| e.into_inner())) {
        return Ok(p);
    }
    // Made outside the lock: two threads may pack the same face once each, never wait.
    let data = (**bytes).as_ref();
    let key = guid(data);
    let archive = super::package::pack_face(&obfuscate(data, &key))?;
    let made = Arc::new(Packed { key, archive });
    let mut cache = PACKED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = hit(&cache) {
        return Ok(p);
    }
    if cache.len() >= PACKED_KEPT {
        cache.remove(0);
    }
    cache.push((bytes.clone(), made.clone()));
    Ok(made)
}

/// The faces of `doc`'s DOCX that this process has not packed yet: a cold render packs
/// them on another core while the PDF's layout runs ([`pack`]), and the DOCX then finds
/// them packed (BENCHMARKS « Cold render »).
pub fn unpacked(doc: &Document) -> Vec<FontBytes> {
    let used = faces_used(doc);
    let cache = PACKED.lock().unwrap_or_else(|e| e.into_inner());
    FACES
        .iter()
        .filter(|(_, bold, italic)| used.contains(&(*bold, *italic)))
        .map(|&(_, bold, italic)| doc.theme.fonts.face(bold, italic).clone())
        .filter(|bytes| !cache.iter().any(|(b, _)| Arc::ptr_eq(b, bytes)))
        .filter(|bytes| embeddable((**bytes).as_ref()).is_ok())
        .collect()
}

/// Packs faces now (a failure shows when the DOCX packs the face itself).
pub fn pack(faces: &[FontBytes]) {
    for bytes in faces {
        let _ = packed(bytes);
    }
}

/// The faces to embed and the warnings for faces that cannot be.
pub struct Fonts {
    pub embedded: Vec<Embedded>,
    pub warnings: Vec<String>,
}

/// Faces in the order `fontTable.xml` lists them: regular, bold, italic, bold italic.
const FACES: [(&str, bool, bool); 4] = [
    ("embedRegular", false, false),
    ("embedBold", true, false),
    ("embedItalic", false, true),
    ("embedBoldItalic", true, true),
];

/// The faces a document uses and whether each can be embedded.
pub fn plan(doc: &Document) -> Result<Fonts, DocxError> {
    faces(doc, true)
}

/// Only the warnings of [`plan`]: nothing is hashed or obfuscated.
pub fn warnings(doc: &Document) -> Vec<String> {
    faces(doc, false).map(|f| f.warnings).unwrap_or_default()
}

fn faces(doc: &Document, build: bool) -> Result<Fonts, DocxError> {
    let used = faces_used(doc);
    let mut out = Fonts {
        embedded: Vec::new(),
        warnings: Vec::new(),
    };
    for (element, bold, italic) in FACES {
        if !used.contains(&(bold, italic)) {
            continue;
        }
        let bytes: &FontBytes = doc.theme.fonts.face(bold, italic);
        let data = (**bytes).as_ref();
        match embeddable(data) {
            Ok(()) if build => out.embedded.push(Embedded {
                element,
                face: packed(bytes)?,
            }),
            Ok(()) => {}
            Err(why) => out.warnings.push(format!(
                "the {} face of « {} » is not embedded in the DOCX: {why}; Word and LibreOffice \
                 will show another font where it is not installed",
                face_name(bold, italic),
                doc.theme.font_family
            )),
        }
    }
    Ok(out)
}

fn face_name(bold: bool, italic: bool) -> &'static str {
    match (bold, italic) {
        (false, false) => "regular",
        (true, false) => "bold",
        (false, true) => "italic",
        (true, true) => "bold italic",
    }
}

/// Every (bold, italic) combination some text of the document is set in.
fn faces_used(doc: &Document) -> Vec<(bool, bool)> {
    let theme: &Theme = &doc.theme;
    let mut used = Vec::new();
    let mut add = |style: &str, inlines: &[crate::document::Inline]| {
        let style = theme.style(style);
        for piece in pieces(inlines) {
            let look = theme.look(style, &piece.styles);
            used.push((look.bold, look.italic));
        }
    };
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Heading { style, inlines, .. } | BlockKind::Paragraph { style, inlines } => {
                add(style, inlines);
            }
            BlockKind::List { style, items, .. } => {
                // The numbers are in the list's style.
                add(style, &[crate::document::Inline::Text("1.".into())]);
                for item in items {
                    add(style, &item.inlines);
                }
            }
            BlockKind::Signatures { style, .. } => {
                add(style, &[crate::document::Inline::Text("x".into())]);
            }
            BlockKind::Blank { .. } | BlockKind::PageBreak => {}
        }
    }
    for m in [&doc.header, &doc.footer] {
        for slot in [&m.left, &m.center, &m.right] {
            add(&m.style, slot);
        }
    }
    used.sort();
    used.dedup();
    used
}

/// Whether a font file can be embedded: TrueType outlines, and an `fsType` that allows
/// editing (0, or the « editable » bit alone).
fn embeddable(data: &[u8]) -> Result<(), String> {
    let face =
        rustybuzz::ttf_parser::Face::parse(data, 0).map_err(|_| "it cannot be read".to_string())?;
    let raw = face.raw_face();
    if raw
        .table(rustybuzz::ttf_parser::Tag::from_bytes(b"glyf"))
        .is_none()
    {
        return Err(
            "it has PostScript (CFF) outlines, and Word embeds only TrueType outlines (convert it, as tools/fonts/libertinus-ttf.py does)"
                .into(),
        );
    }
    if let Some(os2) = raw.table(rustybuzz::ttf_parser::Tag::from_bytes(b"OS/2"))
        && os2.len() >= 10
    {
        let fs_type = u16::from_be_bytes([os2[8], os2[9]]);
        if fs_type & 0x0006 != 0 {
            return Err(format!(
                "its licence bits (OS/2 fsType {fs_type:#06x}) forbid embedding it for editing"
            ));
        }
    }
    Ok(())
}

/// A GUID derived from the font's bytes, as Word writes it: two 64-bit FNV-1a hashes over
/// the bytes taken eight at a time (a byte-wise 128-bit hash took a tenth of a render).
fn guid(data: &[u8]) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    let mut words = data.chunks_exact(8);
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        a = (a ^ w).wrapping_mul(0x0000_0100_0000_01b3);
        b = (b ^ w.rotate_left(29)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    for &byte in words.remainder() {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        b = (b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    // The length too: fonts that differ only by trailing zeros get different keys.
    a ^= data.len() as u64;
    let hex = format!("{a:016X}{b:016X}");
    format!(
        "{{{}-{}-{}-{}-{}}}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The key of a GUID: its 32 hex digits as 16 bytes, in reverse order.
fn key_bytes(guid: &str) -> [u8; 16] {
    let digits: Vec<u8> = guid
        .chars()
        .filter_map(|c| c.to_digit(16))
        .filter_map(|d| u8::try_from(d).ok())
        .collect();
    let mut key = [0u8; 16];
    for (i, pair) in digits.chunks(2).take(16).enumerate() {
        key[15 - i] = (pair[0] << 4) | pair.get(1).copied().unwrap_or(0);
    }
    key
}

/// The font with its first 32 bytes XORed with the key (the same operation undoes it).
pub fn obfuscate(data: &[u8], guid: &str) -> Vec<u8> {
    let key = key_bytes(guid);
    let mut out = data.to_vec();
    for (i, b) in out.iter_mut().take(32).enumerate() {
        *b ^= key[i % 16];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of ECMA-376 §17.8.1.
    #[test]
    fn key_of_the_specs_example() {
        assert_eq!(
            key_bytes("{001B70DC-AA60-4AD5-90EC-18A0948E1EAE}"),
            [
                0xAE, 0x1E, 0x8E, 0x94, 0xA0, 0x18, 0xEC, 0x90, 0xD5, 0x4A, 0x60, 0xAA, 0xDC, 0x70,
                0x1B, 0x00
            ]
        );
    }

    #[test]
    fn obfuscation_is_its_own_inverse_and_touches_32_bytes() {
        let data: Vec<u8> = (0..100u8).collect();
        let g = guid(&data);
        let once = obfuscate(&data, &g);
        assert_ne!(once[..32], data[..32]);
        assert_eq!(once[32..], data[32..]);
        assert_eq!(obfuscate(&once, &g), data);
        assert!(g.starts_with('{') && g.ends_with('}') && g.len() == 38);
        assert_eq!(g, g.to_uppercase());
    }
}

//! Shaping with rustybuzz (the shaper krilla uses, so measured width is drawn width), cached
//! per face and text: a motion repeats its words, a batch repeats its motions.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use rustybuzz::{Face, UnicodeBuffer};

use super::LayoutError;
use super::paragraph::{Decoration, Memo};
use crate::theme::{FontBytes, Fonts};

/// Index of a face: regular, italic, bold, bold italic.
pub type FaceId = u8;

pub fn face_id(bold: bool, italic: bool) -> FaceId {
    u8::from(italic) | (u8::from(bold) << 1)
}

/// A glyph in font units, `cluster` a byte offset into the shaped text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    pub id: u16,
    pub advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
    pub cluster: u32,
}

/// A shaped piece of text.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub glyphs: Vec<ShapedGlyph>,
}

impl Shaped {
    /// Width in font units of the glyphs in `range`.
    pub fn advance(&self, range: std::ops::Range<usize>) -> i32 {
        self.glyphs[range].iter().map(|g| g.advance).sum()
    }
}

/// The four faces of a theme, parsed once per layout.
pub struct Shaper<'a> {
    faces: Vec<Face<'a>>,
    units_per_em: Vec<f32>,
    language: Option<rustybuzz::Language>,
    /// Plans and shaped words, taken from this thread's [`WARM`] store and given back when
    /// the layout ends.
    warm: Warm,
}

/// What shaping learns about a theme's fonts in one language: one shaping plan per face
/// (building it is most of a short word's cost), made when the face is first used, and
/// the words shaped with each face.
struct Warm {
    fonts: [FontBytes; 4],
    lang: String,
    plans: [Option<rustybuzz::ShapePlan>; 4],
    cache: [HashMap<Box<str>, Rc<Shaped>>; 4],
    /// The paragraphs last set with these fonts, and their lines.
    paragraphs: Memo,
}

thread_local! {
    /// Kept between layouts on this thread: `motion watch` and a batch lay out the same
    /// template's fonts again and again (the fonts are held, so the pointers identify them).
    static WARM: RefCell<Vec<Warm>> = const { RefCell::new(Vec::new()) };
}

/// Font sets and languages a thread keeps warm; the least recently used goes first.
const WARM_KEPT: usize = 4;
/// Words of one face kept between layouts: a longer list starts again empty, so that a
/// batch of long motions does not grow the store without bound.
const WORDS_KEPT: usize = 20_000;

impl Warm {
    fn new(fonts: [FontBytes; 4], lang: &str) -> Warm {
        Warm {
            fonts,
            lang: lang.to_string(),
            plans: Default::default(),
            cache: Default::default(),
            paragraphs: Memo::default(),
        }
    }

    fn is_for(&self, fonts: &[FontBytes; 4], lang: &str) -> bool {
        self.lang == lang && self.fonts.iter().zip(fonts).all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

impl Drop for Shaper<'_> {
    fn drop(&mut self) {
        let empty = Warm::new(self.warm.fonts.clone(), "");
        let mut warm = std::mem::replace(&mut self.warm, empty);
        warm.paragraphs.end_layout();
        for words in &mut warm.cache {
            if words.len() > WORDS_KEPT {
                *words = HashMap::new();
            }
        }
        // A thread being torn down has no store left: the words are simply dropped.
        let _ = WARM.try_with(|store| {
            let mut store = store.borrow_mut();
            store.retain(|w| !w.is_for(&warm.fonts, &warm.lang));
            if store.len() >= WARM_KEPT {
                store.remove(0);
            }
            store.push(warm);
        });
    }
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a Fonts, lang: &str) -> Result<Self, LayoutError> {
        let set: [FontBytes; 4] =
            std::array::from_fn(|id| fonts.face(id & 2 != 0, id & 1 != 0).clone());
        let mut faces = Vec::with_capacity(4);
        for id in 0..4 {
            let bytes = fonts.face(id & 2 != 0, id & 1 != 0);
            let face = Face::from_slice((**bytes).as_ref(), 0).ok_or(LayoutError::Font)?;
            faces.push(face);
        }
        let units_per_em = faces.iter().map(|f| f.units_per_em() as f32).collect();
        let language: Option<rustybuzz::Language> = lang.parse().ok();
        let warm = WARM
            .try_with(|store| {
                let mut store = store.borrow_mut();
                let at = store.iter().position(|w| w.is_for(&set, lang))?;
                Some(store.remove(at))
            })
            .ok()
            .flatten()
            .unwrap_or_else(|| Warm::new(set, lang));
        Ok(Shaper {
            faces,
            units_per_em,
            language,
            warm,
        })
    }

    /// The paragraphs set by the last layout with these fonts (kept on this thread).
    pub(super) fn memo(&mut self) -> &mut Memo {
        &mut self.warm.paragraphs
    }

    pub fn units_per_em(&self, face: FaceId) -> f32 {
        self.units_per_em[face as usize]
    }

    /// Ascender and descender (negative) of the regular face, in ems.
    pub fn vertical_metrics(&self) -> (f32, f32) {
        let f = &self.faces[0];
        let upem = self.units_per_em[0];
        (f.ascender() as f32 / upem, f.descender() as f32 / upem)
    }

    /// Where a decoration line goes and how thick it is, in ems: the offset is downwards from
    /// the baseline (negative: above it), from the face's `post` and `OS/2` tables.
    pub fn decoration_metrics(&self, face: FaceId, decoration: Decoration) -> (f32, f32) {
        let f = &self.faces[face as usize];
        let upem = self.units_per_em[face as usize];
        let metrics = match decoration {
            Decoration::Underline => f.underline_metrics(),
            Decoration::Strike => f.strikeout_metrics(),
        };
        match metrics {
            Some(m) if m.thickness > 0 => {
                (-f32::from(m.position) / upem, f32::from(m.thickness) / upem)
            }
            _ => match decoration {
                Decoration::Underline => (0.1, 0.05),
                Decoration::Strike => (-0.25, 0.05),
            },
        }
    }

    /// Points per font unit at `size`.
    pub fn scale(&self, face: FaceId, size: f32) -> f32 {
        size / self.units_per_em[face as usize]
    }

    /// Shapes `text` with a face; a character the font lacks is an error.
    pub fn shape(&mut self, face: FaceId, text: &str) -> Result<Rc<Shaped>, LayoutError> {
        let id = face as usize;
        if let Some(hit) = self.warm.cache[id].get(text) {
            return Ok(hit.clone());
        }
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        if let Some(language) = &self.language {
            buffer.set_language(language.clone());
        }
        // Motions are Latin script, left to right: one plan per face serves every word.
        let (faces, language) = (&self.faces, &self.language);
        let plan = self.warm.plans[id].get_or_insert_with(|| {
            rustybuzz::ShapePlan::new(
                &faces[id],
                rustybuzz::Direction::LeftToRight,
                Some(rustybuzz::script::LATIN),
                language.as_ref(),
                &[],
            )
        });
        let output = rustybuzz::shape_with_plan(&self.faces[id], plan, buffer);
        let glyphs: Vec<ShapedGlyph> = output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, pos)| ShapedGlyph {
                // Fonts hold at most 65 535 glyphs; anything else reads as .notdef, a missing glyph.
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance,
                x_offset: pos.x_offset,
                y_offset: pos.y_offset,
                cluster: info.cluster,
            })
            .collect();
        if let Some(missing) = glyphs.iter().find(|g| g.id == 0) {
            let ch = text[missing.cluster as usize..]
                .chars()
                .next()
                .unwrap_or('?');
            return Err(LayoutError::MissingGlyph {
                ch,
                context: text.to_string(),
                at: None,
            });
        }
        let shaped = Rc::new(Shaped { glyphs });
        self.warm.cache[id].insert(Box::from(text), shaped.clone());
        Ok(shaped)
    }
}

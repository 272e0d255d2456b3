//! Shaping with rustybuzz (the shaper krilla uses, so measured width is drawn width), cached
//! per face and text: a motion repeats its words, a batch repeats its motions.

use std::collections::HashMap;
use std::rc::Rc;

use rustybuzz::{Face, UnicodeBuffer};

use super::LayoutError;
use super::paragraph::Decoration;
use crate::theme::Fonts;

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
    /// One shaping plan per face, built once: building it is most of a short word's cost.
    plans: Vec<rustybuzz::ShapePlan>,
    units_per_em: Vec<f32>,
    language: Option<rustybuzz::Language>,
    /// Per face: text → shaped glyphs.
    cache: [HashMap<Box<str>, Rc<Shaped>>; 4],
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a Fonts, lang: &str) -> Result<Self, LayoutError> {
        let mut faces = Vec::with_capacity(4);
        for id in 0..4u8 {
            let bytes = fonts.face(id & 2 != 0, id & 1 != 0);
            let face = Face::from_slice((**bytes).as_ref(), 0).ok_or(LayoutError::Font)?;
            faces.push(face);
        }
        let units_per_em = faces.iter().map(|f| f.units_per_em() as f32).collect();
        let language: Option<rustybuzz::Language> = lang.parse().ok();
        // Motions are Latin script, left to right; one plan per face serves every word.
        let plans = faces
            .iter()
            .map(|face| {
                rustybuzz::ShapePlan::new(
                    face,
                    rustybuzz::Direction::LeftToRight,
                    Some(rustybuzz::script::LATIN),
                    language.as_ref(),
                    &[],
                )
            })
            .collect();
        Ok(Shaper {
            faces,
            plans,
            units_per_em,
            language,
            cache: Default::default(),
        })
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
        if let Some(hit) = self.cache[face as usize].get(text) {
            return Ok(hit.clone());
        }
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        if let Some(language) = &self.language {
            buffer.set_language(language.clone());
        }
        let output = rustybuzz::shape_with_plan(
            &self.faces[face as usize],
            &self.plans[face as usize],
            buffer,
        );
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
        self.cache[face as usize].insert(Box::from(text), shaped.clone());
        Ok(shaped)
    }
}

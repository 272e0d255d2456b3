//! PDF backend: the laid-out pages written with krilla (fonts subset, tagged, outline,
//! metadata, optional PDF/A-2b), deterministic byte for byte.

use std::collections::BTreeMap;

use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::{NamedDestination, XyzDestination};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document as PdfDocument, SerializeSettings};

use crate::document::{Attachment, Document, ImageFormat, Relation};
use crate::layout::{self, Artifact, ElementKind, Layout, LayoutError, Origin};
use crate::timestamp::Timestamp;
use tags::PartKey;

pub mod attachments;
mod tags;

/// Archival and accessibility standards the PDF can be validated against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standard {
    #[default]
    None,
    /// PDF/A-2b, for the council's archives.
    A2b,
    /// PDF/UA-1, accessible to screen readers.
    Ua1,
    /// Both at once.
    A2bUa1,
    /// PDF/A-3b: archival, with the spec as an associated file (`AFRelationship` Source).
    A3b,
    /// PDF/A-3b and PDF/UA-1.
    A3bUa1,
}

impl Standard {
    /// PDF/A-2 allows only PDF/A files as attachments: the source cannot be embedded.
    pub fn forbids_attachments(self) -> bool {
        matches!(self, Standard::A2b | Standard::A2bUa1)
    }

    fn name(self) -> &'static str {
        match self {
            Standard::None => "no standard",
            Standard::A2b => "PDF/A-2b",
            Standard::Ua1 => "PDF/UA-1",
            Standard::A2bUa1 => "PDF/A-2b and PDF/UA-1",
            Standard::A3b => "PDF/A-3b",
            Standard::A3bUa1 => "PDF/A-3b and PDF/UA-1",
        }
    }
}

/// Options of the PDF backend.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    pub standard: Standard,
    /// `SOURCE_DATE_EPOCH`, if set: the creation date; else the motion's date.
    pub source_date_epoch: Option<i64>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error("the PDF does not meet {standard}: {}", problems.join("; "))]
    Validation {
        standard: &'static str,
        problems: Vec<String>,
    },
    #[error("cannot write the PDF: {0}")]
    Writer(String),
    #[error(
        "PDF/A needs a creation date, and this projet has none: set `date = …` in the spec, or SOURCE_DATE_EPOCH"
    )]
    NeedsDate,
}

/// Lays out and writes a document as PDF.
pub fn write(doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let layout = layout::layout(doc)?;
    write_layout(doc, &layout, opts)
}

/// Writes pages already laid out.
pub fn write_layout(
    doc: &Document,
    layout: &Layout,
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let builder = match opts.standard {
        Standard::None => ConfigurationBuilder::new(),
        Standard::A2b => ConfigurationBuilder::new().with_archival_validator(Archival::A2_B),
        Standard::Ua1 => {
            ConfigurationBuilder::new().with_accessibility_validator(Accessibility::UA1)
        }
        Standard::A2bUa1 => ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_B)
            .with_accessibility_validator(Accessibility::UA1),
        Standard::A3b => ConfigurationBuilder::new().with_archival_validator(Archival::A3_B),
        Standard::A3bUa1 => ConfigurationBuilder::new()
            .with_archival_validator(Archival::A3_B)
            .with_accessibility_validator(Accessibility::UA1),
    };
    let configuration = builder
        .finish()
        .map_err(|e| PdfError::Writer(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);

    let fonts: Vec<Font> = (0..4u8)
        .map(|id| {
            let bytes = doc.theme.fonts.face(id & 2 != 0, id & 1 != 0).clone();
            Font::new(Data::from(bytes), 0).ok_or(PdfError::Layout(LayoutError::Font))
        })
        .collect::<Result<_, _>>()?;
    let logo = match &doc.logo {
        Some(logo) => {
            let data = Data::from(logo.bytes.clone());
            let image = match logo.format {
                ImageFormat::Png => Image::from_png(data, false),
                ImageFormat::Jpeg => Image::from_jpeg(data, false),
            };
            Some(image.map_err(|e| PdfError::Writer(format!("logo: {e}")))?)
        }
        None => None,
    };

    // Marked content of each block part, in reading order, for the tag tree.
    let mut marked: BTreeMap<(usize, PartKey), Vec<Identifier>> = BTreeMap::new();
    let lang = doc.meta.lang.bcp47();
    for page in &layout.pages {
        let settings = PageSettings::from_wh(layout.width, layout.height)
            .ok_or_else(|| PdfError::Writer("invalid page size".into()))?;
        let mut pdf_page = pdf.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for element in &page.elements {
            let tag = match element.origin {
                Origin::Artifact(a) => {
                    ContentTag::Artifact(krilla::tagging::Artifact::with_kind(match a {
                        Artifact::Header => ArtifactType::Header,
                        Artifact::Footer => ArtifactType::Footer,
                        Artifact::LineNumber => ArtifactType::LineNumber,
                        Artifact::Layout => ArtifactType::Layout,
                    }))
                }
                Origin::Content { .. } => match element.kind {
                    ElementKind::Text { .. } => ContentTag::Span(SpanTag::empty()),
                    _ => ContentTag::Other,
                },
            };
            let id = surface.start_tagged(tag);
            draw(&mut surface, element, &fonts, logo.as_ref());
            surface.end_tagged();
            if let Origin::Content { block, part } = element.origin {
                marked
                    .entry((block, PartKey::from(part)))
                    .or_default()
                    .push(id);
            }
        }
        surface.finish();
        pdf_page.finish();
    }

    pdf.set_tag_tree(tags::tag_tree(doc, &mut marked, lang));
    pdf.set_outline(outline(layout));
    for anchor in &layout.anchors {
        // An id anchored twice (a fork repeating a clause id) keeps its first place.
        let _ = pdf.register_named_destination(NamedDestination::new(
            anchor.id.clone(),
            XyzDestination::new(anchor.page, Point::from_xy(0.0, anchor.y)),
        ));
    }
    let when = Timestamp::for_document(opts.source_date_epoch, doc.meta.date);
    if when.is_none() && opts.standard != Standard::None {
        return Err(PdfError::NeedsDate);
    }
    let mut metadata = Metadata::new()
        .title(doc.meta.title.clone())
        .authors(vec![doc.meta.author.clone()])
        .description(doc.meta.subject.clone())
        .keywords(doc.meta.keywords.clone())
        .language(lang.to_string())
        .creator(format!("motion {}", env!("CARGO_PKG_VERSION")));
    let when = when.map(|when| {
        DateTime::new(when.year)
            .month(when.month)
            .day(when.day)
            .hour(when.hour)
            .minute(when.minute)
            .second(when.second)
            .utc_offset_hour(0)
            .utc_offset_minute(0)
    });
    // An undated projet says nothing of when it was made rather than something false.
    if let Some(when) = when {
        metadata = metadata.creation_date(when);
    }
    pdf.set_metadata(metadata);
    if !opts.standard.forbids_attachments() {
        for attachment in &doc.meta.attachments {
            embed(&mut pdf, attachment, when);
        }
    }
    pdf.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(problems) => PdfError::Validation {
            standard: opts.standard.name(),
            problems: problems.iter().map(|(p, _)| format!("{p:?}")).collect(),
        },
        other => PdfError::Writer(other.to_string()),
    })
}

/// An attachment as an embedded file (an associated file where the PDF version has them).
fn embed(pdf: &mut PdfDocument, attachment: &Attachment, when: Option<DateTime>) {
    let (association_kind, description) = match attachment.relation {
        Relation::Source => (AssociationKind::Source, attachments::SOURCE_DESC),
        Relation::Supplement => (AssociationKind::Supplement, attachments::SUPPLEMENT_DESC),
    };
    // Names are unique: the CLI attaches each file once.
    let _ = pdf.embed_file(EmbeddedFile {
        path: attachment.name.clone(),
        mime_type: MimeType::new("application/toml"),
        description: Some(description.to_string()),
        association_kind,
        data: Data::from(attachment.text.as_bytes().to_vec()),
        modification_date: when,
        compress: Some(true),
        location: None,
    });
}

fn draw(surface: &mut Surface, element: &layout::Element, fonts: &[Font], logo: Option<&Image>) {
    match &element.kind {
        ElementKind::Text { x, baseline, runs } => {
            for run in runs {
                let [r, g, b] = run.color.0;
                surface.set_fill(Some(Fill {
                    paint: rgb::Color::new(r, g, b).into(),
                    ..Fill::default()
                }));
                let glyphs: Vec<KrillaGlyph> = run
                    .glyphs
                    .iter()
                    .map(|g| {
                        KrillaGlyph::new(
                            GlyphId::new(u32::from(g.id)),
                            g.advance / run.size,
                            g.x_offset / run.size,
                            g.y_offset / run.size,
                            0.0,
                            g.range.clone(),
                            None,
                        )
                    })
                    .collect();
                surface.draw_glyphs(
                    Point::from_xy(x + run.x, *baseline - run.rise),
                    &glyphs,
                    fonts[run.face as usize].clone(),
                    &run.text,
                    run.size,
                    false,
                );
            }
        }
        ElementKind::Rule {
            x0,
            x1,
            y,
            thickness,
            color,
        } => {
            let mut path = PathBuilder::new();
            path.move_to(*x0, *y);
            path.line_to(*x1, *y);
            if let Some(path) = path.finish() {
                let [r, g, b] = color.0;
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(r, g, b).into(),
                    width: *thickness,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        ElementKind::Image {
            x,
            y,
            width,
            height,
        } => {
            if let (Some(image), Some(size)) = (logo, Size::from_wh(*width, *height)) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
    }
}

/// Bookmarks: the title, with level-2 headings under it.
fn outline(layout: &Layout) -> Outline {
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for entry in &layout.outline {
        let node = OutlineNode::new(
            entry.title.clone(),
            XyzDestination::new(entry.page, Point::from_xy(0.0, entry.y)),
        );
        if entry.level <= 1 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node);
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    outline
}

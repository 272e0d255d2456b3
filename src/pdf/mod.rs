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
    write_parts(
        doc,
        &[Part {
            doc,
            layout,
            name: None,
            title: None,
        }],
        opts,
    )
}

/// One document of a PDF made of several (a session's bundle: the cover, then each motion),
/// laid out with its pages numbered in the whole.
pub struct Part<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
    /// Prefix of its named destinations (`item-12`, `item-12.garants`); `None` for a PDF of
    /// one document, whose clause ids are destinations as they are.
    pub name: Option<String>,
    /// Its outline entry (« 12. Non à l’abolition … »), its own entries under it.
    pub title: Option<String>,
}

/// Writes documents one after the other into one PDF; `meta` gives the metadata and the
/// attachments.
pub fn write_parts(
    meta: &Document,
    parts: &[Part],
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

    // Faces shared by the parts (one template) are one font in the PDF.
    let mut loaded: Vec<(*const u8, Font)> = Vec::new();
    let mut marked: Vec<BTreeMap<(usize, PartKey), Vec<Identifier>>> = Vec::new();
    let lang = meta.meta.lang.bcp47();
    let mut first_page = 0;
    let mut outline = Outline::new();
    for part in parts {
        let doc = part.doc;
        let layout = part.layout;
        let mut fonts = Vec::with_capacity(4);
        for id in 0..4u8 {
            let bytes = doc.theme.fonts.face(id & 2 != 0, id & 1 != 0).clone();
            let key = (*bytes).as_ref().as_ptr();
            let font = match loaded.iter().find(|(k, _)| *k == key) {
                Some((_, font)) => font.clone(),
                None => {
                    let font = Font::new(Data::from(bytes), 0)
                        .ok_or(PdfError::Layout(LayoutError::Font))?;
                    loaded.push((key, font.clone()));
                    font
                }
            };
            fonts.push(font);
        }
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
        let mut part_marked: BTreeMap<(usize, PartKey), Vec<Identifier>> = BTreeMap::new();
        layout.each_page(doc, |_, page| -> Result<(), PdfError> {
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
                    part_marked
                        .entry((block, PartKey::from(part)))
                        .or_default()
                        .push(id);
                }
            }
            surface.finish();
            pdf_page.finish();
            Ok(())
        })?;
        marked.push(part_marked);

        let shifted = |page: usize| first_page + page;
        match &part.title {
            Some(title) => {
                let mut node = OutlineNode::new(
                    title.clone(),
                    XyzDestination::new(first_page, Point::from_xy(0.0, 0.0)),
                );
                // The part's own title is this entry; its headings go under it.
                for entry in layout.outline.iter().filter(|e| e.level > 1) {
                    node.push_child(OutlineNode::new(
                        entry.title.clone(),
                        XyzDestination::new(first_page + entry.page, Point::from_xy(0.0, entry.y)),
                    ));
                }
                outline.push_child(node);
            }
            None => {
                for node in outline_nodes(layout, first_page) {
                    outline.push_child(node);
                }
            }
        }
        if let Some(name) = &part.name {
            let _ = pdf.register_named_destination(NamedDestination::new(
                name.clone(),
                XyzDestination::new(first_page, Point::from_xy(0.0, 0.0)),
            ));
        }
        for anchor in &layout.anchors {
            let id = match &part.name {
                Some(name) => format!("{name}.{}", anchor.id),
                None => anchor.id.clone(),
            };
            // An id anchored twice (a fork repeating a clause id) keeps its first place.
            let _ = pdf.register_named_destination(NamedDestination::new(
                id,
                XyzDestination::new(shifted(anchor.page), Point::from_xy(0.0, anchor.y)),
            ));
        }
        first_page += layout.page_count();
    }

    let tree = match parts {
        [single] if single.name.is_none() => tags::tag_tree(single.doc, &mut marked[0], lang),
        _ => {
            let docs: Vec<&Document> = parts.iter().map(|p| p.doc).collect();
            tags::tag_tree_parts(&docs, &mut marked, lang)
        }
    };
    pdf.set_tag_tree(tree);
    pdf.set_outline(outline);
    let doc = meta;
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
    let written = pdf.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(problems) => PdfError::Validation {
            standard: opts.standard.name(),
            problems: problems.iter().map(|(p, _)| format!("{p:?}")).collect(),
        },
        other => PdfError::Writer(other.to_string()),
    });
    // krilla's memoised subsets and streams: what the last PDFs did not use goes, so that a
    // batch or a long `motion watch` keeps a few documents' worth, not every one.
    comemo::evict(PDFS_REMEMBERED);
    written
}

/// PDFs written before a memoised font subset or stream unused since is dropped.
const PDFS_REMEMBERED: usize = 8;

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

/// Bookmarks of one document: the title, with level-2 headings under it; pages counted from
/// `first_page` in the whole PDF.
fn outline_nodes(layout: &Layout, first_page: usize) -> Vec<OutlineNode> {
    let mut nodes = Vec::new();
    let mut current: Option<OutlineNode> = None;
    for entry in &layout.outline {
        let node = OutlineNode::new(
            entry.title.clone(),
            XyzDestination::new(first_page + entry.page, Point::from_xy(0.0, entry.y)),
        );
        if entry.level <= 1 {
            if let Some(done) = current.take() {
                nodes.push(done);
            }
            current = Some(node);
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        } else {
            nodes.push(node);
        }
    }
    if let Some(done) = current {
        nodes.push(done);
    }
    nodes
}

//! The spec inside the DOCX: one custom XML part per attachment (`customXml/itemN.xml`), the
//! data store Word and LibreOffice keep across edits and saves, and reading it back.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::package::{OFFICE_REL, REL_NS, relationship};
use super::xml::Xml;
use crate::document::{Attachment, Relation};

/// The namespace of motion's custom XML parts; also the data store's schema reference.
pub const NS: &str = "urn:x-motion:source:1";
pub const PROPS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml";
const DS_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/customXml";

fn relation_code(relation: Relation) -> &'static str {
    match relation {
        Relation::Source => "source",
        Relation::Supplement => "supplement",
    }
}

/// `customXml/itemN.xml`: the file's text in one element.
pub fn item(attachment: &Attachment) -> Vec<u8> {
    let mut x = Xml::new();
    x.leaf(
        "source",
        &[
            ("xmlns", NS),
            ("name", &attachment.name),
            ("relation", relation_code(attachment.relation)),
        ],
        &attachment.text,
    );
    x.finish()
}

/// `customXml/itemPropsN.xml`: the data store entry, with an id derived from the content so
/// that the same document gives the same bytes.
pub fn props(attachment: &Attachment) -> Vec<u8> {
    let id = guid(&[attachment.name.as_bytes(), attachment.text.as_bytes()]);
    let mut x = Xml::new();
    x.open(
        "ds:datastoreItem",
        &[("ds:itemID", &id), ("xmlns:ds", DS_NS)],
    );
    x.open("ds:schemaRefs", &[]);
    x.empty("ds:schemaRef", &[("ds:uri", NS)]);
    x.close("ds:schemaRefs");
    x.close("ds:datastoreItem");
    x.finish()
}

pub fn item_rels(n: usize) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", REL_NS)]);
    relationship(
        &mut x,
        "rId1",
        &format!("{OFFICE_REL}/customXmlProps"),
        &format!("itemProps{n}.xml"),
    );
    x.close("Relationships");
    x.finish()
}

/// `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` from two FNV-1a hashes of the parts.
fn guid(parts: &[&[u8]]) -> String {
    let hash = |seed: u64| {
        let mut h = seed;
        for part in parts {
            for &b in *part {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x100_0000_01b3);
            }
            h ^= 0xff;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        h
    };
    let (a, b) = (hash(0xcbf2_9ce4_8422_2325), hash(0x6c62_272e_07bb_0142));
    format!(
        "{{{:08X}-{:04X}-{:04X}-{:04X}-{:012X}}}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// Why a DOCX's attachments cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a DOCX (not a zip archive): {0}")]
    NotZip(String),
    #[error("its part `{part}` is damaged: {reason}")]
    Part { part: String, reason: String },
}

/// The attachments motion put into a DOCX, in part order; parts of other tools are skipped.
pub fn read(bytes: &[u8]) -> Result<Vec<Attachment>, ReadError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::NotZip(e.to_string()))?;
    let mut names: Vec<(usize, String)> = archive
        .file_names()
        .filter_map(|name| {
            let name = name.ok()?;
            let n = name
                .strip_prefix("customXml/item")?
                .strip_suffix(".xml")?
                .parse()
                .ok()?;
            Some((n, name.to_string()))
        })
        .collect();
    names.sort();
    let mut found = Vec::new();
    for (_, name) in names {
        let damaged = |reason: String| ReadError::Part {
            part: name.clone(),
            reason,
        };
        let mut file = archive.by_name(&name).map_err(|e| damaged(e.to_string()))?;
        let mut xml = String::new();
        // Escaped text is larger than the spec: a part over 8 times its limit is not ours.
        let limit = crate::spec::MAX_FILE_SIZE * 8;
        (&mut file)
            .take(limit + 1)
            .read_to_string(&mut xml)
            .map_err(|e| damaged(e.to_string()))?;
        if xml.len() as u64 > limit {
            return Err(damaged(format!("larger than {limit} bytes")));
        }
        if let Some(attachment) = parse_item(&xml).map_err(damaged)? {
            found.push(attachment);
        }
    }
    Ok(found)
}

/// One item: `Some` when it is motion's, `None` for another tool's data.
fn parse_item(xml: &str) -> Result<Option<Attachment>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut attachment: Option<Attachment> = None;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(start) if attachment.is_none() => {
                if start.local_name().as_ref() != "source" {
                    return Ok(None);
                }
                let mut ours = false;
                let mut name = None;
                let mut relation = Relation::Source;
                for attr in start.attributes().flatten() {
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::default())
                        .map_err(|e| e.to_string())?
                        .into_owned();
                    // A prefixed namespace (`xmlns:m="…"`), as a re-saving tool may write.
                    if attr.key.as_ref().starts_with("xmlns:") && value == NS {
                        ours = true;
                    }
                    match attr.key.local_name().as_ref() {
                        "xmlns" => ours = value == NS,
                        "name" => name = Some(value),
                        "relation" if value == "supplement" => relation = Relation::Supplement,
                        _ => {}
                    }
                }
                let (true, Some(name)) = (ours, name) else {
                    return Ok(None);
                };
                attachment = Some(Attachment {
                    name,
                    text: String::new(),
                    relation,
                });
            }
            Event::Start(_) => return Err("unexpected element inside <source>".into()),
            Event::Empty(_) if attachment.is_none() => return Ok(None),
            Event::Text(text) => {
                if let Some(a) = attachment.as_mut() {
                    // Entities come as their own events; line ends normalized as XML says.
                    a.text.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(a) = attachment.as_mut() {
                    let name = r.xml10_content();
                    match r.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c) => a.text.push(c),
                        None => a.text.push_str(
                            quick_xml::escape::resolve_predefined_entity(&name)
                                .ok_or_else(|| format!("unknown entity `&{name};`"))?,
                        ),
                    }
                }
            }
            Event::CData(data) => {
                if let Some(a) = attachment.as_mut() {
                    a.text.push_str(&data.xml10_content());
                }
            }
            Event::End(_) => return Ok(attachment),
            // The text ends inside <source>: cut short, not a whole spec.
            Event::Eof if attachment.is_some() => {
                return Err("the part ends inside <source>".into());
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_reads_back_as_written() {
        let a = Attachment {
            name: "forest.toml".into(),
            text: "title = \"Motion <contre> & « pour »\"\n\n# fin\r\n\ttab\n".into(),
            relation: Relation::Supplement,
        };
        let xml = String::from_utf8(item(&a)).unwrap();
        let back = parse_item(&xml).unwrap().unwrap();
        assert_eq!(back.text, a.text);
        assert_eq!(back.name, a.name);
        assert_eq!(back.relation, Relation::Supplement);
    }

    #[test]
    fn another_tools_item_is_skipped() {
        let xml = r#"<?xml version="1.0"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>"#;
        assert_eq!(parse_item(xml).unwrap(), None);
        let xml = r#"<source xmlns="urn:other">x</source>"#;
        assert_eq!(parse_item(xml).unwrap(), None);
    }

    #[test]
    fn a_part_cut_short_is_damaged_not_a_shorter_spec() {
        let xml = format!(r#"<source xmlns="{NS}" name="forest.toml">title = "Motion"#);
        assert!(parse_item(&xml).is_err());
    }

    #[test]
    fn ids_are_guids_and_differ_by_content() {
        let a = guid(&[b"a", b"b"]);
        assert_eq!(a.len(), 38);
        assert_ne!(a, guid(&[b"a", b"c"]));
        assert_eq!(a, guid(&[b"a", b"b"]));
    }
}

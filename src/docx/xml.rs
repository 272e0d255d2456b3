//! A thin writer over quick-xml: elements with attributes, escaped text, nothing else.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// An XML part being written.
pub struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    /// A new part with the standalone XML declaration Word writes.
    pub fn new() -> Xml {
        let mut writer = Writer::new(Vec::with_capacity(16 * 1024));
        // Writing into a Vec cannot fail.
        let _ = writer.write_event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )));
        Xml { writer }
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name.to_string());
        for &(key, value) in attrs {
            start.push_attribute((key, value));
        }
        start
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let _ = self
            .writer
            .write_event(Event::Start(Self::start(name, attrs)));
    }

    pub fn close(&mut self, name: &str) {
        let _ = self
            .writer
            .write_event(Event::End(BytesEnd::new(name.to_string())));
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let _ = self
            .writer
            .write_event(Event::Empty(Self::start(name, attrs)));
    }

    /// An element holding only escaped text.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    pub fn text(&mut self, text: &str) {
        let _ = self.writer.write_event(Event::Text(BytesText::new(text)));
    }

    pub fn finish(self) -> Vec<u8> {
        self.writer.into_inner()
    }
}

/// `w:val` attribute shorthand.
pub fn val(v: &str) -> [(&str, &str); 1] {
    [("w:val", v)]
}

//! A package read into a small element tree, with bounds on everything a
//! hostile file could inflate: its size, its depth, its element count.
//! A DTD is refused outright, so neither entity expansion ("billion
//! laughs") nor external entities can happen; only the five predefined
//! entities and character references are read.

use crate::error::EdxmlError;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// The namespace of QCVN 102:2016 (domain.md §11).
pub const NAMESPACE: &str = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_elements: usize,
}

impl Default for Limits {
    /// A document with its appendices is a few tens of MB of base64 at
    /// most; the envelope itself is a few hundred elements.
    fn default() -> Self {
        Limits {
            max_bytes: 200 * 1024 * 1024,
            max_depth: 24,
            max_elements: 50_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// As written: `edXML` for `edXML:Subject`, `None` when unprefixed.
    pub prefix: Option<String>,
    pub local: String,
    /// The namespace the name resolves to, if any.
    pub namespace: Option<String>,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
    /// For an element with children: its content in document order, which
    /// canonicalization needs (`c14n.rs`). Empty for a leaf, whose content
    /// is `text` alone (a large attachment is not held twice).
    pub pieces: Vec<Piece>,
    /// Slash-joined local names from the root, for located errors.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Child(usize),
}

impl Element {
    fn push_text(&mut self, s: &str) {
        self.text.push_str(s);
        if !self.children.is_empty() {
            match self.pieces.last_mut() {
                Some(Piece::Text(t)) => t.push_str(s),
                _ => self.pieces.push(Piece::Text(s.to_string())),
            }
        }
    }

    fn push_child(&mut self, child: Element) {
        if self.children.is_empty() && !self.text.is_empty() {
            self.pieces.push(Piece::Text(self.text.clone()));
        }
        self.pieces.push(Piece::Child(self.children.len()));
        self.children.push(child);
    }
}

impl Element {
    pub fn child(&self, local: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local == local)
    }

    pub fn children_named<'a>(&'a self, local: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.local == local)
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name || k.rsplit(':').next() == Some(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every element of the subtree, this one first.
    pub fn walk(&self, visit: &mut impl FnMut(&Element)) {
        visit(self);
        for c in &self.children {
            c.walk(visit);
        }
    }
}

pub fn read_tree(bytes: &[u8], limits: Limits) -> Result<Element, EdxmlError> {
    if bytes.len() > limits.max_bytes {
        return Err(EdxmlError::TooLarge {
            bytes: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| EdxmlError::Xml {
        offset: e.valid_up_to() as u64,
        why: "the package is not UTF-8".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = true;
    config.check_comments = true;

    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut elements = 0usize;
    loop {
        let xml_error = |reader: &NsReader<&[u8]>, why: String| EdxmlError::Xml {
            offset: reader.buffer_position(),
            why,
        };
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespace_of(ns), event),
            Err(e) => return Err(xml_error(&reader, e.to_string())),
        };
        match event {
            Event::Start(start) => {
                elements += 1;
                if elements > limits.max_elements {
                    return Err(EdxmlError::TooManyElements {
                        limit: limits.max_elements,
                    });
                }
                if stack.len() >= limits.max_depth {
                    return Err(EdxmlError::TooDeep {
                        at: stack.last().map(|e| e.path.clone()).unwrap_or_default(),
                        limit: limits.max_depth,
                    });
                }
                if root.is_some() {
                    return Err(xml_error(&reader, "content after the root element".into()));
                }
                let name = start.name();
                let local = name.local_name().as_ref().to_string();
                let prefix = name.prefix().map(|p| p.as_ref().to_string());
                let mut attributes = Vec::new();
                for a in start.attributes() {
                    let a = a.map_err(|e| xml_error(&reader, e.to_string()))?;
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| xml_error(&reader, e.to_string()))?;
                    attributes.push((a.key.as_ref().to_string(), value.into_owned()));
                }
                let path = match stack.last() {
                    Some(parent) => format!("{}/{}", parent.path, local),
                    None => local.clone(),
                };
                stack.push(Element {
                    prefix,
                    local,
                    namespace: ns,
                    attributes,
                    children: Vec::new(),
                    text: String::new(),
                    pieces: Vec::new(),
                    path,
                });
            }
            Event::End(_) => {
                let done = stack.pop().expect("end names are checked by the reader");
                match stack.last_mut() {
                    Some(parent) => parent.push_child(done),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                let s = t.xml10_content();
                match stack.last_mut() {
                    Some(open) => open.push_text(&s),
                    None if s.trim().is_empty() => {}
                    None => return Err(xml_error(&reader, "text outside the root element".into())),
                }
            }
            Event::CData(t) => {
                if let Some(open) = stack.last_mut() {
                    open.push_text(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(EdxmlError::Entity {
                                name: r.into_inner().into_owned(),
                            })
                        }
                    },
                    Err(e) => return Err(xml_error(&reader, e.to_string())),
                };
                if let Some(open) = stack.last_mut() {
                    open.push_text(&ch);
                }
            }
            Event::DocType(_) => return Err(EdxmlError::Dtd),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Empty(_) => unreachable!("empty elements are expanded"),
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(EdxmlError::Xml {
            offset: reader.buffer_position(),
            why: format!("the file ends inside <{}>", stack.last().unwrap().local),
        });
    }
    root.ok_or(EdxmlError::Xml {
        offset: 0,
        why: "no root element".into(),
    })
}

fn namespace_of(ns: ResolveResult<'_>) -> Option<String> {
    match ns {
        ResolveResult::Bound(n) => Some(n.as_ref().to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dtd_is_refused_so_no_entity_can_expand() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<edXML>&lol2;</edXML>"#;
        assert_eq!(
            read_tree(laughs.as_bytes(), Limits::default()),
            Err(EdxmlError::Dtd)
        );
        let external =
            r#"<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edXML>&xxe;</edXML>"#;
        assert_eq!(
            read_tree(external.as_bytes(), Limits::default()),
            Err(EdxmlError::Dtd)
        );
        // Without a DTD an unknown entity is still an error, not text.
        let e = read_tree(b"<edXML>&xxe;</edXML>", Limits::default()).unwrap_err();
        assert!(matches!(e, EdxmlError::Entity { .. }), "{e:?}");
    }

    #[test]
    fn depth_and_size_are_bounded() {
        let deep = "<a>".repeat(10_000) + &"</a>".repeat(10_000);
        let e = read_tree(deep.as_bytes(), Limits::default()).unwrap_err();
        assert!(matches!(e, EdxmlError::TooDeep { .. }), "{e:?}");
        let small = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        let e = read_tree(b"<edXML>0123456789</edXML>", small).unwrap_err();
        assert!(matches!(e, EdxmlError::TooLarge { .. }), "{e:?}");
    }

    #[test]
    fn names_keep_their_prefix_and_resolve_their_namespace() {
        let xml = format!(
            r#"<edXML xmlns="{NAMESPACE}"><edXML:A xmlns:edXML="{NAMESPACE}">x &amp; y &#273;</edXML:A><B/></edXML>"#
        );
        let t = read_tree(xml.as_bytes(), Limits::default()).unwrap();
        let a = t.child("A").unwrap();
        assert_eq!(a.prefix.as_deref(), Some("edXML"));
        assert_eq!(a.namespace.as_deref(), Some(NAMESPACE));
        assert_eq!(a.text, "x & y đ");
        assert_eq!(a.path, "edXML/A");
        let b = t.child("B").unwrap();
        assert_eq!(b.prefix, None);
        assert_eq!(b.namespace.as_deref(), Some(NAMESPACE));
    }
}

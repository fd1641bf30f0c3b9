//! Exclusive XML canonicalization without comments (W3C
//! `http://www.w3.org/2001/10/xml-exc-c14n#`), over the element tree: what
//! the XML signature of a package digests and signs (`signature.rs`).
//!
//! The rules applied: no XML declaration, comments or processing
//! instructions; empty elements as a start and an end tag; a namespace
//! declaration only where its prefix (or the default namespace) is used by
//! the element or one of its attributes and no output ancestor already
//! declared it with that value; declarations sorted by prefix before the
//! attributes, attributes sorted by namespace URI then local name; text
//! escaped as `&amp; &lt; &gt; &#xD;`, attribute values as
//! `&amp; &lt; &quot; &#x9; &#xA; &#xD;`.

use crate::tree::{Element, Piece};
use std::collections::BTreeMap;

/// Namespace bindings in scope (declared in the input), and those already
/// rendered in the output, both by prefix ("" is the default namespace).
#[derive(Clone, Default)]
struct Scope {
    declared: BTreeMap<String, String>,
    rendered: BTreeMap<String, String>,
}

/// The canonical bytes of `element` and its subtree, `skip` leaving out
/// elements (the signature itself, for the enveloped transform). The
/// namespaces declared above `element` are passed as `inherited`.
pub fn canonicalize(
    element: &Element,
    inherited: &[(String, String)],
    skip: &dyn Fn(&Element) -> bool,
) -> Vec<u8> {
    let mut scope = Scope::default();
    for (p, uri) in inherited {
        scope.declared.insert(p.clone(), uri.clone());
    }
    let mut out = String::with_capacity(element.text.len() + 4096);
    write(element, &scope, skip, &mut out);
    out.into_bytes()
}

/// The namespace declarations an element makes, by prefix.
pub fn declarations(e: &Element) -> Vec<(String, String)> {
    e.attributes
        .iter()
        .filter_map(|(k, v)| {
            if k == "xmlns" {
                Some((String::new(), v.clone()))
            } else {
                k.strip_prefix("xmlns:").map(|p| (p.to_string(), v.clone()))
            }
        })
        .collect()
}

fn write(e: &Element, parent: &Scope, skip: &dyn Fn(&Element) -> bool, out: &mut String) {
    let mut scope = parent.clone();
    for (p, uri) in declarations(e) {
        scope.declared.insert(p, uri);
    }
    let name = match &e.prefix {
        Some(p) => format!("{p}:{}", e.local),
        None => e.local.clone(),
    };
    // Visibly utilized prefixes: the element's own, and its attributes'.
    let mut used: Vec<String> = vec![e.prefix.clone().unwrap_or_default()];
    let attributes: Vec<(&str, &str)> = e
        .attributes
        .iter()
        .filter(|(k, _)| k != "xmlns" && !k.starts_with("xmlns:"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    for (k, _) in &attributes {
        if let Some((p, _)) = k.split_once(':') {
            if p != "xml" {
                used.push(p.to_string());
            }
        }
    }
    used.sort();
    used.dedup();
    let mut ns_out: Vec<(String, String)> = Vec::new();
    for p in used {
        let uri = scope.declared.get(&p).cloned().unwrap_or_default();
        let already = scope.rendered.get(&p).cloned().unwrap_or_default();
        // The empty default namespace needs no declaration unless an
        // output ancestor rendered a non-empty one.
        if uri != already {
            ns_out.push((p.clone(), uri.clone()));
            scope.rendered.insert(p, uri);
        }
    }
    out.push('<');
    out.push_str(&name);
    for (p, uri) in &ns_out {
        if p.is_empty() {
            out.push_str(" xmlns=\"");
        } else {
            out.push_str(" xmlns:");
            out.push_str(p);
            out.push_str("=\"");
        }
        escape_attr(uri, out);
        out.push('"');
    }
    let mut sorted: Vec<(String, &str, &str, &str)> = attributes
        .iter()
        .map(|(k, v)| {
            let (uri, local) = match k.split_once(':') {
                Some(("xml", l)) => ("http://www.w3.org/XML/1998/namespace".to_string(), l),
                Some((p, l)) => (scope.declared.get(p).cloned().unwrap_or_default(), l),
                None => (String::new(), *k),
            };
            (uri, local, *k, *v)
        })
        .collect();
    sorted.sort_by(|a, b| (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1)));
    for (_, _, k, v) in sorted {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        escape_attr(v, out);
        out.push('"');
    }
    out.push('>');
    if e.children.is_empty() {
        escape_text(&e.text, out);
    } else {
        for piece in &e.pieces {
            match piece {
                Piece::Text(t) => escape_text(t, out),
                Piece::Child(i) => {
                    let c = &e.children[*i];
                    if !skip(c) {
                        write(c, &scope, skip, out);
                    }
                }
            }
        }
    }
    out.push_str("</");
    out.push_str(&name);
    out.push('>');
}

fn escape_text(s: &str, out: &mut String) {
    if !s.contains(['&', '<', '>', '\r']) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{read_tree, Limits};

    fn c14n(xml: &str) -> String {
        let t = read_tree(xml.as_bytes(), Limits::default()).unwrap();
        String::from_utf8(canonicalize(&t, &[], &|_| false)).unwrap()
    }

    #[test]
    fn the_exclusive_rules_hold_on_small_documents() {
        // Unused declarations dropped, empty element expanded, attributes
        // sorted, a used prefix declared once at its first use.
        assert_eq!(
            c14n(
                r#"<a xmlns="urn:d" xmlns:x="urn:x" xmlns:unused="urn:u" b="2" a="1"><x:c/><x:c x:k="&lt;&quot;"/></a>"#
            ),
            r#"<a xmlns="urn:d" a="1" b="2"><x:c xmlns:x="urn:x"></x:c><x:c xmlns:x="urn:x" x:k="&lt;&quot;"></x:c></a>"#
        );
        // Text escaping and whitespace kept as it is.
        assert_eq!(
            c14n("<a>\n  <b>x &amp; y &gt; z</b>\n</a>"),
            "<a>\n  <b>x &amp; y &gt; z</b>\n</a>"
        );
        // An attribute in a namespace sorts after the unqualified ones.
        assert_eq!(
            c14n(r#"<a xmlns:z="urn:a" z:q="1" b="2"/>"#),
            r#"<a xmlns:z="urn:a" b="2" z:q="1"></a>"#
        );
    }

    #[test]
    fn a_skipped_element_leaves_its_surroundings_untouched() {
        let t = read_tree(b"<a><b>1</b><s><x/></s><c/></a>", Limits::default()).unwrap();
        let out = canonicalize(&t, &[], &|e| e.local == "s");
        assert_eq!(String::from_utf8(out).unwrap(), "<a><b>1</b><c></c></a>");
    }
}

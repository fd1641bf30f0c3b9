//! An incremental update (ISO 32000-1 §7.5.6): new and changed objects, a
//! cross-reference section in the same form as the file's last one, and
//! a trailer pointing back with /Prev. The original bytes are untouched.

use crate::pdf::file::PdfFile;
use crate::pdf::write_object::{write_dictionary, write_object};
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::BTreeMap;

pub struct Update<'a> {
    file: &'a PdfFile,
    next_id: u32,
    objects: BTreeMap<ObjectId, Vec<u8>>,
}

/// The appended file and where each written object starts in it.
pub struct Appended {
    pub bytes: Vec<u8>,
    pub offsets: BTreeMap<ObjectId, usize>,
}

impl<'a> Update<'a> {
    pub fn new(file: &'a PdfFile) -> Update<'a> {
        let size = file
            .doc
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .unwrap_or(0)
            .max(0) as u32;
        Update {
            file,
            next_id: size.max(file.doc.max_id + 1).max(1),
            objects: BTreeMap::new(),
        }
    }

    pub fn reserve(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    pub fn add(&mut self, obj: &Object) -> ObjectId {
        let id = self.reserve();
        self.set(id, obj);
        id
    }

    pub fn set(&mut self, id: ObjectId, obj: &Object) {
        let mut out = Vec::new();
        write_object(&mut out, obj);
        self.objects.insert(id, out);
    }

    /// An object written as given: the signature dictionary, whose
    /// placeholders are patched after the file is laid out.
    pub fn set_raw(&mut self, id: ObjectId, bytes: Vec<u8>) {
        self.objects.insert(id, bytes);
    }

    pub fn finish(mut self) -> Appended {
        let file = self.file;
        let mut bytes = file.bytes.clone();
        if !bytes.ends_with(b"\n") && !bytes.ends_with(b"\r") {
            bytes.push(b'\n');
        }
        let xref_id = file.xref_stream.then(|| self.reserve());
        let mut offsets = BTreeMap::new();
        for (id, body) in &self.objects {
            offsets.insert(*id, bytes.len());
            bytes.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
            bytes.extend_from_slice(body);
            bytes.extend_from_slice(b"\nendobj\n");
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(self.next_id as i64));
        for key in [b"Root".as_slice(), b"Info", b"ID"] {
            if let Ok(v) = file.doc.trailer.get(key) {
                trailer.set(key.to_vec(), v.clone());
            }
        }
        trailer.set("Prev", Object::Integer(file.startxref as i64));
        let xref_at = bytes.len();
        match xref_id {
            None => {
                bytes.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
                for run in runs(&offsets) {
                    bytes.extend_from_slice(format!("{} {}\n", run[0].0 .0, run.len()).as_bytes());
                    for (id, off) in run {
                        bytes.extend_from_slice(format!("{off:010} {:05} n \n", id.1).as_bytes());
                    }
                }
                bytes.extend_from_slice(b"trailer\n");
                write_dictionary(&mut bytes, &trailer);
                bytes.push(b'\n');
            }
            Some(xid) => {
                offsets.insert(xid, xref_at);
                let mut index = Vec::new();
                let mut data = Vec::new();
                for run in runs(&offsets) {
                    index.push(Object::Integer(run[0].0 .0 as i64));
                    index.push(Object::Integer(run.len() as i64));
                    for (id, off) in run {
                        data.push(1u8);
                        data.extend_from_slice(&(off as u32).to_be_bytes());
                        data.extend_from_slice(&id.1.to_be_bytes());
                    }
                }
                let mut dict = trailer;
                dict.set("Type", Object::Name(b"XRef".to_vec()));
                dict.set("W", Object::Array(vec![1.into(), 4.into(), 2.into()]));
                dict.set("Index", Object::Array(index));
                dict.set("Length", Object::Integer(data.len() as i64));
                bytes.extend_from_slice(format!("{} {} obj\n", xid.0, xid.1).as_bytes());
                write_dictionary(&mut bytes, &dict);
                bytes.extend_from_slice(b"\nstream\n");
                bytes.extend_from_slice(&data);
                bytes.extend_from_slice(b"\nendstream\nendobj\n");
            }
        }
        bytes.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
        Appended { bytes, offsets }
    }
}

/// Consecutive object numbers, as xref subsections.
fn runs(offsets: &BTreeMap<ObjectId, usize>) -> Vec<Vec<(ObjectId, usize)>> {
    let mut out: Vec<Vec<(ObjectId, usize)>> = Vec::new();
    for (id, off) in offsets {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|(last, _)| last.0 + 1 == id.0) => {
                run.push((*id, *off))
            }
            _ => out.push(vec![(*id, *off)]),
        }
    }
    out
}

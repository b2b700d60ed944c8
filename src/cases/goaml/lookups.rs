//! The lookup lists (goAML's named simpleTypes with enumerations): built in
//! from the published generic schema, or read from a host's own FIU schema.
//!
//! The published generic schema empties every list an FIU fills itself
//! (`report_indicator_type` allows only `-`); a host's own schema has them
//! filled. [`Lookups::from_xsd`] reads every top-level `xs:simpleType` with
//! `xs:enumeration`s from it, with roxmltree (no DTD: no entity expansion),
//! and replaces the built-in list of the same name. A list the host schema
//! does not enumerate stays as built in.

use crate::error::{quote, Error};

use super::schema::LOOKUPS;

const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// The lookup lists a report is checked against.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lookups {
    /// Lists read from a host schema, replacing the built-in ones.
    host: Vec<(&'static str, Vec<String>)>,
}

impl Lookups {
    /// The built-in lists (the generic schema's).
    pub(crate) fn builtin() -> Lookups {
        Lookups::default()
    }

    /// The built-in lists, with those of the host schema `xsd` in their
    /// place. An error (path `""`) when `xsd` is not XML or not an XML
    /// Schema.
    pub(crate) fn from_xsd(xsd: &str) -> Result<Lookups, Error> {
        let doc = roxmltree::Document::parse(xsd)
            .map_err(|e| Error::record("", format!("the host schema is not well-formed XML: {e}")))?;
        let root = doc.root_element();
        if !(root.tag_name().name() == "schema" && root.tag_name().namespace() == Some(XS)) {
            return Err(Error::record("", "the host schema's root is not an xs:schema element"));
        }
        let mut host = Vec::new();
        for simple in root.children().filter(|n| is_xs(n, "simpleType")) {
            let Some(name) = simple.attribute("name") else { continue };
            // Only the lists the tables use; the schema's other types do not
            // matter to the report.
            let Some(&(known, _)) = LOOKUPS.iter().find(|(n, _)| *n == name) else { continue };
            let codes: Vec<String> = simple
                .children()
                .filter(|n| is_xs(n, "restriction"))
                .flat_map(|r| r.children().filter(|n| is_xs(n, "enumeration")))
                .filter_map(|e| e.attribute("value").map(str::to_string))
                .collect();
            if !codes.is_empty() {
                host.push((known, codes));
            }
        }
        Ok(Lookups { host })
    }

    /// Whether `code` is in the list `name`.
    pub(crate) fn contains(&self, name: &str, code: &str) -> bool {
        match self.host.iter().find(|(n, _)| *n == name) {
            Some((_, codes)) => codes.iter().any(|c| c == code),
            None => builtin(name).contains(&code),
        }
    }

    /// The codes of the list `name`, in the schema's order.
    pub(crate) fn codes(&self, name: &str) -> Vec<&str> {
        match self.host.iter().find(|(n, _)| *n == name) {
            Some((_, codes)) => codes.iter().map(String::as_str).collect(),
            None => builtin(name).to_vec(),
        }
    }

    /// An error at `path` unless `code` is in the list `name`; `element`
    /// names the element in the message.
    pub(crate) fn check(&self, name: &str, code: &str, element: &str, path: &str) -> Result<(), Error> {
        if self.contains(name, code) {
            return Ok(());
        }
        Err(Error::record(
            path,
            format!("{element} {} must be one of the schema's {name} codes ({})", quote(code), self.shown(name)),
        ))
    }

    /// The first codes of a list, for a message.
    fn shown(&self, name: &str) -> String {
        const SHOWN: usize = 12;
        let codes = self.codes(name);
        let mut out = codes.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
        if codes.len() > SHOWN {
            out.push_str(&format!(", … {} codes in all", codes.len()));
        }
        out
    }
}

fn builtin(name: &str) -> &'static [&'static str] {
    LOOKUPS.iter().find(|(n, _)| *n == name).map_or(&[], |(_, codes)| codes)
}

fn is_xs(node: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(XS)
}

//! Explanation templates: text with `{placeholder}`s and `[...]` groups
//! that render only when every placeholder inside has a value.

#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
use crate::error::Error;

/// A placeholder of an explanation template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placeholder {
    Amount,
    AmountConverted,
    AmountInBand,
    Band,
    Terms,
    Matched,
    Pattern,
    Corridor,
    SenderCountry,
    ReceiverCountry,
    Channel,
    Hour,
    Mcc,
    Merchant,
    Indicators,
    History,
    Discount,
    Facts,
}

pub(crate) const PLACEHOLDERS: [(&str, Placeholder); 18] = [
    ("amount", Placeholder::Amount),
    ("amountConverted", Placeholder::AmountConverted),
    ("amountInBand", Placeholder::AmountInBand),
    ("band", Placeholder::Band),
    ("terms", Placeholder::Terms),
    ("matched", Placeholder::Matched),
    ("pattern", Placeholder::Pattern),
    ("corridor", Placeholder::Corridor),
    ("senderCountry", Placeholder::SenderCountry),
    ("receiverCountry", Placeholder::ReceiverCountry),
    ("channel", Placeholder::Channel),
    ("hour", Placeholder::Hour),
    ("mcc", Placeholder::Mcc),
    ("merchant", Placeholder::Merchant),
    ("indicators", Placeholder::Indicators),
    ("history", Placeholder::History),
    ("discount", Placeholder::Discount),
    ("facts", Placeholder::Facts),
];

/// A parsed explanation template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    Text(String),
    Hole(Placeholder),
    /// A `[...]` group, dropped when one of its placeholders has no value.
    Optional(Vec<Segment>),
}

#[cfg(feature = "tools")]
pub(crate) fn parse_template(text: &str, path: &str) -> Result<Vec<Segment>, Error> {
    // `[ ... ]` is an optional group: it renders only when every placeholder
    // inside has a value, so "(channel {channel}[; merchant {merchant}])"
    // never shows a dangling "merchant -". Groups do not nest.
    let mut out = Vec::new();
    let mut rest = text;
    // `split_once` rather than slicing by index throughout this module: a
    // slice that can panic brings core's panic message formatting, with its
    // Unicode tables, into the wasm module.
    while let Some((before, after)) = rest.split_once('[') {
        out.extend(parse_holes(before, path)?);
        let (inner, tail) =
            after.split_once(']').ok_or_else(|| Error::pack(path, "an optional group \"[\" is never closed"))?;
        if inner.contains('[') {
            return Err(Error::pack(path, "optional groups \"[...]\" cannot nest"));
        }
        out.push(Segment::Optional(parse_holes(inner, path)?));
        rest = tail;
    }
    if rest.contains(']') {
        return Err(Error::pack(path, "\"]\" closes no optional group"));
    }
    out.extend(parse_holes(rest, path)?);
    Ok(out)
}

#[cfg(feature = "tools")]
/// Literal text and `{placeholder}`s.
fn parse_holes(text: &str, path: &str) -> Result<Vec<Segment>, Error> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        lit.push_str(before);
        match after.split_once('}') {
            Some((name, tail)) if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) => {
                let hole = PLACEHOLDERS.iter().find(|(n, _)| *n == name).map(|&(_, p)| p).ok_or_else(|| {
                    Error::pack(
                        path,
                        format!(
                            "unknown placeholder {{{name}}}; known: {}",
                            PLACEHOLDERS.map(|(n, _)| format!("{{{n}}}")).join(", ")
                        ),
                    )
                })?;
                if !lit.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut lit)));
                }
                out.push(Segment::Hole(hole));
                rest = tail;
            }
            _ => {
                lit.push('{');
                rest = after;
            }
        }
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        out.push(Segment::Text(lit));
    }
    Ok(out)
}

impl Placeholder {
    /// The name a template writes between braces.
    pub(crate) fn name(self) -> &'static str {
        PLACEHOLDERS.iter().find(|(_, p)| *p == self).map_or("", |(n, _)| n)
    }

    /// The placeholder of a name.
    pub(crate) fn parse(name: &str) -> Option<Placeholder> {
        PLACEHOLDERS.iter().find(|(n, _)| *n == name).map(|&(_, p)| p)
    }
}

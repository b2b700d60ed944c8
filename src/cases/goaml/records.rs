//! Host records (`entity.json`, `parties.json`) checked against the goAML
//! schema's types, and put into the schema's order for writing.
//!
//! A record is JSON whose keys are goAML's element names. The checker walks
//! the type's content in schema order (the tables in `schema.rs`), so the
//! report writes the elements in that order whatever the JSON's key order.
//! It refuses, with the record's JSON pointer and a message that names the
//! element, the value and the rule:
//!
//! * a key that is no element of the type (keys starting with `_` are
//!   comments and are skipped, as in packs);
//! * a required element that is missing (`null` counts as missing);
//! * a repeated element (maxOccurs above 1) that is not a JSON array, or has
//!   too many or too few items; a single element given as an array;
//! * text longer or shorter than its length facets (in characters, as XSD
//!   counts them);
//! * a code that is not in its lookup list;
//! * a date that is not `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` from 1753 on;
//! * a decimal outside its range or with too many decimals;
//! * a choice given two branches, or none when one is required; an optional
//!   group (`passport_number` with `passport_country`) given in part
//!   without its required elements.

use crate::error::{join, join_index, quote, Error};
use crate::json::Value as Json;

use super::lookups::Lookups;
use super::schema::TYPES;

/// `max` of an element that may repeat without limit.
pub(crate) const UNBOUNDED: u32 = u32::MAX;

/// A complex type: its content in schema order.
#[derive(Debug)]
pub(crate) struct Type {
    pub(crate) name: &'static str,
    pub(crate) content: &'static [Particle],
}

/// One part of a type's content.
#[derive(Debug)]
pub(crate) enum Particle {
    Element(Element),
    /// A group whose required elements are required only when the group is
    /// there (min 0), or always (min 1).
    Sequence(u32, &'static [Particle]),
    /// One of its branches: at most one (min 0) or exactly one (min 1).
    Choice(u32, &'static [Particle]),
}

/// An element of a type.
#[derive(Debug)]
pub(crate) struct Element {
    pub(crate) name: &'static str,
    pub(crate) min: u32,
    pub(crate) max: u32,
    pub(crate) value: Value,
}

/// What an element holds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Value {
    /// Text of `min` to `max` characters.
    Text { min: u32, max: u32 },
    /// A code of the named lookup list.
    Lookup(&'static str),
    /// `sql_date`: an `xs:dateTime` from 1753-01-01 on.
    Date,
    /// A decimal from `min` to `max` with at most `digits` decimals (0: a
    /// whole number written without a point; [`UNBOUNDED`]: any).
    Decimal { min: i64, max: i64, digits: u32 },
    /// `true` or `false`.
    Bool,
    /// A boolean the schema fixes: only that value may be given.
    Fixed(bool),
    /// The named complex type.
    Complex(&'static str),
}

pub(crate) const fn el(name: &'static str, min: u32, max: u32, value: Value) -> Particle {
    Particle::Element(Element { name, min, max, value })
}

pub(crate) const fn seq(min: u32, items: &'static [Particle]) -> Particle {
    Particle::Sequence(min, items)
}

pub(crate) const fn choice(min: u32, items: &'static [Particle]) -> Particle {
    Particle::Choice(min, items)
}

/// The type with this name in the tables.
pub(crate) fn find_type(name: &str) -> Option<&'static Type> {
    TYPES.iter().find(|t| t.name == name)
}

/// A checked element, ready to write: text, or children in schema order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    pub(crate) name: &'static str,
    pub(crate) content: Content,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Content {
    Text(String),
    Children(Vec<Node>),
}

impl Node {
    pub(crate) fn text(name: &'static str, text: impl Into<String>) -> Node {
        Node { name, content: Content::Text(text.into()) }
    }

    pub(crate) fn parent(name: &'static str, children: Vec<Node>) -> Node {
        Node { name, content: Content::Children(children) }
    }
}

/// Checks `value` (at `path`) against the type `ty` and returns its
/// elements in schema order.
pub(crate) fn check(ty: &'static str, value: &Json, path: &str, lookups: &Lookups) -> Result<Vec<Node>, Error> {
    let Some(t) = find_type(ty) else {
        // The tables name only types they hold (a generated-code test
        // checks it); refuse rather than panic all the same.
        return Err(Error::record(path, format!("no table for the goAML type {ty}")));
    };
    let Json::Object(object) = value else {
        return Err(Error::record(path, format!("expected a {ty} object, found {}", value.type_name())));
    };
    for (key, _) in object.iter() {
        if !key.starts_with('_') && !declares(t.content, key) {
            return Err(Error::record(
                join(path, key),
                format!("unknown element {} in {ty} (goAML 5.0.1 has no such element there)", quote(key)),
            ));
        }
    }
    let mut out = Vec::new();
    let mut c = Checker { ty, object, path, lookups, out: &mut out };
    c.particles(t.content)?;
    Ok(out)
}

/// Whether `name` is an element of these particles.
fn declares(particles: &[Particle], name: &str) -> bool {
    particles.iter().any(|p| match p {
        Particle::Element(e) => e.name == name,
        Particle::Sequence(_, items) | Particle::Choice(_, items) => declares(items, name),
    })
}

/// The element names of these particles, in schema order.
fn names(particles: &[Particle], out: &mut Vec<&'static str>) {
    for p in particles {
        match p {
            Particle::Element(e) => out.push(e.name),
            Particle::Sequence(_, items) | Particle::Choice(_, items) => names(items, out),
        }
    }
}

/// Whether a particle may match nothing.
fn emptiable(p: &Particle) -> bool {
    match p {
        Particle::Element(e) => e.min == 0,
        Particle::Sequence(min, items) => *min == 0 || items.iter().all(emptiable),
        Particle::Choice(min, items) => *min == 0 || items.iter().any(emptiable),
    }
}

struct Checker<'a> {
    ty: &'static str,
    object: &'a crate::json::Object,
    path: &'a str,
    lookups: &'a Lookups,
    out: &'a mut Vec<Node>,
}

impl<'a> Checker<'a> {
    /// The member `name`, `null` read as absent.
    fn get(&self, name: &str) -> Option<&'a Json> {
        self.object.get(name).filter(|v| !matches!(v, Json::Null))
    }

    /// The first element of these particles that the record gives.
    fn given(&self, particles: &[Particle]) -> Option<&'static str> {
        let mut all = Vec::new();
        names(particles, &mut all);
        all.into_iter().find(|n| self.get(n).is_some())
    }

    fn particles(&mut self, particles: &'static [Particle]) -> Result<(), Error> {
        for p in particles {
            self.particle(p)?;
        }
        Ok(())
    }

    fn particle(&mut self, p: &'static Particle) -> Result<(), Error> {
        match p {
            Particle::Element(e) => self.element(e),
            Particle::Sequence(min, items) => {
                if *min == 0 && self.given(items).is_none() {
                    return Ok(());
                }
                self.particles(items)
            }
            Particle::Choice(min, items) => {
                let present: Vec<(&'static Particle, &'static str)> =
                    items.iter().filter_map(|b| self.given(std::slice::from_ref(b)).map(|n| (b, n))).collect();
                match present.as_slice() {
                    [] if *min > 0 && !items.iter().any(emptiable) => {
                        let mut all = Vec::new();
                        names(items, &mut all);
                        let first = all.first().copied().unwrap_or_default();
                        Err(Error::record(
                            join(self.path, first),
                            format!("one of {} is required by {}", all.join(", "), self.ty),
                        ))
                    }
                    [] => Ok(()),
                    [(branch, _)] => self.particle_required(branch),
                    [(_, a), (_, b), ..] => Err(Error::record(
                        join(self.path, b),
                        format!("{a} and {b} cannot both be given: {} takes only one of them", self.ty),
                    )),
                }
            }
        }
    }

    /// A choice's branch that the record gives: its own rules apply.
    fn particle_required(&mut self, p: &'static Particle) -> Result<(), Error> {
        match p {
            Particle::Sequence(_, items) => self.particles(items),
            other => self.particle(other),
        }
    }

    fn element(&mut self, e: &'static Element) -> Result<(), Error> {
        let path = join(self.path, e.name);
        let Some(v) = self.get(e.name) else {
            if e.min > 0 {
                return Err(Error::record(path, format!("{} is required by {}", e.name, self.ty)));
            }
            return Ok(());
        };
        if e.max > 1 {
            let Json::Array(items) = v else {
                return Err(Error::record(
                    path,
                    format!("{} repeats in {}: expected an array, found {}", e.name, self.ty, v.type_name()),
                ));
            };
            if (items.len() as u64) < u64::from(e.min) {
                return Err(Error::record(
                    path,
                    format!("{} needs at least {} item(s) in {}, found {}", e.name, e.min, self.ty, items.len()),
                ));
            }
            if e.max != UNBOUNDED && items.len() as u64 > u64::from(e.max) {
                return Err(Error::record(
                    path,
                    format!("{} takes at most {} item(s) in {}, found {}", e.name, e.max, self.ty, items.len()),
                ));
            }
            for (i, item) in items.iter().enumerate() {
                let node = value(e, item, &join_index(&path, i), self.lookups)?;
                self.out.push(node);
            }
            return Ok(());
        }
        if let Json::Array(_) = v {
            return Err(Error::record(
                path,
                format!("{} occurs once in {}: expected one value, found an array", e.name, self.ty),
            ));
        }
        let node = value(e, v, &path, self.lookups)?;
        self.out.push(node);
        Ok(())
    }
}

/// One value of element `e`.
fn value(e: &'static Element, v: &Json, path: &str, lookups: &Lookups) -> Result<Node, Error> {
    let name = e.name;
    let text = |v: &Json| -> Result<String, Error> {
        match v {
            Json::String(s) => Ok(s.clone()),
            other => Err(Error::record(path, format!("{name}: expected a string, found {}", other.type_name()))),
        }
    };
    Ok(match e.value {
        Value::Text { min, max } => {
            let s = text(v)?;
            let n = s.chars().count() as u64;
            if n < u64::from(min) {
                return Err(Error::record(path, format!("{name} {} is shorter than {min} character(s)", quote(&s))));
            }
            if max != UNBOUNDED && n > u64::from(max) {
                return Err(Error::record(
                    path,
                    format!("{name} {} is {n} characters long; the schema allows at most {max}", quote(&s)),
                ));
            }
            Node::text(name, s)
        }
        Value::Lookup(list) => {
            let s = text(v)?;
            lookups.check(list, &s, name, path)?;
            Node::text(name, s)
        }
        Value::Date => {
            let s = text(v)?;
            match sql_date(&s) {
                Some(d) => Node::text(name, d),
                None => {
                    return Err(Error::record(
                        path,
                        format!(
                            "{name} {} must be a date YYYY-MM-DD or a date and time YYYY-MM-DDTHH:MM:SS, from 1753 on (sql_date)",
                            quote(&s)
                        ),
                    ))
                }
            }
        }
        Value::Decimal { min, max, digits } => {
            let s = match v {
                Json::String(s) | Json::Number(s) => s.clone(),
                other => {
                    return Err(Error::record(path, format!("{name}: expected a number, found {}", other.type_name())))
                }
            };
            if !decimal_in(&s, min, max, digits) {
                let form = if digits == 0 { "a whole number" } else { "a decimal number" };
                let places = if digits == 0 || digits == UNBOUNDED {
                    String::new()
                } else {
                    format!(" with at most {digits} decimals")
                };
                return Err(Error::record(
                    path,
                    format!("{name} {} must be {form} from {min} to {max}{places}", quote(&s)),
                ));
            }
            Node::text(name, s)
        }
        Value::Bool => match v {
            Json::Bool(b) => Node::text(name, if *b { "true" } else { "false" }),
            other => {
                return Err(Error::record(path, format!("{name}: expected true or false, found {}", other.type_name())))
            }
        },
        Value::Fixed(fixed) => match v {
            Json::Bool(b) if *b == fixed => Node::text(name, if fixed { "true" } else { "false" }),
            _ => {
                return Err(Error::record(
                    path,
                    format!("{name} is fixed to {fixed} by the schema: give {fixed} or leave it out"),
                ))
            }
        },
        Value::Complex(ty) => Node::parent(name, check(ty, v, path, lookups)?),
    })
}

/// `text` as an `sql_date`: `YYYY-MM-DDTHH:MM:SS` as it is, `YYYY-MM-DD` at
/// midnight; a real calendar date from 1753 on. `None` otherwise.
pub(crate) fn sql_date(text: &str) -> Option<String> {
    let full = match text.len() {
        10 => format!("{text}T00:00:00"),
        19 => text.to_string(),
        _ => return None,
    };
    let b = full.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = b.get(r)?;
        if !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(s.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
    };
    let shape = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if shape.iter().any(|&(i, c)| b.get(i) != Some(&c)) {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let days = crate::transaction::days_in_month(year, month)?;
    let ok = year >= 1753 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
    ok.then_some(full)
}

/// Whether `text` is `-?digits[.digits]` within `min..=max` with at most
/// `digits` decimals (none and no point when `digits` is 0).
pub(crate) fn decimal_in(text: &str, min: i64, max: i64, digits: u32) -> bool {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) {
        return false;
    }
    if let Some(f) = frac {
        if digits == 0 || !all_digits(f) {
            return false;
        }
        let significant = f.trim_end_matches('0').len() as u64;
        if digits != UNBOUNDED && significant > u64::from(digits) {
            return false;
        }
    }
    let int = int.trim_start_matches('0');
    // Past 19 digits it is out of any i64 range.
    if int.len() > 19 {
        return false;
    }
    let Ok(whole) = int.parse::<i128>().or_else(|e| if int.is_empty() { Ok(0) } else { Err(e) }) else {
        return false;
    };
    let fraction = frac.is_some_and(|f| f.bytes().any(|b| b != b'0'));
    let value = if negative { -whole } else { whole };
    // The value lies in [value, value + 1) (or (value - 1, value] when
    // negative) when it has a fraction.
    let low_ok = if negative && fraction { value > i128::from(min) } else { value >= i128::from(min) };
    let high_ok = if !negative && fraction { value < i128::from(max) } else { value <= i128::from(max) };
    low_ok && high_ok
}

//! Deltas: the changes that take a pack from one version to the next.
//!
//! A delta names the pack it applies to by id, version and digest, and
//! the version it makes. It adds, modifies (replaces) and removes sources
//! and indicators by `id`, and term lists, watchlists and discounts by name. Applying it is all or
//! nothing: every removed or modified entry must exist, every added one
//! must not, and the result must load as a pack; otherwise the delta is
//! refused and the pack in use is untouched. The format is in
//! `docs/PACKS.md`, "Updates".

use crate::error::{join, join_index, quote, Error, ErrorKind};
use crate::json::{self, Fields, Object, Value};

/// A delta's changes to one keyed collection.
#[derive(Debug, Default)]
struct Changes<'a> {
    add: Vec<(String, &'a Value)>,
    modify: Vec<(String, &'a Value)>,
    remove: Vec<&'a str>,
    /// The delta's JSON pointer of this collection.
    path: String,
}

/// A parsed delta.
#[derive(Debug)]
pub(crate) struct Delta<'a> {
    pub(crate) pack: &'a str,
    pub(crate) from_version: &'a str,
    from_digest: &'a str,
    pub(crate) to_version: &'a str,
    to_published: Option<&'a str>,
    sources: Changes<'a>,
    indicators: Changes<'a>,
    lists: Changes<'a>,
    watchlists: Changes<'a>,
    discounts: Changes<'a>,
}

fn fields<'a>(value: &'a Value, path: &str, what: &str) -> Result<Fields<'a>, Error> {
    Fields::new(value, path, ErrorKind::InvalidPack, what)
}

/// Reads `{add, modify, remove}` at `path`. Keyed by `id` inside each item
/// (`by_name` false) or by the member name of an object (term lists,
/// watchlists).
fn changes<'a>(value: Option<&'a Value>, path: &str, by_name: bool) -> Result<Changes<'a>, Error> {
    let mut out = Changes { path: path.to_string(), ..Changes::default() };
    let Some(value) = value else { return Ok(out) };
    let mut o = fields(value, path, "a changes object ({add, modify, remove})")?;
    if let Some(v) = o.get("add") {
        out.add = entries(v, &join(path, "add"), by_name)?;
    }
    if let Some(v) = o.get("modify") {
        out.modify = entries(v, &join(path, "modify"), by_name)?;
    }
    if let Some(v) = o.get("remove") {
        let at = join(path, "remove");
        for (i, id) in json::array(v, &at, ErrorKind::InvalidPack)?.iter().enumerate() {
            out.remove.push(json::string(id, &join_index(&at, i), ErrorKind::InvalidPack)?);
        }
    }
    o.finish(None)?;
    Ok(out)
}

/// The entries added or modified at `at`, with their keys: an object's
/// members (`by_name`), or an array's `{id, ...}` items.
fn entries<'a>(value: &'a Value, at: &str, by_name: bool) -> Result<Vec<(String, &'a Value)>, Error> {
    if by_name {
        return match value {
            Value::Object(m) => Ok(m.iter().map(|(k, v)| (k.to_string(), v)).collect()),
            other => Err(Error::pack(at, format!("expected an object, found {}", other.type_name()))),
        };
    }
    let mut items = Vec::new();
    for (i, item) in json::array(value, at, ErrorKind::InvalidPack)?.iter().enumerate() {
        let id = match item {
            Value::Object(m) => m.get("id").and_then(Value::as_str),
            _ => None,
        };
        let id_at = || join(&join_index(at, i), "id");
        let id = id.ok_or_else(|| Error::pack(id_at(), "an added or modified entry needs a string id"))?;
        items.push((id.to_string(), item));
    }
    Ok(items)
}

impl<'a> Delta<'a> {
    /// Reads a delta's JSON; checks its shape, not whether it applies.
    pub(crate) fn read(value: &'a Value) -> Result<Delta<'a>, Error> {
        let mut top = fields(value, "", "a delta")?;
        let pack = top.str("delta")?;
        let mut from = fields(top.req("from")?, "/from", "a {version, digest} object")?;
        let from_version = from.str("version")?;
        let from_digest = from.str("digest")?;
        from.finish(None)?;
        let mut to = fields(top.req("to")?, "/to", "a {version, published} object")?;
        let to_version = to.str("version")?;
        let to_published = to.opt_str("published")?;
        to.finish(None)?;
        if super::Version::parse(to_version).is_none() {
            return Err(Error::pack("/to/version", format!("{} is not a semantic version", quote(to_version))));
        }
        let sources = changes(top.get("sources"), "/sources", false)?;
        let indicators = changes(top.get("indicators"), "/indicators", false)?;
        let lists = changes(top.get("termLists"), "/termLists", true)?;
        let watchlists = changes(top.get("watchlists"), "/watchlists", true)?;
        let discounts = changes(top.get("discounts"), "/discounts", true)?;
        top.finish(None)?;
        Ok(Delta {
            pack,
            from_version,
            from_digest,
            to_version,
            to_published,
            sources,
            indicators,
            lists,
            watchlists,
            discounts,
        })
    }

    /// The pack JSON this delta makes of `base` (whose id, version and
    /// digest are given). The result is not loaded yet.
    pub(crate) fn apply(&self, base: &Value, id: &str, version: &str, digest: &str) -> Result<Value, Error> {
        if self.pack != id || self.from_version != version || self.from_digest != digest {
            return Err(Error::pack(
                "/from",
                format!(
                    "the delta applies to {} {} (digest {}), not to the pack in use, {} {} (digest {digest})",
                    quote(self.pack),
                    quote(self.from_version),
                    quote(self.from_digest),
                    quote(id),
                    quote(version)
                ),
            ));
        }
        if super::Version::parse(self.to_version) <= super::Version::parse(version) {
            return Err(Error::new(
                ErrorKind::PackDowngrade,
                "/to/version",
                format!("the delta makes version {}, not above {}", quote(self.to_version), quote(version)),
            ));
        }
        let Value::Object(top) = base else { return Err(Error::pack("", "the pack in use is not an object")) };
        let mut out = Object::default();
        for (key, value) in top.iter() {
            let value = match key {
                "version" => Value::String(self.to_version.to_string()),
                "published" => Value::String(self.to_published.unwrap_or(value.as_str().unwrap_or("")).to_string()),
                "sources" => Value::Array(apply_items(value, &self.sources)?),
                "indicators" => Value::Array(apply_items(value, &self.indicators)?),
                "termLists" => Value::Object(apply_members(value, &self.lists)?),
                "watchlists" => Value::Object(apply_members(value, &self.watchlists)?),
                "discounts" => Value::Object(apply_members(value, &self.discounts)?),
                _ => value.clone(),
            };
            out.push(key, value);
        }
        // A pack without the member yet gets it from the additions.
        for (key, changes) in
            [("termLists", &self.lists), ("watchlists", &self.watchlists), ("discounts", &self.discounts)]
        {
            if top.get(key).is_none() && !changes.is_empty() {
                out.push(key, Value::Object(apply_members(&Value::Object(Object::default()), changes)?));
            }
        }
        Ok(Value::Object(out))
    }
}

impl Changes<'_> {
    fn is_empty(&self) -> bool {
        self.add.is_empty() && self.modify.is_empty() && self.remove.is_empty()
    }

    /// Applies the changes to `(key, value)` entries in order: removals,
    /// then modifications in place, then additions at the end.
    fn apply(&self, entries: Vec<(String, Value)>) -> Result<Vec<(String, Value)>, Error> {
        let mut entries = entries;
        for (i, id) in self.remove.iter().enumerate() {
            let at = entries.iter().position(|(k, _)| k == id).ok_or_else(|| {
                Error::pack(join_index(&join(&self.path, "remove"), i), format!("there is no {} to remove", quote(id)))
            })?;
            entries.remove(at);
        }
        for (i, (id, value)) in self.modify.iter().enumerate() {
            let slot = entries.iter_mut().find(|(k, _)| k == id).ok_or_else(|| {
                Error::pack(join_index(&join(&self.path, "modify"), i), format!("there is no {} to modify", quote(id)))
            })?;
            slot.1 = (*value).clone();
        }
        for (i, (id, value)) in self.add.iter().enumerate() {
            if entries.iter().any(|(k, _)| k == id) {
                let at = join_index(&join(&self.path, "add"), i);
                return Err(Error::pack(at, format!("{} is already in the pack; modify it instead", quote(id))));
            }
            entries.push((id.clone(), (*value).clone()));
        }
        Ok(entries)
    }
}

/// An array of `{id, ...}` objects with `changes` applied.
fn apply_items(value: &Value, changes: &Changes<'_>) -> Result<Vec<Value>, Error> {
    if changes.is_empty() {
        return Ok(json::array(value, "", ErrorKind::InvalidPack)?.to_vec());
    }
    let entries = json::array(value, "", ErrorKind::InvalidPack)?
        .iter()
        .map(|v| {
            let id = match v {
                Value::Object(m) => m.get("id").and_then(Value::as_str).unwrap_or(""),
                _ => "",
            };
            (id.to_string(), v.clone())
        })
        .collect();
    Ok(changes.apply(entries)?.into_iter().map(|(_, v)| v).collect())
}

/// An object's members with `changes` applied.
fn apply_members(value: &Value, changes: &Changes<'_>) -> Result<Object, Error> {
    let Value::Object(m) = value else {
        return Err(Error::pack(&changes.path, "the pack's member is not an object"));
    };
    let entries = m.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let mut out = Object::default();
    for (k, v) in changes.apply(entries)? {
        out.push(&k, v);
    }
    Ok(out)
}

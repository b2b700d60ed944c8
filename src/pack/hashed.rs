//! Loading hashed term lists (`src/restricted.rs` matches them) and
//! watchlists (`src/watchlist.rs`): salted hashes both.

use crate::error::{join, join_index, quote, Error, ErrorKind};
use crate::json::{self, Fields, Value};
use crate::matcher::{MatchMode, Term, TermList};
use crate::restricted::{self, Hashed};
use crate::watchlist::{IdKind, Watchlist};

fn fields<'a>(value: &'a Value, path: &str, what: &str) -> Result<Fields<'a>, Error> {
    Fields::new(value, path, ErrorKind::InvalidPack, what)
}

/// A salt: 16 to 256 bytes of printable ASCII (`npx jejak hash-terms`
/// writes 32 random hex digits).
fn salt<'a>(o: &mut Fields<'a>) -> Result<&'a str, Error> {
    let at = o.at("salt");
    let salt = o.str("salt")?;
    if !restricted::is_salt(salt) {
        return Err(Error::pack(at, "a salt is 16 to 256 printable ASCII characters (no spaces)"));
    }
    Ok(salt)
}

/// A 32-hex-digit hash at `path`.
fn hash(value: &Value, path: &str) -> Result<restricted::TermHash, Error> {
    let text = json::string(value, path, ErrorKind::InvalidPack)?;
    restricted::parse_hex(text)
        .ok_or_else(|| Error::pack(path, format!("{} is not a hash (32 lower-case hex digits)", quote(text))))
}

/// `{"kind", "salt", "hashes": [...]}`: a pack's watchlist `name` at `path`.
pub(crate) fn load_watchlist(name: &str, value: &Value, path: &str) -> Result<Watchlist, Error> {
    let mut o = fields(value, path, "a watchlist ({kind, salt, hashes})")?;
    let kind_at = o.at("kind");
    let kind_name = o.str("kind")?;
    let kind = IdKind::parse(kind_name).ok_or_else(|| {
        Error::pack(kind_at, format!("{} is not a watchlist kind: phone, wallet, bank or crypto", quote(kind_name)))
    })?;
    let salt = salt(&mut o)?;
    let hashes_at = o.at("hashes");
    let items = json::array(o.req("hashes")?, &hashes_at, ErrorKind::InvalidPack)?;
    o.finish(None)?;
    let mut hashes = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        hashes.push(hash(item, &join_index(&hashes_at, i))?);
    }
    Ok(Watchlist::new(name.to_string(), kind, salt.to_string(), hashes))
}

/// `{"salt": "...", "hashed": [{"id", "hashes": [...], "lang", "validated"}]}`.
pub(super) fn load_hashed_list(value: &Value, path: &str) -> Result<TermList, Error> {
    let mut o = fields(value, path, "a hashed term list")?;
    let salt = salt(&mut o)?;
    let at = o.at("hashed");
    let items = json::array(o.req("hashed")?, &at, ErrorKind::InvalidPack)?;
    o.finish(None)?;
    if items.is_empty() {
        return Err(Error::pack(at, "a hashed list needs at least one term"));
    }
    let mut list = TermList::default();
    let mut table = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_at = join_index(&at, i);
        let mut t = fields(item, &item_at, "a hashed term ({id, hashes, lang, validated})")?;
        let id = t.str("id")?;
        if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) {
            let message = format!("{} is not a term id (1 to 64 letters, digits, '.', '_', '-')", quote(id));
            return Err(Error::pack(t.at("id"), message));
        }
        let hashes_at = t.at("hashes");
        let hashes = json::array(t.req("hashes")?, &hashes_at, ErrorKind::InvalidPack)?;
        if hashes.is_empty() {
            return Err(Error::pack(hashes_at, "a hashed term needs at least one hash"));
        }
        for (j, h) in hashes.iter().enumerate() {
            table.push((hash(h, &join_index(&hashes_at, j))?, i as u32));
        }
        let lang = t.opt_str("lang")?.unwrap_or("en").to_string();
        let validated_at = t.at("validated");
        let validated = t.get("validated").map(|v| json::boolean(v, &validated_at, ErrorKind::InvalidPack));
        let validated = validated.transpose()?.unwrap_or(true);
        t.finish(None)?;
        let text = format!("#{id}");
        if list.terms.iter().any(|x: &Term| x.text == text) {
            return Err(Error::pack(join(&item_at, "id"), format!("duplicate term id {}", quote(id))));
        }
        list.terms.push(Term { text, lang, validated, mode: MatchMode::Word });
    }
    list.hashed = Some(Hashed::new(salt.to_string(), table));
    Ok(list)
}

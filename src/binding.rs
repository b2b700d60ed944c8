//! What the bindings use of the core beyond its API (`bindings/wasm` today,
//! a native binding next). Hidden from the docs and free to change in any
//! release: a binding is built from the same commit as the core.
//!
//! Everything here is plain Rust, tested on the host with the rest of the
//! crate: the options a binding receives as JSON text, the JSON objects it
//! returns, and the packed hot path's scratch area. A binding only moves
//! values between its language and these.

#[cfg(feature = "tools")]
use crate::error::quote;
use crate::error::{Error, ErrorKind};
use crate::json::{self, Fields, Surrogates, Value};
use crate::pack::Pack;
use crate::screener::{Offsets, Screener, ScreenerBuilder};
use crate::signed::{Trust, Verified};
use crate::verdict::tape::Tape;
use crate::vocab::Locale;
use crate::write::object;
#[cfg(feature = "tools")]
use crate::write::{Json, Obj};

/// How many `u32`s a packed transaction's rows take.
pub const SLOTS: usize = crate::transaction::SLOTS;

/// Whether JSON text holds U+FFFD (as a character or an escape): a verdict
/// whose evidence a binding gives the host's own text back in.
pub fn has_replacement(text: &str) -> bool {
    crate::json::has_replacement(text)
}

/// The most UTF-8 bytes a packed transaction's text may take with a
/// screener's limits; a binding takes the JSON path for more.
pub fn max_text_bytes(screener: &Screener) -> usize {
    crate::transaction::max_text_bytes(screener.limits())
}

#[cfg(feature = "given-default-pack")]
pub use crate::embedded::provide;

/// An error a binding raises at its own boundary (a value of the wrong
/// JavaScript type, a batch over its limit), with the core's codes.
pub fn error(kind: ErrorKind, path: &str, message: impl Into<String>) -> Error {
    Error::new(kind, path, message)
}

/// Whether bytes are a pack image (they start with its magic).
pub fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(crate::pack::IMAGE_MAGIC)
}

/// Options given as JSON text (`None`: none given) parsed as an object's
/// value; text a payer never writes, so a lone surrogate is an error.
fn options_value(options: Option<&str>) -> Result<Value, Error> {
    match options {
        None => Ok(Value::Null),
        Some(text) => json::parse(text, ErrorKind::InvalidOption, Surrogates::Reject),
    }
}

/// A builder with JavaScript's options applied: offsets are always UTF-16
/// code units there, so the option itself is refused.
fn js_builder(value: &Value) -> Result<ScreenerBuilder, Error> {
    let mut builder = ScreenerBuilder::new();
    if matches!(value, Value::Object(o) if o.get("offsets").is_some()) {
        return Err(Error::new(
            ErrorKind::InvalidOption,
            "/offsets",
            "offsets are always UTF-16 code units in JavaScript; the option is not accepted here",
        ));
    }
    builder.options(value)?;
    builder.offsets(Offsets::Utf16);
    Ok(builder)
}

/// The screener options of a JavaScript call (`new Screener(pack,
/// options)`), as JSON text.
pub fn js_options(options: Option<&str>) -> Result<ScreenerBuilder, Error> {
    js_builder(&options_value(options)?)
}

/// The options of a case log (`hops`, `minLevel`, `verdicts`, `ids`) and a
/// builder with the screener's options among the others.
#[cfg(feature = "tools")]
pub fn js_case_log(options: Option<&str>) -> Result<(crate::cases::CaseLogBuilder, ScreenerBuilder), Error> {
    let value = options_value(Some(options.unwrap_or("{}")))?;
    let mut cases = crate::cases::CaseLog::builder();
    let rest = cases.options(&value)?;
    Ok((cases, js_builder(&rest)?))
}

/// `goamlReport`'s result as JSON text, `{ xml, draft, placeholders }`:
/// the report of the case `options.case` (`{ case, locale, submissionDate }`)
/// of a cases file, with the entity, the parties, the indicator code table
/// and the host's schema as their texts. Errors point into the input they
/// come from (`/entity/...`, `/parties/...`, `/cases/...`).
#[cfg(feature = "tools")]
pub fn goaml_report_json(
    cases: &str,
    entity: Option<&str>,
    parties: Option<&str>,
    codes: Option<&str>,
    schema: Option<&str>,
    pack: &Pack,
    options: &str,
) -> Result<String, Error> {
    use crate::cases::goaml::{goaml_report, ReportOptions};
    let value = options_value(Some(options))?;
    let mut o = Fields::new(&value, "", ErrorKind::InvalidOption, "an options")?;
    let id = o.str("case")?.to_string();
    let date = o.str("submissionDate")?.to_string();
    let locale = o.get("locale").map(|v| crate::screener::locale_option(v, "/locale")).transpose()?;
    o.finish(None)?;
    let entity = entity.ok_or_else(|| Error::option("/entity", "the report needs the reporting entity (entity)"))?;
    let all = crate::cases::read_cases(cases)?;
    let case = crate::cases::find_case(&all, &id)?;
    let mut report = ReportOptions::new(&date).locale(locale.unwrap_or(Locale::Id));
    if let Some(codes) = codes {
        report = report.indicator_codes(codes);
    }
    if let Some(schema) = schema {
        report = report.schema(schema);
    }
    let r = goaml_report(case, entity, parties, pack, &report)?;
    Ok(object(|o| {
        o.str("xml", &r.xml);
        o.bool("draft", r.draft);
        crate::write::list(o.key("placeholders"), &r.placeholders, |sink, p| sink.str(p));
    }))
}

/// The trust options (`trustedKeys`, `minVersion`, `now`, with `now`
/// defaulting to `now_ms`) of a JavaScript call and a builder with its
/// other options.
pub fn js_trust_and_options(options: Option<&str>, now_ms: u64) -> Result<(Trust, ScreenerBuilder), Error> {
    let (trust, rest) = trust(options, now_ms)?;
    Ok((trust, js_builder(&rest)?))
}

/// The trust options of a call that takes no other option (`call` names it
/// in the error).
pub fn js_trust_only(options: Option<&str>, now_ms: u64, call: &str) -> Result<Trust, Error> {
    let (trust, rest) = trust(options, now_ms)?;
    if let Value::Object(o) = &rest {
        if let Some((key, _)) = o.iter().next() {
            let message = format!("{call} takes only trustedKeys, minVersion and now");
            return Err(Error::new(ErrorKind::InvalidOption, crate::error::join("", key), message));
        }
    }
    Ok(trust)
}

fn trust(options: Option<&str>, now_ms: u64) -> Result<(Trust, Value), Error> {
    let value = options_value(Some(options.unwrap_or("{}")))?;
    let mut trust = Trust::new();
    trust.now_ms(now_ms);
    let rest = trust.options(&value)?;
    Ok((trust, rest))
}

/// `explain`'s options (`{ locale }` or nothing) as JSON text.
pub fn explain_locale(options: Option<&str>) -> Result<Option<Locale>, Error> {
    let Some(text) = options else { return Ok(None) };
    let value = options_value(Some(text))?;
    let mut o = Fields::new(&value, "", ErrorKind::InvalidOption, "an options")?;
    let locale = o.get("locale").map(|v| crate::screener::locale_option(v, "/locale")).transpose()?;
    o.finish(None)?;
    Ok(locale)
}

/// `{ kind, id, version, from?, digest, validUntil? }` of a verified signed
/// file, as JSON.
pub fn verified_json(v: &Verified) -> String {
    object(|o| {
        o.str("kind", v.kind.as_str());
        o.str("id", &v.id);
        o.str("version", &v.version);
        if let Some(from) = &v.from_version {
            o.str("from", from);
        }
        o.str("digest", &v.digest);
        if let Some(until) = &v.valid_until {
            o.str("validUntil", until);
        }
    })
}

/// `{ low, review, high, cap }` of a screener's pack, as JSON.
pub fn thresholds_json(screener: &Screener) -> String {
    let t = screener.pack().thresholds();
    object(|o| {
        for (key, value) in [("low", t.low), ("review", t.review), ("high", t.high), ("cap", t.cap)] {
            o.uint(key, u64::from(value));
        }
    })
}

/// `{ id, version, digest, indicators }` of a pack, as JSON.
pub fn pack_json(p: &Pack) -> String {
    object(|o| {
        o.str("id", p.id());
        o.str("version", p.version());
        o.str("digest", p.digest());
        o.uint("indicators", p.indicator_count() as u64);
    })
}

/// `{ code, path, message }` of an error, as JSON.
pub fn error_json(e: &Error) -> String {
    object(|o| {
        o.str("code", e.code());
        o.str("path", e.path());
        o.str("message", e.message());
    })
}

/// `validatePack`'s result for a pack's JSON text: `{ ok: true, pack,
/// lint }` or `{ ok: false, error }`, as JSON.
#[cfg(feature = "tools")]
pub fn validation_json(result: Result<Pack, Error>) -> String {
    match result {
        Ok(p) => {
            let mut lint = String::new();
            crate::write::list(&mut Json::new(&mut lint), &p.lint(), |out, l| {
                let mut o = Obj::new(out);
                o.str("code", l.kind().code());
                crate::write::list(o.key("indicators"), l.indicators(), |out, i| out.str(i));
                o.str("message", l.message());
                o.end();
            });
            format!("{{\"ok\":true,\"pack\":{},\"lint\":{lint}}}", pack_json(&p))
        }
        Err(e) => format!("{{\"ok\":false,\"error\":{}}}", error_json(&e)),
    }
}

/// `{ kind, text }` of what `npx jejak sign` signs for a pack or a delta.
#[cfg(feature = "tools")]
pub fn signable_json(json: &str) -> Result<String, Error> {
    let (kind, text) = crate::signed::payload(json)?;
    Ok(object(|o| {
        o.str("kind", kind.as_str());
        o.str("text", &text);
    }))
}

/// The normalized forms of a term that a hashed term list holds hashes of;
/// `invalid_option` for a term with nothing left after normalization.
#[cfg(feature = "tools")]
pub fn term_forms(term: &str) -> Result<Vec<String>, Error> {
    let forms = crate::restricted::forms(term);
    if forms.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidOption,
            "",
            "the term has no letters, digits or emoji left after normalization",
        ));
    }
    Ok(forms)
}

/// An identifier as a watchlist of `kind` hashes it, or `None` when it
/// cannot be normalized; `invalid_option` for an unknown kind or country.
#[cfg(feature = "tools")]
pub fn normalize_identifier(kind: &str, id: &str, country: Option<&str>) -> Result<Option<String>, Error> {
    let bad = |path: &str, message: String| Error::new(ErrorKind::InvalidOption, path, message);
    let kind = crate::watchlist::IdKind::parse(kind)
        .ok_or_else(|| bad("/kind", format!("{} is not phone, wallet, bank or crypto", quote(kind))))?;
    let country = match country {
        Some(c) => Some(
            crate::money::Country::parse(c).ok_or_else(|| bad("/country", format!("{} is not a country", quote(c))))?,
        ),
        None => None,
    };
    Ok(crate::watchlist::normalize(kind, id, country))
}

/// The sender's and the receiver's state bytes, as a binding received them.
pub type States<'a> = (Option<&'a [u8]>, Option<&'a [u8]>);

/// The words of a packed screen's header (docs/DESIGN.md, "No JSON on the
/// hot path"): score, level, the sender's and the receiver's history
/// status (-1: none), whether the flags hold U+FFFD, then the tape's word
/// count and text byte count.
pub const HEAD: usize = 7;

/// The packed hot path's scratch area: the rows and the text a binding
/// writes a transaction into (`transaction/packed.rs`), and the verdict's
/// header and tape it reads back (`verdict/tape.rs`). One per module
/// instance: a binding calls it from one thread, one screen at a time.
#[derive(Debug)]
pub struct Packed {
    /// The rows: [`SLOTS`] numbers.
    pub slots: Vec<u32>,
    /// The text region; the binding writes the transaction's text at its
    /// start.
    pub text: Vec<u8>,
    /// The verdict's header ([`HEAD`] words).
    pub head: [f64; HEAD],
    /// The verdict's flags.
    tape: Tape,
    /// The states after a screen with history, until the binding takes them.
    pub states: [Option<Vec<u8>>; 2],
}

impl Default for Packed {
    fn default() -> Packed {
        Packed {
            slots: vec![0; SLOTS],
            text: Vec::new(),
            head: [0.0; HEAD],
            tape: Tape::default(),
            states: [None, None],
        }
    }
}

impl Packed {
    /// The tape's words (`verdict/tape.rs` has the layout).
    pub fn tape_words(&self) -> &[f64] {
        &self.tape.words
    }

    /// The tape's text, which its strings are UTF-16 offsets into.
    pub fn tape_text(&self) -> &str {
        &self.tape.text
    }

    /// The name of a tape's key id.
    pub fn tape_key(&self, id: usize) -> Option<&'static str> {
        self.tape.keys.get(id).copied()
    }

    /// Makes the text region at least `bytes` long (it may move).
    pub fn reserve(&mut self, bytes: usize) {
        if self.text.len() < bytes {
            self.text = vec![0; bytes];
        }
    }

    /// Screens the packed transaction whose text is the first `bytes` bytes
    /// of the text region, with the accounts' states when `history` is
    /// given. `false` when the transaction or a state is refused: the
    /// binding then screens the same transaction through JSON, which
    /// reports the error with its path and message.
    pub fn screen(&mut self, screener: &Screener, bytes: usize, history: Option<States<'_>>) -> bool {
        let Packed { slots, text, head, tape, states } = self;
        *states = [None, None];
        let Some(Ok(text)) = text.get(..bytes).map(std::str::from_utf8) else { return false };
        let Ok(tx) = crate::transaction::from_packed(slots, text, screener.limits()) else { return false };
        let compact = match history {
            None => screener.screen_compact(&tx),
            Some((sender, receiver)) => screener.screen_with_state_bytes(&tx, sender, receiver).map(|r| {
                *states = [r.sender.map(|s| s.to_bytes()), r.receiver.map(|s| s.to_bytes())];
                r.verdict
            }),
        };
        let Ok(compact) = compact else { return false };
        let mut words = [0.0; 5];
        screener.write_tape(compact, &mut words, tape);
        head[..5].copy_from_slice(&words);
        head[5] = tape.words.len() as f64;
        head[6] = tape.text.len() as f64;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transaction::to_packed;
    use crate::verdict::tape::to_json;

    #[test]
    fn a_packed_screen_gives_the_compact_verdicts_flags() {
        let screener = Screener::builder().verdict(crate::screener::VerdictForm::Compact).build().unwrap();
        let mut packed = Packed::default();
        for json in [
            r#"{"id":"t1","timestamp":"2026-11-20T02:10:00+10:00","amount":"50","currency":"AUD","channel":"remittance",
                "memo":"school fees","sender":{"country":"AU"},"receiver":{"country":"PH","isNew":true}}"#,
            r#"{"timestamp":"2026-11-20T02:10:00Z","amount":"1","currency":"AUD"}"#,
        ] {
            let tx = screener.parse(json).unwrap();
            let (slots, text) = to_packed(&tx);
            packed.slots.copy_from_slice(&slots);
            packed.reserve(text.len());
            packed.text[..text.len()].copy_from_slice(text.as_bytes());
            assert!(packed.screen(&screener, text.len(), None));
            let compact = screener.screen_compact(&tx).unwrap();
            assert_eq!(to_json(&packed.tape), serde_json::to_string(&compact.flags).unwrap());
            assert_eq!(packed.head[0], f64::from(compact.score));
            assert_eq!(packed.head[5], packed.tape.words.len() as f64);
            // The text region's bytes that are not UTF-8, or rows that do
            // not match the text: refused, for the JSON path to report.
            packed.text[0] = 0xff;
            assert!(!packed.screen(&screener, text.len(), None));
            assert!(!packed.screen(&screener, text.len() + 1_000_000, None));
        }
    }

    #[test]
    fn javascript_options_are_read_as_the_builder_reads_them() {
        assert!(js_options(None).is_ok());
        assert!(js_options(Some(r#"{"locale":"id","maxMemoBytes":10}"#)).is_ok());
        let e = js_options(Some(r#"{"offsets":"utf8"}"#)).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_option", "/offsets"));
        let e = js_trust_only(Some(r#"{"trustedKeys":[],"locale":"id"}"#), 0, "verifySigned").unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_option", "/trustedKeys"));
        assert_eq!(explain_locale(Some(r#"{"locale":"id"}"#)).unwrap(), Some(Locale::Id));
        assert_eq!(explain_locale(Some(r#"{"nope":1}"#)).unwrap_err().path(), "/nope");
        assert_eq!(error_json(&Error::pack("/a", "b")), r#"{"code":"invalid_pack","path":"/a","message":"b"}"#);
    }
}

//! Pack images: every test pack screens the same through its image, the
//! image round-trips byte for byte, and damaged images are refused or
//! screen deterministically, never panic.

use jejak::{Locale, Pack, Screener, State, Transaction};

const SAMPLES: &str = include_str!("../www/samples/transactions.ndjson");
const HISTORY: &str = include_str!("../www/samples/history-all.ndjson");
const PACKS: [&str; 4] = [
    include_str!("data/packs/mini.json"),
    include_str!("data/packs/lint-duplicate-condition.json"),
    include_str!("data/packs/lint-fact-counted-twice.json"),
    include_str!("data/packs/lint-typology-restates-signal.json"),
];

fn packs() -> Vec<Pack> {
    let mut out = vec![Pack::default_pack()];
    out.extend(PACKS.iter().map(|json| Pack::from_json(json).unwrap()));
    out
}

fn image_of(pack: &Pack) -> (Vec<u8>, Pack) {
    let image = pack.to_image().unwrap();
    let read = Pack::from_image(&image).unwrap_or_else(|e| panic!("{}: the image does not read: {e}", pack.id()));
    (image, read)
}

/// Each verdict (full JSON, or the error) of `rows` in `locale`.
fn verdicts(pack: &Pack, rows: &str, locale: Locale) -> Vec<Result<String, String>> {
    let screener = Screener::builder().pack(pack.clone()).locale(locale).build().unwrap();
    rows.lines()
        .map(|row| screener.parse(row).and_then(|t| screener.screen_to_json(&t)).map_err(|e| e.to_string()))
        .collect()
}

/// Replays `rows` with history (states kept as bytes) and returns each
/// verdict and both states' bytes.
fn replay(pack: &Pack, rows: &str) -> Vec<String> {
    use std::collections::HashMap;
    let screener = Screener::builder().pack(pack.clone()).build().unwrap();
    let mut states: HashMap<String, Vec<u8>> = HashMap::new();
    let mut out = Vec::new();
    for row in rows.lines() {
        let tx: Transaction = screener.parse(row).unwrap();
        let get =
            |id: &Option<String>| id.as_ref().and_then(|id| states.get(id)).map(|b| State::from_bytes(b).unwrap());
        let (s, r) = (get(&tx.sender.id), get(&tx.receiver.id));
        let done = screener.screen_compact_with_history(&tx, s.as_ref(), r.as_ref()).unwrap();
        let sender = done.sender.map(|s| s.to_bytes());
        let receiver = done.receiver.map(|s| s.to_bytes());
        out.push(format!("{:?} {:?} {:?}", done.verdict, sender, receiver));
        for (id, bytes) in [(&tx.sender.id, sender), (&tx.receiver.id, receiver)] {
            if let (Some(id), Some(bytes)) = (id, bytes) {
                states.insert(id.clone(), bytes);
            }
        }
    }
    out
}

#[test]
fn every_test_pack_screens_the_same_through_its_image() {
    for pack in packs() {
        let (image, read) = image_of(&pack);
        assert_eq!((read.id(), read.version(), read.digest()), (pack.id(), pack.version(), pack.digest()));
        assert_eq!(read.indicator_count(), pack.indicator_count());
        assert_eq!(read.pattern_count(), pack.pattern_count());
        assert_eq!(read.sources(), pack.sources());
        assert_eq!(read.canonical_json(), None);
        // One pack, one image.
        assert_eq!(read.to_image().unwrap(), image, "{}: the image does not round-trip", pack.id());
        for locale in [Locale::En, Locale::Id] {
            for rows in [SAMPLES, HISTORY] {
                assert_eq!(verdicts(&read, rows, locale), verdicts(&pack, rows, locale), "{}", pack.id());
            }
        }
        assert_eq!(replay(&read, HISTORY), replay(&pack, HISTORY), "{}: history differs", pack.id());
    }
}

/// `image` with its checksum recomputed, so that the reader's own checks,
/// not the checksum, meet the change.
fn resealed(mut image: Vec<u8>) -> Vec<u8> {
    if image.len() >= 16 {
        let sum = twox_hash::XxHash64::oneshot(0x6A65_6A61_6B50_0001, &image[16..]);
        image[8..16].copy_from_slice(&sum.to_le_bytes());
    }
    image
}

/// A damaged image is refused with `invalid_pack` (or a limit), or it
/// reads into a pack that screens the same twice.
fn refused_or_deterministic(image: &[u8], rows: &[&str], what: &str) -> bool {
    match Pack::from_image(image) {
        Err(e) => {
            assert!(matches!(e.code(), "invalid_pack" | "limit_exceeded"), "{what}: {e}");
            assert!(e.message().contains("image"), "{what}: the message does not name the image: {e}");
            false
        }
        Ok(pack) => {
            let screener = Screener::builder().pack(pack).build().unwrap();
            for row in rows {
                let once = screener.parse(row).and_then(|t| screener.screen_to_json(&t)).map_err(|e| e.to_string());
                let twice = screener.parse(row).and_then(|t| screener.screen_to_json(&t)).map_err(|e| e.to_string());
                assert_eq!(once, twice, "{what}");
            }
            true
        }
    }
}

#[test]
fn every_byte_flip_of_the_default_image_is_refused_or_screens_deterministically() {
    let (image, _) = image_of(&Pack::default_pack());
    let rows: Vec<&str> = SAMPLES.lines().step_by(97).collect();
    let mut read = 0;
    // Each byte inverted (every bit of it flipped), so that a flag, a tag
    // or a small count always changes to another value.
    for at in 0..image.len() {
        let mut bad = image.clone();
        bad[at] ^= 0xFF;
        read += usize::from(refused_or_deterministic(&resealed(bad), &rows, &format!("byte {at} inverted")));
    }
    // Flips inside texts (titles, explanations) still read; flips in the
    // structure do not.
    assert!(read > 0 && read < image.len(), "{read} of {} flips read", image.len());
}

#[test]
fn every_truncation_of_the_default_image_is_refused() {
    let (image, _) = image_of(&Pack::default_pack());
    for len in (0..=256).chain([image.len() - 1]) {
        let bad = resealed(image[..len].to_vec());
        let e = Pack::from_image(&bad).map(|_| ()).expect_err(&format!("length {len} read"));
        assert_eq!(e.code(), "invalid_pack", "length {len}: {e}");
    }
    // Without resealing, the checksum finds the damage.
    let e = Pack::from_image(&image[..image.len() - 1]).unwrap_err();
    assert!(e.message().contains("checksum"), "{e}");
}

#[test]
fn images_name_the_fault_and_the_layout() {
    let (image, _) = image_of(&Pack::default_pack());
    let e = Pack::from_image(br#"{"id":1}"#).unwrap_err();
    assert!(e.message().contains("not a pack image"), "{e}");
    let mut newer = image.clone();
    newer[4] = 9;
    assert!(Pack::from_image(&newer).unwrap_err().message().contains("layout 9"));
    let mut trailing = image.clone();
    trailing.push(0);
    let e = Pack::from_image(&resealed(trailing)).unwrap_err();
    assert!(e.message().contains(&format!("at byte {}", image.len())), "{e}");
    let limits = jejak::PackLimits::default().max_bytes(1000);
    assert_eq!(Pack::from_image_with_limits(&image, limits).unwrap_err().code(), "limit_exceeded");
}

#[test]
fn a_signed_image_loads_like_a_signed_pack() {
    use jejak::signed::{sign_image, SecretKey, Trust};
    let key = SecretKey::from_seed([9; 32]);
    let (image, _) = image_of(&Pack::default_pack());
    let signed = sign_image(&image, &key, None).unwrap();
    let mut trust = Trust::new();
    trust.key(&key.public_text()).unwrap();
    let pack = Pack::from_signed(&signed, &trust).unwrap();
    assert_eq!(pack.digest(), Pack::default_pack().digest());
    assert_eq!(jejak::signed::verify(&signed, &trust).unwrap().kind, jejak::signed::Kind::Pack);
    assert!(sign_image(b"JJKP", &key, None).is_err());
}

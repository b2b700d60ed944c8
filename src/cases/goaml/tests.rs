//! The goAML report on the example case (src/cases/tests.rs): full party
//! data, placeholders, both locales, the schema order, every refusal, a
//! host schema's lookups. The people in tests/data/goaml/ are made up.
//!
//! With `JEJAK_GOAML_OUT=DIR`, `writes_the_sample_reports` writes
//! full.xml, placeholder.xml, mapped.xml and shapes.xml to DIR, which `make
//! goaml-validate` checks with tests/goaml_check.py against the real schema.

use serde_json::{json, Value};

use super::{goaml_report, indicator_codes, Report, ReportOptions};
use crate::cases::{find_case, read_cases, Case, CaseIndicator};
use crate::error::ErrorKind;
use crate::vocab::Locale;

const ENTITY: &str = include_str!("../../../tests/data/goaml/entity.json");
const PARTIES: &str = include_str!("../../../tests/data/goaml/parties.json");
const XSD: &str = include_str!("../../../tests/data/goaml/goAMLSchema.xsd");
const DATE: &str = "2026-11-20T10:00:00";

fn case() -> Case {
    let cases = read_cases(&crate::cases::tests::example()).unwrap();
    find_case(&cases, "case-1").unwrap().clone()
}

fn report(entity: &str, parties: Option<&str>, options: &ReportOptions) -> Result<Report, crate::error::Error> {
    goaml_report(&case(), entity, parties, &crate::cases::tests::pack(), options)
}

fn id() -> ReportOptions {
    ReportOptions::new(DATE)
}

/// The generic schema with the simpleType `name`'s first code replaced by
/// `codes`.
fn relisted(name: &str, first: &str, codes: &[&str]) -> String {
    let list: String = codes.iter().map(|c| format!("<xs:enumeration value=\"{c}\" />")).collect();
    let at = XSD.find(&format!("<xs:simpleType name=\"{name}\">")).unwrap();
    let old = format!("<xs:enumeration value=\"{first}\" />");
    let code = at + XSD[at..].find(&old).unwrap();
    format!("{}{list}{}", &XSD[..code], &XSD[code + old.len()..])
}

/// The generic schema with `report_indicator_type` enumerating `codes` too.
fn widened(codes: &[&str]) -> String {
    let mut all = vec!["-"];
    all.extend_from_slice(codes);
    relisted("report_indicator_type", "-", &all)
}

/// The text of the first `<name>` element.
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml.get(start..)?.find(&format!("</{name}>"))?;
    xml.get(start..start + end)
}

#[test]
fn the_tables_come_from_the_schema_in_tests_data() {
    use sha2::{Digest, Sha256};
    let digest: String = Sha256::digest(XSD.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(digest, super::schema::XSD_SHA256, "run python3 src/cases/goaml/gen_schema.py");
    // Every complex type the tables name is in them.
    for t in super::schema::TYPES {
        fn each(ps: &[super::records::Particle]) {
            for p in ps {
                match p {
                    super::records::Particle::Element(e) => {
                        if let super::records::Value::Complex(name) = e.value {
                            assert!(super::records::find_type(name).is_some(), "{name}");
                        }
                        if let super::records::Value::Lookup(name) = e.value {
                            assert!(super::schema::LOOKUPS.iter().any(|(n, _)| *n == name), "{name}");
                        }
                    }
                    super::records::Particle::Sequence(_, items) | super::records::Particle::Choice(_, items) => {
                        each(items)
                    }
                }
            }
        }
        each(t.content);
    }
}

#[test]
fn a_report_with_every_party_filled_is_no_draft() {
    let r = report(ENTITY, Some(PARTIES), &id()).unwrap();
    assert!(!r.draft);
    assert!(r.placeholders.is_empty());
    let reason = element(&r.xml, "reason").unwrap();
    assert!(reason.starts_with("Kasus case-1 dari jejak"), "{reason}");
    assert!(
        reason.contains(
            "- Kata pengganti (TEST-STANDIN), dikutip dari AUSTRAC AUSTRAC-CSE-04, \
         How businesses can help protect children (2024), https://austrac.gov.au/node/1087."
        ),
        "{reason}"
    );
    assert!(reason.contains("13 pembayaran"), "{reason}");
    assert!(!r.xml.contains("DRAF"));
    assert_eq!(element(&r.xml, "report_code"), Some("STR"));
    assert_eq!(element(&r.xml, "entity_reference"), Some("case-1"));
    assert_eq!(element(&r.xml, "submission_date"), Some(DATE));
    assert_eq!(r.xml.matches("<transaction>").count(), 13);
    assert_eq!(r.xml.matches("<t_from_my_client>").count(), 13);
    // The cash withdrawal: from k (an entity), to cash.
    assert!(r.xml.contains("<to_funds_comment>penarikan tunai</to_funds_comment>"));
    assert!(r.xml.contains("<first_name>TUNAI</first_name>\n        <last_name>k</last_name>"), "{}", r.xml);
    assert!(r.xml.contains("<from_entity>\n        <name>PT Contoh Tunai</name>"));
    assert_eq!(element(&r.xml, "date_transaction"), Some("2026-11-01T03:20:00"));
    assert_eq!(element(&r.xml, "amount_local"), Some("150000.00"));
    assert_eq!(element(&r.xml, "transmode_comment"), Some("p2p"));
    assert_eq!(element(&r.xml, "report_indicators"), Some("\n    <indicator>-</indicator>\n  "));
}

#[test]
fn a_report_without_kyc_records_is_a_draft_with_placeholders() {
    let r = report(ENTITY, None, &id()).unwrap();
    assert!(r.draft);
    // In the order of first appearance: s0 pays c first.
    let mut expected: Vec<String> = (0..10).map(|i| format!("s{i}")).collect();
    expected.insert(1, "c".into());
    expected.extend(["i", "k"].map(String::from));
    assert_eq!(r.placeholders, expected);
    let reason = element(&r.xml, "reason").unwrap();
    assert!(reason.starts_with("DRAF: data KYC belum diisi untuk 13 pihak (s0, c, s1"), "{reason}");
    assert!(!r.xml.contains("_my_client>"));
    assert!(r.xml.contains("<account>s0</account>\n        <account_name>DRAF: data KYC belum diisi</account_name>"));

    // Some records given: only the others are placeholders.
    let mut parties: Value = serde_json::from_str(PARTIES).unwrap();
    parties.as_object_mut().unwrap().retain(|k, _| k != "c" && k != "s3");
    let r = report(ENTITY, Some(&parties.to_string()), &id()).unwrap();
    assert!(r.draft);
    assert_eq!(r.placeholders, ["c", "s3"]);
}

#[test]
fn english_on_request() {
    let r = report(ENTITY, None, &id().locale(Locale::En)).unwrap();
    let reason = element(&r.xml, "reason").unwrap();
    assert!(reason.starts_with("DRAFT: no KYC record for 13 parties (s0, c, s1"), "{reason}");
    assert!(
        reason.contains("- Stand-in word (TEST-STANDIN), cited from AUSTRAC AUSTRAC-CSE-04, How businesses"),
        "{reason}"
    );
    assert!(r.xml.contains("<account_name>DRAFT: KYC record not supplied</account_name>"));
    let first = element(&r.xml, "transaction_description").unwrap();
    assert_eq!(
        first,
        "Payment 1 of 13 in case-1: p2p, IDR 150,000.00 from s0 to c; level review. \
         Indicators: Stand-in word (TEST-STANDIN; AUSTRAC AUSTRAC-CSE-04); Payment late at night or early \
         in the morning (JEJAK-SIG-HOUR-LATE; FATF FATF-OCSE-L03; FINTRAC FINTRAC-HTSE-04)."
    );
    let id = report(ENTITY, None, &id()).unwrap();
    assert_eq!(
        element(&id.xml, "transaction_description").unwrap(),
        "Pembayaran 1 dari 13 dalam case-1: p2p, IDR 150.000,00 dari s0 ke c; tingkat perlu ditinjau. \
         Indikator: Kata pengganti (TEST-STANDIN; AUSTRAC AUSTRAC-CSE-04); Pembayaran larut malam atau dini \
         hari (JEJAK-SIG-HOUR-LATE; FATF FATF-OCSE-L03; FINTRAC FINTRAC-HTSE-04)."
    );
}

#[test]
fn elements_follow_the_schema_whatever_the_key_order() {
    // serde_json (without preserve_order) writes keys sorted, which is not
    // the schema's order.
    let sorted = |text: &str| serde_json::from_str::<Value>(text).unwrap().to_string();
    let a = report(ENTITY, Some(PARTIES), &id()).unwrap();
    let b = report(&sorted(ENTITY), Some(&sorted(PARTIES)), &id()).unwrap();
    assert_eq!(a, b);
    let person = a.xml.find("<reporting_person>").unwrap();
    let first = a.xml[person..].find("<first_name>").unwrap();
    let gender = a.xml[person..].find("<gender>").unwrap();
    let last = a.xml[person..].find("<last_name>").unwrap();
    assert!(gender < first && first < last);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = report(ENTITY, Some(PARTIES), &id()).unwrap();
    let b = report(ENTITY, Some(PARTIES), &id()).unwrap();
    assert_eq!(a.xml, b.xml);
}

/// A change to entity.json or parties.json and the refusal it must give.
struct Refusal {
    name: &'static str,
    entity: fn(&mut Value),
    parties: fn(&mut Value),
    path: &'static str,
    message: &'static str,
}

fn keep(_: &mut Value) {}

const REFUSALS: &[Refusal] = &[
    Refusal {
        name: "bad gender",
        entity: |e| e["reporting_person"]["gender"] = json!("X"),
        parties: keep,
        path: "/entity/reporting_person/gender",
        message: "gender \"X\" must be one of the schema's gender_type codes (-, F, M)",
    },
    Refusal {
        name: "bad address type",
        entity: |e| e["location"]["address_type"] = json!("9"),
        parties: keep,
        path: "/entity/location/address_type",
        message: "address_type \"9\" must be one of the schema's contact_type codes (-, 1, 2, 3, 4)",
    },
    Refusal {
        name: "bad country",
        entity: |e| e["location"]["country_code"] = json!("XX"),
        parties: keep,
        path: "/entity/location/country_code",
        message: "country_code \"XX\" must be one of the schema's country_type codes (-, AC, AD",
    },
    Refusal {
        name: "rentity_id not positive",
        entity: |e| e["rentity_id"] = json!(0),
        parties: keep,
        path: "/entity/rentity_id",
        message: "rentity_id \"0\" must be a whole number from 1 to 2147483647",
    },
    Refusal {
        name: "missing location",
        entity: |e| {
            e.as_object_mut().unwrap().remove("location");
        },
        parties: keep,
        path: "/entity/location",
        message: "location is required by report",
    },
    Refusal {
        name: "unknown element in the entity",
        entity: |e| e["reporting_person"]["nickname"] = json!("x"),
        parties: keep,
        path: "/entity/reporting_person/nickname",
        message: "unknown element \"nickname\" in t_person_registration_in_report",
    },
    Refusal {
        name: "missing required element",
        entity: keep,
        parties: |p| {
            p["c"]["person"].as_object_mut().unwrap().remove("ssn");
        },
        path: "/parties/c/person/ssn",
        message: "ssn is required by t_person_my_client",
    },
    Refusal {
        name: "too long",
        entity: keep,
        parties: |p| p["c"]["person"]["first_name"] = json!("a".repeat(101)),
        path: "/parties/c/person/first_name",
        message: "is 101 characters long; the schema allows at most 100",
    },
    Refusal {
        name: "unknown element in a party",
        entity: keep,
        parties: |p| p["c"]["person"]["nickname"] = json!("x"),
        path: "/parties/c/person/nickname",
        message: "unknown element \"nickname\" in t_person_my_client",
    },
    Refusal {
        name: "a 5.2 element is not 5.0.1",
        entity: keep,
        parties: |p| p["c"]["person"]["country_of_birth"] = json!("ID"),
        path: "/parties/c/person/country_of_birth",
        message: "unknown element \"country_of_birth\" in t_person_my_client",
    },
    Refusal {
        name: "bad date",
        entity: keep,
        parties: |p| p["c"]["person"]["birthdate"] = json!("01/02/1990"),
        path: "/parties/c/person/birthdate",
        message:
            "birthdate \"01/02/1990\" must be a date YYYY-MM-DD or a date and time YYYY-MM-DDTHH:MM:SS, from 1753 on",
    },
    Refusal {
        name: "date before 1753",
        entity: keep,
        parties: |p| p["c"]["person"]["birthdate"] = json!("1752-12-31"),
        path: "/parties/c/person/birthdate",
        message: "from 1753 on",
    },
    Refusal {
        name: "no such day",
        entity: keep,
        parties: |p| p["c"]["person"]["birthdate"] = json!("1990-02-30"),
        path: "/parties/c/person/birthdate",
        message: "sql_date",
    },
    Refusal {
        name: "repeated element not an array",
        entity: keep,
        parties: |p| {
            let one = p["c"]["person"]["phones"]["phone"][0].clone();
            p["c"]["person"]["phones"]["phone"] = one;
        },
        path: "/parties/c/person/phones/phone",
        message: "phone repeats in t_person_my_client/phones: expected an array, found an object",
    },
    Refusal {
        name: "required repeated element empty",
        entity: keep,
        parties: |p| p["c"]["person"]["phones"]["phone"] = json!([]),
        path: "/parties/c/person/phones/phone",
        message: "phone needs at least 1 item(s)",
    },
    Refusal {
        name: "too many repeats",
        entity: keep,
        parties: |p| p["c"]["person"]["email"] = json!(["a@x", "b@x", "c@x", "d@x", "e@x", "f@x"]),
        path: "/parties/c/person/email",
        message: "email takes at most 5 item(s) in t_person_my_client, found 6",
    },
    Refusal {
        name: "single element as an array",
        entity: keep,
        parties: |p| p["c"]["person"]["ssn"] = json!(["1"]),
        path: "/parties/c/person/ssn",
        message: "ssn occurs once in t_person_my_client",
    },
    Refusal {
        name: "not a string",
        entity: keep,
        parties: |p| p["c"]["person"]["ssn"] = json!(31),
        path: "/parties/c/person/ssn",
        message: "ssn: expected a string, found a number",
    },
    Refusal {
        name: "both branches of a choice",
        entity: keep,
        parties: |p| p["i"]["account"]["swift"] = json!("CONTIDJA"),
        path: "/parties/i/account/swift",
        message: "institution_code and swift cannot both be given",
    },
    Refusal {
        name: "no branch of a required choice",
        entity: keep,
        parties: |p| {
            p["i"]["account"].as_object_mut().unwrap().remove("institution_code");
        },
        path: "/parties/i/account/institution_code",
        message: "one of institution_code, swift is required by t_account_my_client",
    },
    Refusal {
        name: "part of an optional group",
        entity: keep,
        parties: |p| p["s0"]["person"]["passport_country"] = json!("ID"),
        path: "/parties/s0/person/passport_number",
        message: "passport_number is required by t_person_my_client",
    },
    Refusal {
        name: "a fixed value",
        entity: keep,
        parties: |p| p["i"]["account"]["signatory"][0]["is_primary"] = json!(false),
        path: "/parties/i/account/signatory/0/is_primary",
        message: "is_primary is fixed to true by the schema",
    },
    Refusal {
        name: "nested record",
        entity: keep,
        parties: |p| p["i"]["account"]["signatory"][0]["t_person"]["nationality1"] = json!("Indonesia"),
        path: "/parties/i/account/signatory/0/t_person/nationality1",
        message: "nationality1 \"Indonesia\" must be one of the schema's country_type codes",
    },
    Refusal {
        name: "decimal with too many decimals",
        entity: keep,
        parties: |p| p["i"]["account"]["balance"] = json!("1.00000000000001"),
        path: "/parties/i/account/balance",
        message: "with at most 13 decimals",
    },
    Refusal {
        name: "a party of two kinds",
        entity: keep,
        parties: |p| p["c"]["entity"] = p["k"]["entity"].clone(),
        path: "/parties/c/entity",
        message: "person and entity cannot both be given",
    },
    Refusal {
        name: "a party of no kind",
        entity: keep,
        parties: |p| p["c"] = json!({"country": "ID"}),
        path: "/parties/c",
        message: "the party \"c\" needs one of person, account or entity",
    },
    Refusal {
        name: "an unknown party key",
        entity: keep,
        parties: |p| p["c"]["kyc"] = json!(true),
        path: "/parties/c/kyc",
        message: "unknown key \"kyc\"",
    },
    Refusal {
        name: "a bad party country",
        entity: keep,
        parties: |p| p["c"]["country"] = json!("Indonesia"),
        path: "/parties/c/country",
        message: "country \"Indonesia\" must be one of the schema's country_type codes",
    },
    Refusal {
        name: "an id with a slash is escaped in the path",
        entity: keep,
        parties: |p| p["a/b~c"] = json!({"person": {"first_name": "Contoh"}}),
        path: "/parties/a~1b~0c/person/last_name",
        message: "last_name is required by t_person_my_client",
    },
];

#[test]
fn bad_records_are_refused_with_their_path_and_rule() {
    let mut names = std::collections::HashSet::new();
    for r in REFUSALS {
        assert!(names.insert(r.name), "duplicate test name {}", r.name);
        let mut entity: Value = serde_json::from_str(ENTITY).unwrap();
        let mut parties: Value = serde_json::from_str(PARTIES).unwrap();
        (r.entity)(&mut entity);
        (r.parties)(&mut parties);
        let Err(e) = report(&entity.to_string(), Some(&parties.to_string()), &id()) else {
            panic!("{}: the report was written", r.name);
        };
        assert_eq!(e.kind(), ErrorKind::InvalidRecord, "{}: {e}", r.name);
        assert_eq!(e.code(), "invalid_record");
        assert_eq!(e.path(), r.path, "{}: {e}", r.name);
        assert!(e.message().contains(r.message), "{}: {e}", r.name);
    }
}

#[test]
fn the_other_refusals() {
    let full = |o: &ReportOptions| report(ENTITY, Some(PARTIES), o).unwrap_err();
    // An indicator code the schema does not list.
    let e = full(&id().indicator_codes(r#"{"TEST-STANDIN": "CSE01"}"#));
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidRecord, "/indicatorCodes/TEST-STANDIN"));
    assert!(
        e.message().contains("indicator \"CSE01\" must be one of the schema's report_indicator_type codes (-)"),
        "{e}"
    );
    let e = full(&id().indicator_codes(r#"["CSE01"]"#));
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidRecord, "/indicatorCodes"));
    let e = full(&id().indicator_codes(r#"{"TEST-STANDIN": 1}"#));
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidRecord, "/indicatorCodes/TEST-STANDIN"));
    // A submission date that is no sql_date.
    for bad in ["2026-11-20", "2026-11-20T10:00:00+07:00", "yesterday"] {
        let e = full(&ReportOptions::new(bad));
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidOption, "/submission_date"), "{bad}");
    }
    // A host schema that is not one.
    let e = full(&id().schema("<not xml"));
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidRecord, "/schema"));
    assert!(e.message().contains("not well-formed XML"), "{e}");
    let e = full(&id().schema("<schema/>"));
    assert!(e.message().contains("not an xs:schema"), "{e}");
    // A DTD is refused, entities are never expanded.
    let e = full(&id().schema("<!DOCTYPE x [<!ENTITY a \"b\">]><x/>"));
    assert_eq!(e.kind(), ErrorKind::InvalidRecord);
    // Not JSON.
    let e = report("{", Some(PARTIES), &id()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidRecord);
    // A case without payments.
    let mut c = case();
    c.transactions.clear();
    let e = goaml_report(&c, ENTITY, None, &crate::cases::tests::pack(), &id()).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidCase, "/transactions"));
    // An amount past sql_decimal.
    let mut c = case();
    c.transactions[0].amount = "7900000000000001.00".into();
    let e = goaml_report(&c, ENTITY, None, &crate::cases::tests::pack(), &id()).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidCase, "/transactions/0/amount"));
}

#[test]
fn a_host_schema_replaces_the_lookup_lists() {
    // Its indicator codes are allowed, and written once each.
    let options = id().schema(&widened(&["CSE01", "CSE02"])).indicator_codes(r#"{"TEST-STANDIN": "CSE01"}"#);
    let r = report(ENTITY, Some(PARTIES), &options).unwrap();
    assert_eq!(element(&r.xml, "report_indicators"), Some("\n    <indicator>CSE01</indicator>\n  "));
    // Its gender list replaces the built-in one.
    let narrow = relisted("gender_type", "-", &["U"]);
    let e = report(ENTITY, Some(PARTIES), &id().schema(&narrow)).unwrap_err();
    assert_eq!(e.path(), "/entity/reporting_person/gender");
    assert!(e.message().contains("gender_type codes (U, F, M)"), "{e}");
    // A host schema without STR is refused before anything is written.
    let no_str = XSD.replace("<xs:enumeration value=\"STR\">", "<xs:enumeration value=\"STX\">");
    let e = report(ENTITY, Some(PARTIES), &id().schema(&no_str)).unwrap_err();
    assert!(e.message().contains("report_code \"STR\" (written by jejak)"), "{e}");
}

#[test]
fn indicator_codes_are_dash_once_or_the_distinct_codes() {
    let mut c = case();
    let ind = |id: &str, src: &str| CaseIndicator { indicator: id.into(), reference: None, source: src.into() };
    c.indicators = vec![ind("A", "X"), ind("A", "Y"), ind("B", "X"), ind("C", "X")];
    let table = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    };
    assert_eq!(indicator_codes(&c, &[]), ["-"]);
    assert_eq!(indicator_codes(&c, &table(&[("A", "-"), ("B", "-")])), ["-"]);
    assert_eq!(indicator_codes(&c, &table(&[("A", "K1"), ("B", "K1"), ("C", "K2")])), ["K1", "K2"]);
    assert_eq!(indicator_codes(&c, &table(&[("B", "K2")])), ["K2"]);
}

#[test]
fn cases_read_back_and_unknown_ids_are_named() {
    let text = crate::cases::tests::example();
    let cases = read_cases(&text).unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].transactions.len(), 13);
    assert_eq!(cases[0].transactions[12].to, None);
    let e = find_case(&cases, "case-9").unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidOption, "/case"));
    assert!(e.message().contains("no case \"case-9\": the cases are case-1"), "{e}");
    // A bad field is named by its pointer.
    let bad = text.replacen("\"level\": \"review\"", "\"level\": \"urgent\"", 1);
    let e = read_cases(&bad).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidCase, "/cases/0/level"));
    let e = read_cases("{\"cases\": [{}]}").unwrap_err();
    assert_eq!(e.path(), "/cases/0/id");
    let e = Case::from_json("[]").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidCase);
}

/// The payments the example case does not have: no payer, a merchant
/// payee without a record, another currency, a long and a short id, no
/// channel, cash without a payer.
fn shapes() -> Report {
    use crate::cases::{CaseAccount, Role};
    let mut c = case();
    c.accounts.push(CaseAccount {
        id: "toko".into(),
        merchant: true,
        role: Role::Payee,
        received: "80000.00".into(),
        sent: "0.00".into(),
        flags: vec![],
    });
    let t = &mut c.transactions;
    t[0].from = None;
    t[1].to = Some("toko".into());
    t[2].currency = crate::money::Currency::parse("USD").unwrap();
    t[2].amount = "12.50".into();
    t[3].id = Some("x".repeat(101));
    t[4].id = Some("TX-0004".into());
    t[5].channel = None;
    t[12].from = None;
    let r = goaml_report(&c, ENTITY, Some(PARTIES), &crate::cases::tests::pack(), &id()).unwrap();
    assert!(r.xml.contains("<from_person>\n        <first_name>(tidak diketahui)</first_name>"));
    assert!(r.xml.contains("<to_entity>\n        <name>DRAF: data KYC belum diisi</name>"));
    assert!(r.xml.contains("Nominal dalam USD, tidak dikonversi ke IDR"));
    assert!(r.xml.contains("<transactionnumber>case-1-4</transactionnumber>"));
    assert!(r.xml.contains("<transactionnumber>TX-0004</transactionnumber>"));
    assert!(r.xml.contains("<first_name>TUNAI</first_name>\n        <last_name>-</last_name>"));
    assert_eq!(r.placeholders, ["toko"]);
    r
}

/// Writes full.xml, placeholder.xml, mapped.xml and shapes.xml to `JEJAK_GOAML_OUT`
/// for `make goaml-validate`.
#[test]
fn writes_the_sample_reports() {
    let full = report(ENTITY, Some(PARTIES), &id()).unwrap();
    let placeholder = report(ENTITY, None, &id().locale(Locale::En)).unwrap();
    let mapped = report(
        ENTITY,
        Some(PARTIES),
        &id().schema(&widened(&["CSE01"])).indicator_codes(r#"{"TEST-STANDIN": "CSE01"}"#),
    )
    .unwrap();
    let shapes = shapes();
    let Ok(dir) = std::env::var("JEJAK_GOAML_OUT") else { return };
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    let samples =
        [("full.xml", &full), ("placeholder.xml", &placeholder), ("mapped.xml", &mapped), ("shapes.xml", &shapes)];
    for (name, r) in samples {
        std::fs::write(dir.join(name), &r.xml).unwrap();
    }
}

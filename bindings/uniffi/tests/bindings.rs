//! The Kotlin tests on the JVM: UniFFI's harness builds this crate's
//! library, generates the Kotlin bindings, compiles them with kotlinc
//! (2.3.21, from npm's `kotlin-compiler`; JNA from Debian's libjna-java on
//! CLASSPATH) and runs the script (`make native` sets both up).

uniffi::build_foreign_language_testcases!("tests/bindings/test_jejak.kts");

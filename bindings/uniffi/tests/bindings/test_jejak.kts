// The Kotlin binding on the JVM (UniFFI's foreign-language test harness,
// `cargo test -p jejak-uniffi --test bindings`, in `make native`; the same
// steps by hand in `make test`: the Makefile's native-kotlin), against the npm package
// built in the same run (tests/npm-verdicts.mjs): every sample row's full
// verdict as the same JSON text, a replay with history giving the same
// verdicts and state bytes, every error code with its path, and a signed
// image of another pack screening as npm screens it.
import uniffi.jejak_uniffi.*
import java.io.File

val root = File(System.getenv("CARGO_MANIFEST_DIR")).parentFile.parentFile
val corpus = File(root, "www/samples/transactions.ndjson")
val history = File(root, "www/samples/history-all.ndjson")

fun npm(file: File, mode: String, vararg extra: String): List<String> {
    val node = ProcessBuilder("node", File(root, "bindings/uniffi/tests/npm-verdicts.mjs").path, file.path, mode, *extra)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start()
    val lines = node.inputStream.bufferedReader().readLines()
    check(node.waitFor() == 0) { "node exited with ${node.exitValue()}" }
    return lines.dropLast(1)
}

fun rows(file: File) = file.readLines().filter { it.isNotBlank() }

fun hex(bytes: ByteArray?) = bytes?.joinToString("") { "%02x".format(it) }

fun quote(s: String?) = if (s == null) "null" else "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""

/** The full verdict's JSON text, or the error as npm-verdicts.mjs writes it. */
fun screenJson(screener: Screener, row: String) = try {
    screener.screenJson(row)
} catch (e: JejakException.Refused) {
    "{\"code\":${quote(e.code)},\"path\":${quote(e.path)}}"
}

val screener = Screener()

// Every sample row, byte for byte.
val expected = npm(corpus, "plain")
val lines = rows(corpus)
check(lines.size == 1200 && expected.size == 1200)
lines.forEachIndexed { i, row ->
    val got = screenJson(screener, row)
    check(got == expected[i]) { "row ${i + 1}: $got\n  npm: ${expected[i]}" }
}

// A replay with history: the states threaded through the log by account id.
val replay = npm(history, "history")
val states = HashMap<String, ByteArray>()
var fired = false
rows(history).forEachIndexed { i, row ->
    val sender = Regex("\"sender\":\\{\"id\":\"([^\"]+)\"").find(row)?.groupValues?.get(1)
    val receiver = Regex("\"receiver\":\\{\"id\":\"([^\"]+)\"").find(row)?.groupValues?.get(1)
    val r = screener.screenWithHistory(row, sender?.let { states[it] }, receiver?.let { states[it] })
    r.receiverState?.let { states[receiver!!] = it }
    r.senderState?.let { states[sender!!] = it }
    val got = "{\"verdict\":${quote(r.verdictJson)},\"sender\":${quote(hex(r.senderState))},\"receiver\":${quote(hex(r.receiverState))}}"
    check(got == replay[i]) { "history row ${i + 1}: $got\n  npm: ${replay[i]}" }
    fired = fired || r.verdictJson.contains("HIST")
}
check(fired) { "the replay fired a history indicator" }

// A signed image the CLI compiled, keyed and signed (tests/npm-verdicts.mjs),
// of a pack whose digest is not the default's, screens as npm screens it;
// another publisher's key is refused.
val signedDir = java.nio.file.Files.createTempDirectory("jejak-signed").toFile()
val signedExpected = npm(corpus, "signed", signedDir.path)
val image = File(signedDir, "pack.signed").readBytes()
val publisher = File(signedDir, "publisher.public").readText().trim()
val signed = Screener.fromSignedImage(image, publisher, null)
check(signed.packDigest() != screener.packDigest())
lines.forEachIndexed { i, row ->
    val got = screenJson(signed, row)
    check(got == signedExpected[i]) { "signed, row ${i + 1}: $got\n  npm: ${signedExpected[i]}" }
}
signedDir.deleteRecursively()

// Typed records agree with the JSON.
val typed = screener.screen(lines[0])
check(screener.screenJson(lines[0]).contains("\"score\":${typed.score}"))
check(typed.packDigest == screener.packDigest())

// Every error with the engine's code and path.
fun refused(code: String, path: String, call: () -> Unit) {
    try {
        call()
        throw AssertionError("expected $code at $path")
    } catch (e: JejakException.Refused) {
        check(e.code == code && e.path == path) { "${e.code} at ${e.path}: ${e.text}" }
    }
}
refused("invalid_transaction", "/amount") { screener.screenJson("{\"timestamp\":\"2026-11-20T02:10:00+07:00\",\"amount\":\"-5\",\"currency\":\"IDR\"}") }
refused("invalid_transaction", "") { screener.screenJson("{not json") }
refused("invalid_state", "/sender") {
    screener.screenWithHistory("{\"timestamp\":\"2026-11-20T02:10:00+07:00\",\"amount\":\"5\",\"currency\":\"IDR\",\"sender\":{\"id\":\"a\"}}", byteArrayOf(0, 1), null)
}
refused("invalid_verdict", "/score") { screener.explain("{\"score\": \"x\"}") }
refused("invalid_option", "/locale") { Screener.withOptions("{\"locale\": \"fr\"}") }
refused("invalid_option", "") { Screener.fromSignedImage("JJKS".toByteArray(), "ed25519:00", null) }
refused("untrusted_key", "") { Screener.fromSignedImage(image, "ed25519:" + "11".repeat(32), null) }

// The README's "Use from Kotlin" example, as written there (a pytest in
// tests/test_jejak.py checks that the two copies are the same).
// README: begin
run {
val screener = Screener()
val verdict = screener.screen("""{"timestamp": "2026-11-20T02:10:00+10:00", "amount": "50",
  "currency": "AUD", "channel": "remittance", "memo": "sch00l f33s",
  "sender": {"country": "AU"}, "receiver": {"country": "PH", "isNew": true}}""")
check(verdict.level == Level.REVIEW)
try {
    screener.screenJson("""{"amount": "-5"}""")
} catch (e: JejakException.Refused) {
    check(e.code == "invalid_transaction" && e.path == "/timestamp")
}
}
// README: end

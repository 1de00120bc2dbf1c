/// The characters that reorder the text around them: embeddings and overrides (U+202A…202E),
/// isolates (U+2066…2069) and the marks LRM, RLM and ALM. A right-to-left override in a name
/// makes `evil\u{202E}lmth.exe` show as `evilexe.html`; the import refuses them, the letters
/// drop them, and the terminal shows them as escapes.
public enum BidirectionalControls {
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}

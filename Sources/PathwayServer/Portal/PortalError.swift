import Hummingbird

/// Why a portal request is answered with a page of its own instead of what it asked for.
enum PortalError: Error, Sendable {
    /// No such page, or not the school's: the same answer for both (404).
    case notFound
    /// A form without this session's CSRF token, or posted from another site (403).
    case forgedForm
    /// A form or file larger than the portal takes (413).
    case tooLarge
    /// A school clerk asked for a county page (403).
    case staffOnly
    /// A counsellor asked for an administrator's page (403).
    case administratorsOnly
    /// A form field holds what it cannot (too long, control characters, not a choice) (400).
    case badField(String)
    /// The request made sense but cannot be done; the message says why, in the page's language.
    case refused(String)
}

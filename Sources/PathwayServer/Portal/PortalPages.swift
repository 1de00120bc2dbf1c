import Foundation
import Hummingbird
import Mustache
import PathwayCore
import PathwayStorage

/// The portal's Mustache pages (`Sources/PathwayServer/Pages`), parsed once when the server
/// starts, and the frame every page shares: language, words, the signed-in person, the CSRF
/// token for its forms. Data reaches the pages only through `{{ }}`, which escapes it.
struct PortalPages: Sendable {
    let library: MustacheLibrary

    /// - Throws: `PortalPagesError` when a page is missing or does not parse: a broken install.
    init() throws {
        guard let folder = Bundle.module.url(forResource: "Pages", withExtension: nil) else {
            throw PortalPagesError(message: "the portal's page templates are missing from the installation")
        }
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        for file in files where file.pathExtension == "mustache" {
            let text = try String(contentsOf: file, encoding: .utf8)
            do {
                try library.register(text, named: file.deletingPathExtension().lastPathComponent)
            } catch {
                throw PortalPagesError(message: "the page template \(file.lastPathComponent) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// The stylesheet every page links (`/static/portal.css`): a file, so that the CSP can
    /// refuse inline styles.
    static let stylesheet: String = {
        guard let url = Bundle.module.url(forResource: "Pages/portal", withExtension: "css"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()

    /// Renders `page` with `values` and the shared frame, as an HTML response.
    func render(
        _ page: String, title: String, values: [String: Any] = [:], frame: PortalFrame,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var context = values
        context["lang"] = frame.language == .chinese ? "zh-CN" : "en"
        context["t"] = PortalText.words(frame.language)
        context["title"] = title
        context["switchURL"] = frame.switchURL
        if let session = frame.session {
            var account: [String: Any] = ["name": session.account.displayName]
            if let school = session.account.schoolID { account["accountSchool"] = school }
            context["account"] = account
            context["csrf"] = session.csrfToken
        }
        if frame.isConsole {
            context["console"] = true
            context["nav"] = ConsoleNavigation.items(path: frame.path, role: frame.session?.account.role, language: frame.language)
        }
        if let notice = frame.notice { context["notice"] = notice }
        if let problem = frame.problem { context["problem"] = problem }
        let html = library.render(context, withTemplate: page) ?? "<!doctype html><title>\(status.code)</title>"
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        if let cookie = frame.languageCookie { headers[.setCookie] = cookie.description }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The part of every page that is not its own: who is signed in, in which language, and a
/// message carried over from the last action.
struct PortalFrame: Sendable {
    var language: Language
    var session: Session?
    /// The same page in the other language.
    var switchURL: String
    /// Set when the request chose a language with `?lang=`: remembered for later pages.
    var languageCookie: Cookie?
    var notice: String?
    var problem: String?
    /// The page's path, for the console's navigation.
    var path: String
    /// Set for a clerk refused a console page: the school portal's frame, with the way back to it.
    var schoolFrame = false
    /// A page of the staff console (`/console/...`) rather than of the school portal.
    var isConsole: Bool { !schoolFrame && (path == "/console" || path.hasPrefix("/console/")) }

    /// The language a request asks for: `?lang=zh|en`, else the `pathway_lang` cookie, else
    /// Chinese (the county's language).
    init(request: Request, session: Session?, secure: Bool) {
        let asked = request.uri.queryParameters.get("lang").flatMap(Self.language)
        language = asked ?? request.cookies["pathway_lang"].flatMap { Self.language($0.value) } ?? .chinese
        self.session = session
        path = request.uri.path
        languageCookie = asked.map {
            Cookie(name: "pathway_lang", value: $0 == .chinese ? "zh" : "en", maxAge: 365 * 24 * 3600, path: "/",
                   secure: secure, httpOnly: true, sameSite: .lax)
        }
        let other = "lang=\(language == .chinese ? "en" : "zh")"
        if request.method == .get {
            var items = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.map(String.init)
            items.append(other)
            switchURL = request.uri.path + "?" + items.joined(separator: "&")
        } else {
            // The answer to a form has no address to ask for again: the switch goes to the area's start.
            let path = request.uri.path
            let home = path == "/console" || path.hasPrefix("/console/") ? "/console" : path.hasPrefix("/school/") ? "/school/referrals" : "/login"
            switchURL = home + "?" + other
        }
    }

    static func language(_ text: String) -> Language? {
        switch text {
        case "zh", "zh-CN": .chinese
        case "en": .english
        default: nil
        }
    }

    /// A word of the page's language.
    func word(_ key: String) -> String { PortalText.words(language)[key] ?? key }
}

/// The portal's templates could not be loaded.
struct PortalPagesError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

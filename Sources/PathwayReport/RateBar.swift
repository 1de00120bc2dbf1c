/// A small bar set in a table cell: the group's value, with a dark tick where the whole cohort
/// stands, so a gap between a group and the cohort is seen before it is read.
enum RateBar {
    static func svg(value: Double?, cohort: Double?, maximum: Double, color: String) -> String {
        let width = 110.0, height = 14.0
        var svg = "<svg class=\"mini\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" aria-hidden=\"true\">"
        svg += "<rect x=\"0\" y=\"3\" width=\"\(f(width))\" height=\"8\" fill=\"#eef1f5\"/>"
        let top = maximum > 0 ? maximum : 1
        if let value, value.isFinite {
            svg += "<rect x=\"0\" y=\"3\" width=\"\(f(min(width, max(0, value) / top * width)))\" height=\"8\" fill=\"\(color)\"/>"
        }
        if let cohort, cohort.isFinite {
            let x = min(width - 1, max(1, cohort / top * width))
            svg += "<line x1=\"\(f(x))\" y1=\"0\" x2=\"\(f(x))\" y2=\"\(f(height))\" stroke=\"#1c2430\" stroke-width=\"2\"/>"
        }
        return svg + "</svg>"
    }
}

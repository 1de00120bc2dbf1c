import PathwayCore

/// The report's only style sheet, inline so that the file stands alone: no web fonts (the
/// reader's own CJK fonts, in the order the common systems have them) and a print layout on A4.
enum ReportStyle {
    /// A whole stand-alone page: the document head with `title` (escaped) and this style sheet
    /// inline, then `body`, which is already HTML.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escaped(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>

        """ + body + "</body>\n</html>\n"
    }

    static let css = """
    @page { size: A4; margin: 14mm 12mm; }
    :root { --a: #1f5fa8; --b: #e08a2c; --ink: #1c2430; --muted: #5b6675; --line: #d8dee6; --below: #b42318; }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { margin: 0 auto; max-width: 980px; padding: 32px 28px 48px; color: var(--ink); background: #fff;
      font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC",
        "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
      font-size: 15px; line-height: 1.65; }
    h1 { font-size: 28px; line-height: 1.3; margin: 0 0 6px; }
    h2 { font-size: 20px; margin: 40px 0 6px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
    h3 { font-size: 16px; margin: 20px 0 2px; }
    .en { display: block; font-size: 12px; font-weight: normal; color: var(--muted); line-height: 1.4; }
    h1 .en, h2 .en, h3 .en { display: inline; margin-left: .6em; font-size: 13px; }
    .lead { color: var(--muted); margin: 4px 0 12px; font-size: 14px; }
    .runs { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 12px; margin: 12px 0; }
    .run { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; font-size: 13px; }
    .run .name { font-size: 16px; font-weight: 700; }
    .run table { width: auto; }
    .run table td { padding: 2px 14px 2px 0; border: none; font-size: 13px; }
    .tag { display: inline-block; min-width: 1.6em; padding: 0 .4em; margin-right: .4em; border-radius: 4px;
      color: #fff; font-weight: 700; text-align: center; font-size: 13px; }
    .tag.a { background: var(--a); } .tag.b { background: var(--b); }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 16px 0; }
    .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #f7f9fc; }
    .card .label { font-weight: 600; font-size: 14px; }
    .card .figure { display: block; font-size: 34px; font-weight: 700; line-height: 1.2; margin: 6px 0 2px;
      font-variant-numeric: tabular-nums; }
    .card .pair .figure { display: inline; font-size: 26px; }
    .card .pair > div { margin: 4px 0; }
    .card.primary { background: var(--a); border-color: var(--a); color: #fff; }
    .card.primary .en, .card.primary .note { color: #dce8f6; }
    .card.primary .tag.a { background: #fff; color: var(--a); }
    .note { font-size: 13px; color: var(--muted); }
    .banner { background: #fff4e5; border: 1px solid #f3c58a; padding: 8px 12px; border-radius: 6px; margin: 12px 0; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
    th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
    th { font-size: 13px; font-weight: 600; vertical-align: bottom; }
    th .en { font-size: 11px; }
    .num { text-align: right; white-space: nowrap; }
    tr.cohort td { font-weight: 700; background: #eef3f9; }
    tr.subhead td { padding-top: 16px; font-weight: 600; color: var(--muted); font-size: 13px; }
    td .en { display: inline; margin-left: .5em; }
    .below { color: var(--below); font-weight: 700; }
    .delta { color: var(--muted); font-size: 12px; }
    .cell { display: flex; align-items: center; justify-content: flex-end; gap: 6px; margin: 1px 0; }
    .cell .value { display: inline-block; min-width: 5.2em; text-align: right; }
    .cell .delta { display: inline-block; min-width: 3em; text-align: left; }
    .cell .tag { font-size: 11px; min-width: 1.4em; }
    .legend { display: flex; flex-wrap: wrap; gap: 16px; font-size: 13px; color: var(--muted); margin: 6px 0 4px; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 5px; }
    .swatch.seats { background: #e6ebf2; border: 1px solid #aab4c3; }
    .swatch.mark { width: 3px; background: var(--ink); border-radius: 0; }
    figure { margin: 6px 0 18px; }
    svg.chart { display: block; width: 100%; height: auto; }
    svg.mini { display: inline-block; vertical-align: middle; }
    svg text { font-family: inherit; }
    .empty { color: var(--muted); font-style: italic; }
    footer { margin-top: 44px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
    @media print {
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      h2 { margin-top: 24px; break-after: avoid; page-break-after: avoid; }
      h3 { break-after: avoid; page-break-after: avoid; }
      figure, .card, .cards, .run, tr { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
    }
    """
}

// Style: the page's one inline stylesheet — layout, type, the palette (one accent; red firing, amber pending,
// green OK) and the classes the SVG charts draw with. System fonts only: the page loads nothing.

enum Style {
    static let css = """
    :root{--fg:#1f2933;--muted:#5b6675;--faint:#8a94a3;--line:#e3e6eb;--bg:#f4f5f7;--card:#fff;\
    --accent:#2563a6;--accent-soft:#dbe7f5;--base:#a7b0bd;--red:#c0392b;--red-soft:#fcecea;\
    --amber:#b45f06;--amber-soft:#fff3df;--green:#2e7d3a;--green-soft:#e6f3e8;\
    --mono:ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--fg);\
    font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif;\
    font-variant-numeric:tabular-nums}
    .wrap{max-width:1180px;margin:0 auto;padding:0 24px}
    code,.key{font-family:var(--mono);font-size:12.5px}
    h1{font-size:22px;margin:0;font-weight:650;letter-spacing:-.01em}
    h2{font-size:17px;margin:0 0 4px;font-weight:650}
    h3{font-size:14px;margin:0;font-weight:600}
    p{margin:0}
    .muted{color:var(--muted)}
    .small{font-size:12.5px}
    .top{background:var(--card);border-bottom:1px solid var(--line);padding:20px 0 0}
    .titlerow{display:flex;align-items:baseline;gap:14px;flex-wrap:wrap}
    .live{font-size:12.5px;color:var(--green);font-weight:600}
    .meta{color:var(--muted);margin-top:2px;overflow-wrap:break-word}
    .meta+.meta{margin-top:0;font-size:13px}
    .verdict{margin-top:14px;padding:11px 16px;border-radius:8px;font-size:16px;font-weight:600;border:1px solid;\
    overflow-wrap:anywhere}
    .verdict.firing{background:var(--red-soft);color:#8e2318;border-color:#f2c4be}
    .verdict.pending{background:var(--amber-soft);color:#8a4700;border-color:#f3d7a8}
    .verdict.ok{background:var(--green-soft);color:#21602b;border-color:#bfe0c4}
    .verdict.idle{background:#eef0f3;color:var(--muted);border-color:var(--line)}
    nav{display:flex;gap:4px 18px;flex-wrap:wrap;padding:12px 0 12px;font-size:13px}
    nav a{color:var(--accent);text-decoration:none}
    nav a:hover{text-decoration:underline}
    main.wrap{padding-top:22px;padding-bottom:40px}
    section{margin-bottom:28px}
    .head{display:flex;align-items:baseline;gap:10px;flex-wrap:wrap;margin-bottom:10px}
    .head p{color:var(--muted);font-size:13px}
    .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px}
    .empty{background:var(--card);border:1px dashed #cfd4db;border-radius:10px;padding:14px 18px;color:var(--muted)}
    .facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px}
    .fact{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px;min-width:0}
    .fact .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
    .fact .value{font-size:22px;font-weight:650;line-height:1.3;margin:2px 0}
    .fact .sub{font-size:12.5px;color:var(--muted);overflow-wrap:anywhere}
    .fact.bad .value{color:var(--red)}
    .badge{display:inline-block;font-size:11px;font-weight:600;line-height:1;padding:3px 6px;border-radius:9px;\
    vertical-align:1px;white-space:nowrap;text-transform:lowercase}
    .badge.firing{background:var(--red);color:#fff}
    .badge.pending{background:var(--amber);color:#fff}
    .badge.resolved{background:var(--green-soft);color:var(--green)}
    .badge.gap{background:var(--amber-soft);color:#8a4700;border:1px solid #f0cf97}
    .badge.count{background:#e7eaee;color:var(--muted)}
    .alerts{display:grid;gap:12px}
    .alert{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--faint);border-radius:10px;\
    padding:14px 18px}
    .alert.firing{border-left-color:var(--red)}
    .alert.pending{border-left-color:var(--amber)}
    .alert.resolved{border-left-color:var(--green);background:#fbfcfb}
    .alert header{display:flex;align-items:baseline;gap:10px;flex-wrap:wrap}
    .alert .key{font-weight:600;font-size:14px;overflow-wrap:anywhere}
    .alert .when{margin-left:auto;color:var(--muted);font-size:12.5px}
    .alert .summary{margin:8px 0 10px;font-size:15px;overflow-wrap:anywhere}
    .alert.resolved .summary{font-size:14px;color:var(--muted)}
    .evidence{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px 16px;margin:0}
    .evidence div{min-width:0}
    .evidence dt{font-size:11.5px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
    .evidence dd{margin:0;font-weight:600;overflow-wrap:anywhere}
    .evidence dd span{display:block;font-weight:400;color:var(--muted);font-size:13px}
    .history{margin-top:8px;font-size:13px;color:var(--muted)}
    .examples{margin:10px 0 0;padding-left:22px;font-size:13px}
    .examples li{margin:3px 0;overflow-wrap:anywhere}
    .examples li::marker{color:var(--faint)}
    .ex[title]{text-decoration:underline dotted var(--faint);cursor:help}
    .sub-head{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;margin:12px 0 0}
    details>summary{cursor:pointer}
    .charts{display:grid;gap:14px}
    .chart-card .head{margin-bottom:6px}
    .latest{margin-left:auto;font-size:12.5px;font-weight:600;color:var(--fg)}
    .legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12.5px;color:var(--muted)}
    .sw{display:inline-block;width:18px;height:0;border-top:2.5px solid var(--accent);vertical-align:middle;margin-right:6px}
    .sw.reference{border-top:2px dashed var(--base)}
    .sw.mark{width:0;border-left:5px solid transparent;border-right:5px solid transparent;border-top:7px solid var(--red)}
    .sw.hit{width:14px;height:9px;border:0;background:var(--amber);border-radius:2px}
    .sw.hit.firing{background:var(--red)}
    .chart{display:block;width:100%;height:auto;overflow:visible}
    .chart text{font-size:11px;fill:var(--muted)}
    .chart .axis-name{fill:var(--faint);font-size:10.5px}
    .chart .time{font-size:10px}
    .chart .grid{stroke:#edf0f3}
    .chart .axis,.chart .tick{stroke:#c3c9d1}
    .chart .line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
    .chart .s-live{stroke:var(--accent)}
    .chart .s-reference{stroke:var(--base)}
    .chart circle.s-live{fill:var(--accent)}
    .chart circle.s-reference{fill:var(--base)}
    .chart .line.s-reference{stroke-dasharray:6 4;stroke-width:1.6}
    .chart .point{stroke:#fff;stroke-width:1.5}
    .chart .mark-band{fill:var(--red);opacity:.09}
    .chart .mark{fill:var(--red)}
    .chart.compact text{font-size:10px}
    .chart.compact .line{stroke-width:1.6}
    .strip .lane{fill:#f1f3f6}
    .strip .hit{fill:var(--amber)}
    .strip .hit.firing{fill:var(--red)}
    .strip text{fill:var(--fg);font-family:var(--mono);font-size:11px}
    .strip .axis-name,.strip .time{font-family:inherit;fill:var(--muted)}
    .bridge .interval{fill:var(--accent-soft)}
    .bridge .level{fill:var(--accent)}
    .bridge .step.down{fill:var(--red)}
    .bridge .step.up{fill:var(--green)}
    .bridge .row-label{fill:var(--fg);font-size:12.5px}
    .bridge .row-value{fill:var(--fg);font-size:12.5px;font-weight:600}
    .multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:12px}
    .multiples-head{margin-top:18px}
    .multiple{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 12px 8px;min-width:0}
    .multiple.alerting{border-color:#efb7b0;box-shadow:inset 3px 0 0 var(--red)}
    .multiple h3{font-size:13px;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
    .multiple .move{font-size:12.5px;color:var(--muted);margin-bottom:4px}
    .table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th{font-size:11.5px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.03em;\
    text-align:left;background:#fafbfc;border-bottom:1px solid var(--line);padding:8px 10px;vertical-align:bottom}
    td{padding:7px 10px;border-bottom:1px solid #eef0f3;vertical-align:middle}
    tr:last-child td{border-bottom:0}
    td.num,th.num{text-align:right}
    td.num{white-space:nowrap}
    td.slice{min-width:180px;max-width:320px;overflow-wrap:anywhere}
    td.slice code{color:var(--muted)}
    td.slice .badge{margin-left:6px}
    tr.alerting td{background:#fdf3f2}
    tr.alerting td:first-child{box-shadow:inset 3px 0 0 var(--red)}
    .up{color:#a33a12}
    .down{color:var(--accent)}
    .worse{color:var(--red);font-weight:600}
    .bars{width:150px;min-width:90px}
    .bar{height:6px;border-radius:3px;margin:2px 0;min-width:1px}
    .bar.base{background:var(--base)}
    .bar.live{background:var(--accent)}
    .ref{display:block;color:var(--faint);font-size:11.5px;line-height:1.2}
    .dots{position:relative;height:14px;min-width:120px}
    .dots .track{position:absolute;left:0;right:0;top:6px;height:2px;background:#eceff3}
    .dots .span{position:absolute;top:5px;height:4px;background:#f3b9b2}
    .dots .span.better{background:#bcdcc2}
    .dots .d{position:absolute;top:2px;width:10px;height:10px;margin-left:-5px;border-radius:50%}
    .dots .d.eval{background:#fff;border:2px solid var(--base)}
    .dots .d.live{background:var(--accent)}
    .dots .d.live.worse{background:var(--red)}
    .explain{margin:10px 0 4px;font-size:14px}
    .gaps{display:grid;gap:10px}
    .gap-item h3{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap;overflow-wrap:anywhere}
    .gap-item .why{color:var(--muted);font-size:13px;margin-top:2px}
    .rule{font-size:12.5px;color:var(--muted);margin-top:8px}
    .ex-list details{background:var(--card);border:1px solid var(--line);border-radius:8px;margin-bottom:6px}
    .ex-list summary{padding:8px 14px;overflow-wrap:anywhere}
    .ex-list summary code{color:var(--muted)}
    .ex-list summary .muted{font-size:12.5px}
    .ex-cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:4px 24px;padding:0 14px 10px}
    .ex-cols .examples{margin-top:4px}
    footer{color:var(--faint);font-size:12px;border-top:1px solid var(--line);padding-top:12px;overflow-wrap:anywhere}
    @media (max-width:960px){.wrap{padding:0 14px}.bars{width:90px}td,th{padding:6px 7px}td.slice{min-width:140px}}
    @media print{.top{border:0}nav{display:none}details{break-inside:avoid}}
    """
}

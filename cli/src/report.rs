//! `tlatrace check --report FILE`: the checked run as one self-contained
//! HTML page (inline CSS and SVG, a line of inline JS, nothing fetched).
//!
//! The page is a message-sequence chart: one lifeline per node, the events
//! in merged order as boxes on their node's lifeline, and the messages
//! between nodes as arrows, derived from the vector clocks alone (see
//! [`arrows`]). The first event that does not conform is highlighted, with
//! the human report's diagnostics beside it; a header gives the verdict,
//! the spec, the trace files, the number of events and the time.
//!
//! Only a window of the run is drawn ([`Recorder`]): the last [`KEEP`]
//! events up to the first non-conforming one and [`AFTER`] events after
//! it, so that a long streamed log still reports in bounded memory.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tracecheck::event::{Clock, Event, UpdateOp};

/// The fill of the first non-conforming event's box (and only of it).
pub const HIGHLIGHT: &str = "#d93025";

/// Events drawn up to the first non-conforming one (or the end).
pub const KEEP: usize = 2000;

/// Events drawn after the first non-conforming one.
pub const AFTER: usize = 20;

/// The events of the run that the chart draws: a window of the merged log,
/// each with its 0-based position in it.
#[derive(Default)]
pub struct Recorder {
    kept: VecDeque<(usize, Event)>,
    next: usize,
    skipped: usize,
    failed: Option<usize>,
}

impl Recorder {
    /// Records the next event of the merged log (keeping only the window).
    pub fn push(&mut self, e: &Event) {
        let index = self.next;
        self.next += 1;
        if let Some(f) = self.failed {
            if index > f + AFTER {
                return;
            }
        }
        if self.kept.len() == KEEP && self.failed.is_none_or(|f| index <= f) {
            self.kept.pop_front();
            self.skipped += 1;
        }
        self.kept.push_back((index, e.clone()));
    }

    /// Whether events after the last one pushed are still drawn.
    pub fn wants_more(&self) -> bool {
        self.failed.is_none_or(|f| self.next <= f + AFTER)
    }

    /// Marks the event at 0-based position `index` as the first that does
    /// not conform.
    pub fn fail_at(&mut self, index: usize) {
        self.failed = Some(index);
    }

    /// Marks the last recorded event at `file:line` as the first that does
    /// not conform.
    pub fn fail_at_event(&mut self, file: &str, line: usize) {
        if let Some((i, _)) = self
            .kept
            .iter()
            .rev()
            .find(|(_, e)| e.file == file && e.line == line)
        {
            self.failed = Some(*i);
        }
    }
}

/// How the run ended, for the page.
pub enum Outcome {
    /// Every event conforms.
    Conforms,
    /// The first event no behaviour of the spec matches.
    Fails {
        /// The event's number as the human report gives it (1-based).
        number: usize,
        /// Its file.
        file: String,
        /// Its line.
        line: usize,
        /// The human report's diagnostics, as plain text.
        diagnostics: String,
    },
    /// The checker could not decide (an evaluation error in the spec).
    Undecided {
        /// The diagnostics, as plain text.
        diagnostics: String,
    },
}

/// Everything the page shows.
pub struct Page<'a> {
    /// The spec, as given.
    pub spec: &'a Path,
    /// The trace files, as given.
    pub traces: &'a [PathBuf],
    /// The events drawn.
    pub recorder: &'a Recorder,
    /// The verdict.
    pub outcome: Outcome,
    /// Events checked.
    pub checked: usize,
    /// Seconds the check took.
    pub seconds: f64,
}

/// Escapes text for HTML and SVG (element content and quoted attributes).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// At most `n` characters of `s`, with an ellipsis when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The lifeline of each event: its `node`; else, with several trace files,
/// the file's stem (the whole name when two files share a stem); else
/// "trace".
fn lifeline_names(events: &[(usize, Event)]) -> Vec<String> {
    let mut files: Vec<&str> = vec![];
    for (_, e) in events {
        if !files.contains(&e.file.as_str()) {
            files.push(&e.file);
        }
    }
    let stem = |f: &str| {
        Path::new(f)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| f.to_string())
    };
    let file_name = |f: &str| -> String {
        if files.len() <= 1 {
            return "trace".into();
        }
        let s = stem(f);
        if files.iter().filter(|g| stem(g) == s).count() > 1 {
            f.to_string()
        } else {
            s
        }
    };
    events
        .iter()
        .map(|(_, e)| e.node.clone().unwrap_or_else(|| file_name(&e.file)))
        .collect()
}

/// A vector clock's entry for `node` (0 when absent).
fn entry(clock: &[(String, u64)], node: &str) -> u64 {
    clock
        .iter()
        .find(|(n, _)| n == node)
        .map(|(_, c)| *c)
        .unwrap_or(0)
}

fn vector(e: &Event) -> Option<&[(String, u64)]> {
    match &e.clock {
        Some(Clock::Vector(v)) => Some(v),
        _ => None,
    }
}

/// Entry-wise `a <= b` (missing entries are 0).
fn le(a: &[(String, u64)], b: &[(String, u64)]) -> bool {
    a.iter().all(|(n, x)| *x <= entry(b, n))
}

/// The messages of the chart, as pairs of positions in `events` (sender,
/// receiver), derived from the vector clocks alone. For an event `f` on
/// lifeline Y and each other lifeline X: when f's entry for X is above that
/// of the previous event on Y, f has heard of X's events up to the latest
/// one `e` (before f) whose own X entry is at most f[X]; `e` is a sender
/// unless f heard of it through another sender (e's clock is below that
/// sender's), so that knowledge passed on is not drawn as a message. No
/// arrows without vector clocks.
pub fn arrows(events: &[(usize, Event)], lifelines: &[String]) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut names: Vec<&str> = vec![];
    for n in lifelines {
        if !names.contains(&n.as_str()) {
            names.push(n);
        }
    }
    // The positions of each lifeline's events so far.
    let mut on: Vec<Vec<usize>> = vec![vec![]; names.len()];
    for (fi, (_, f)) in events.iter().enumerate() {
        let y = names.iter().position(|n| *n == lifelines[fi]).unwrap_or(0);
        if let Some(fc) = vector(f) {
            let prev = on[y].last().and_then(|&p| vector(&events[p].1));
            let mut senders: Vec<usize> = vec![];
            for (x, xname) in names.iter().enumerate() {
                if x == y {
                    continue;
                }
                let fx = entry(fc, xname);
                if fx <= prev.map_or(0, |p| entry(p, xname)) {
                    continue;
                }
                let e = on[x]
                    .iter()
                    .rev()
                    .copied()
                    .find(|&p| vector(&events[p].1).is_some_and(|ec| entry(ec, xname) <= fx));
                if let Some(e) = e {
                    senders.push(e);
                }
            }
            let direct: Vec<usize> = senders
                .iter()
                .copied()
                .filter(|&e| {
                    let ec = vector(&events[e].1).unwrap_or(&[]);
                    !senders.iter().any(|&o| {
                        o != e && {
                            let oc = vector(&events[o].1).unwrap_or(&[]);
                            le(ec, oc) && !le(oc, ec)
                        }
                    })
                })
                .collect();
            out.extend(direct.into_iter().map(|e| (e, fi)));
        }
        on[y].push(fi);
    }
    out.sort_unstable();
    out
}

/// The label of an event's box: `action(p=v, ...)`, or "init" for an
/// unlabelled first event of its lifeline, or "state".
fn box_label(e: &Event, first_on_lifeline: bool) -> String {
    match &e.action {
        Some(a) if e.params.is_empty() => a.clone(),
        Some(a) => {
            // A long value (a message bound inside the action) is cut:
            // the tooltip shows more of it.
            let ps: Vec<String> = e
                .params
                .iter()
                .map(|(p, v)| format!("{p}={}", clip(&v.to_string(), 24)))
                .collect();
            format!("{a}({})", ps.join(", "))
        }
        None if first_on_lifeline => "init".into(),
        None => "state".into(),
    }
}

fn path_text(var: &str, path: &[evaluator::value::Value]) -> String {
    let mut s = var.to_string();
    for k in path {
        let _ = write!(s, "[{k}]");
    }
    s
}

/// The tooltip of an event's box: where it was logged, its clock and what
/// it logged.
fn tooltip(number: usize, node: &str, e: &Event) -> String {
    let mut t = format!("#{number} {node}: {}:{}", e.file, e.line);
    if let Some(a) = &e.action {
        let ps: Vec<String> = e
            .params
            .iter()
            .map(|(p, v)| format!("{p} = {}", clip(&v.to_string(), 160)))
            .collect();
        let _ = write!(t, "\n{a}({})", ps.join(", "));
    }
    match &e.clock {
        Some(Clock::Lamport(c)) => {
            let _ = write!(t, "\nclock {c}");
        }
        Some(Clock::Vector(v)) => {
            let es: Vec<String> = v.iter().map(|(n, c)| format!("{n}: {c}")).collect();
            let _ = write!(t, "\nclock {{{}}}", es.join(", "));
        }
        None => {}
    }
    for f in e.state.iter().chain(&e.updates).take(12) {
        let p = path_text(&f.var, &f.path);
        let line = match &f.op {
            UpdateOp::Set(v) => format!("{p} = {v}"),
            UpdateOp::Add(v) => format!("{p}: add {v}"),
            UpdateOp::Remove(v) => format!("{p}: remove {v}"),
            UpdateOp::Keep => format!("{p} unchanged"),
        };
        let _ = write!(t, "\n{}", clip(&line, 160));
    }
    t
}

/// Approximate width in pixels of `s` in the chart's 11px sans-serif.
fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * 6.8
}

const GUTTER: f64 = 56.0;
const ROW: f64 = 30.0;
const TOP: f64 = 14.0;
const BOX_H: f64 = 22.0;
const HEAD_H: f64 = 40.0;
const LABEL_CHARS: usize = 32;

/// The chart: a sticky header with the lifelines' names, and the body.
struct Chart {
    head: String,
    body: String,
    width: f64,
    /// The y of the failing event's row in the body, if drawn.
    fail_y: Option<f64>,
    /// The lifelines, left to right.
    nodes: Vec<String>,
    /// How many arrows.
    messages: usize,
}

fn chart(rec: &Recorder) -> Chart {
    let events: Vec<(usize, Event)> = rec.kept.iter().cloned().collect();
    let lifelines = lifeline_names(&events);
    let mut names: Vec<&str> = vec![];
    for n in &lifelines {
        if !names.contains(&n.as_str()) {
            names.push(n);
        }
    }
    // Labels, and each lifeline's column width from its longest label.
    let mut seen = vec![false; names.len()];
    let mut labels = vec![];
    let mut col_w: Vec<f64> = names
        .iter()
        .map(|n| (text_width(&clip(n, 24)) + 28.0).max(100.0))
        .collect();
    for (i, (_, e)) in events.iter().enumerate() {
        let x = names.iter().position(|n| *n == lifelines[i]).unwrap_or(0);
        let full = box_label(e, !seen[x]);
        seen[x] = true;
        let shown = clip(&full, LABEL_CHARS);
        col_w[x] = col_w[x].max(text_width(&shown) + 28.0);
        labels.push((full, shown));
    }
    let mut centers = vec![];
    let mut x0 = GUTTER;
    for w in &col_w {
        centers.push(x0 + w / 2.0);
        x0 += w;
    }
    let width = x0 + 16.0;
    let height = TOP * 2.0 + ROW * events.len().max(1) as f64;
    let row_y = |i: usize| TOP + ROW * i as f64 + ROW / 2.0;
    let box_w = |i: usize| text_width(&labels[i].1) + 18.0;

    // Header: the lifelines' names.
    let mut head = String::new();
    let _ = write!(
        head,
        r#"<svg class="head" xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{HEAD_H:.0}" viewBox="0 0 {width:.0} {HEAD_H:.0}">"#
    );
    for (x, n) in names.iter().enumerate() {
        let shown = clip(n, 24);
        let w = text_width(&shown) + 20.0;
        let _ = write!(
            head,
            r#"<g class="lifeline" data-node="{}"><title>{}</title><rect x="{:.1}" y="6" width="{w:.1}" height="28" rx="6" class="node"/><text x="{:.1}" y="24" class="node">{}</text></g>"#,
            esc(n),
            esc(n),
            centers[x] - w / 2.0,
            centers[x],
            esc(&shown)
        );
    }
    head.push_str("</svg>");

    let mut body = String::new();
    let _ = write!(
        body,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}">"#
    );
    body.push_str(
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5f6b7a"/></marker><marker id="arrow-fail" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8c1d18"/></marker></defs>"##,
    );
    let fail_pos = rec
        .failed
        .and_then(|f| events.iter().position(|(i, _)| *i == f));
    if let Some(p) = fail_pos {
        let _ = write!(
            body,
            r#"<rect class="band" x="0" y="{:.1}" width="{width:.0}" height="{ROW:.0}"/>"#,
            row_y(p) - ROW / 2.0
        );
    }
    for c in &centers {
        let _ = write!(
            body,
            r#"<line class="life" x1="{c:.1}" y1="0" x2="{c:.1}" y2="{height:.0}"/>"#
        );
    }
    let after = |i: usize| fail_pos.is_some_and(|p| i > p);
    // Arrows under the boxes.
    let column = |i: usize| names.iter().position(|n| *n == lifelines[i]).unwrap_or(0);
    let msgs = arrows(&events, &lifelines);
    for &(s, r) in &msgs {
        let (cs, cr) = (centers[column(s)], centers[column(r)]);
        let dir = if cr >= cs { 1.0 } else { -1.0 };
        let x1 = cs + dir * box_w(s) / 2.0;
        let x2 = cr - dir * (box_w(r) / 2.0 + 1.0);
        let class = if Some(r) == fail_pos {
            "msg into-fail"
        } else if after(r) {
            "msg after"
        } else {
            "msg"
        };
        let marker = if Some(r) == fail_pos {
            "arrow-fail"
        } else {
            "arrow"
        };
        let _ = write!(
            body,
            r#"<path class="{class}" data-from="{}" data-to="{}" d="M{x1:.1},{:.1} L{x2:.1},{:.1}" marker-end="url(#{marker})"/>"#,
            events[s].0 + 1,
            events[r].0 + 1,
            row_y(s),
            row_y(r)
        );
    }
    for (i, (index, e)) in events.iter().enumerate() {
        let number = index + 1;
        let c = centers[column(i)];
        let y = row_y(i);
        let w = box_w(i);
        let (full, shown) = &labels[i];
        let kind = if Some(i) == fail_pos {
            "ev fail"
        } else if after(i) {
            "ev after"
        } else if e.action.is_none() {
            "ev state"
        } else {
            "ev"
        };
        let id = if Some(i) == fail_pos {
            "failure".to_string()
        } else {
            format!("ev-{number}")
        };
        let mut tip = tooltip(number, &lifelines[i], e);
        if after(i) {
            tip.push_str("\n(after the first non-conforming event: not checked)");
        }
        if full != shown {
            tip = format!("{full}\n{tip}");
        }
        let _ = write!(
            body,
            r#"<g class="{kind}" id="{id}" data-event="{number}" data-node="{}" data-src="{}:{}"><title>{}</title><text class="num" x="{:.1}" y="{:.1}">{number}</text><rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{BOX_H:.0}" rx="4"/><text class="label" x="{c:.1}" y="{:.1}">{}</text></g>"#,
            esc(&lifelines[i]),
            esc(&e.file),
            e.line,
            esc(&tip),
            GUTTER - 10.0,
            y + 4.0,
            c - w / 2.0,
            y - BOX_H / 2.0,
            y + 4.0,
            esc(shown)
        );
    }
    body.push_str("</svg>");
    Chart {
        head,
        body,
        width,
        fail_y: fail_pos.map(row_y),
        nodes: names.iter().map(|n| n.to_string()).collect(),
        messages: msgs.len(),
    }
}

const CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 "DejaVu Sans",system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;background:#f3f5f8}
.banner{position:sticky;top:0;z-index:3;height:42px;padding:10px 20px;color:#fff;font-weight:600;font-size:16px;display:flex;gap:16px;align-items:baseline;white-space:nowrap}
.banner span{overflow:hidden;text-overflow:ellipsis}
.banner.conforms{background:#137333}.banner.fails{background:#8c1d18}.banner.undecided{background:#9a5b00}
.banner a{flex:none;color:#fff;font-weight:400;font-size:14px}
header{padding:12px 20px 4px}
h1{font-size:18px;margin:0 0 8px}
table.meta{border-collapse:collapse;font-size:13px}
table.meta th{text-align:left;font-weight:600;color:#4b5563;padding:2px 14px 2px 0;vertical-align:top;white-space:nowrap}
table.meta td{padding:2px 0}
code{font:12px "DejaVu Sans Mono",ui-monospace,monospace;background:#e8ecf1;padding:1px 4px;border-radius:3px}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:#4b5563;margin:8px 0 4px}
.legend span{display:inline-flex;align-items:center;gap:5px}
.sw{display:inline-block;width:14px;height:10px;border-radius:2px;border:1px solid}
.layout{display:grid;grid-template-columns:max-content minmax(340px,1fr);align-items:start;gap:20px;padding:8px 20px 40px}
.layout.alone{grid-template-columns:max-content}
.chartbox{background:#fff;border:1px solid #d6dbe3;border-radius:8px}
.chartbox .headwrap{position:sticky;top:42px;z-index:2;background:#fff;border-bottom:1px solid #e5e8ee;border-radius:8px 8px 0 0}
svg{display:block}
svg text{font-family:"DejaVu Sans",system-ui,sans-serif;font-size:11px;text-anchor:middle}
rect.node{fill:#1f2937}
text.node{fill:#fff;font-weight:700;font-size:12px}
line.life{stroke:#b8c0cc;stroke-width:1.5;stroke-dasharray:5 4}
rect.band{fill:#fde8e6}
.ev rect{fill:#dbe8fb;stroke:#5b84c4;stroke-width:1}
.ev text.label{fill:#0f2a4a}
.ev.state rect{fill:#eef0f3;stroke:#9aa4b2}
.ev.state text.label{fill:#374151;font-style:italic}
.ev.fail rect{fill:HIGHLIGHT;stroke:#8c1d18;stroke-width:2}
.ev.fail text.label{fill:#fff;font-weight:700}
.ev.fail text.num{fill:#8c1d18;font-weight:700}
.ev.after{opacity:.38}
text.num{fill:#8a94a3;font-size:10px;text-anchor:end}
path.msg{stroke:#5f6b7a;stroke-width:1.3;fill:none}
path.msg.after{opacity:.35}
path.msg.into-fail{stroke:#8c1d18;stroke-width:2}
.ev:hover rect{stroke-width:2.5}
aside{align-self:stretch;min-width:0}
.diag{position:sticky;top:58px;background:#fff;border:1px solid #e2b4af;border-left:6px solid #8c1d18;border-radius:8px;padding:10px 14px}
.diag h2{font-size:15px;margin:0 0 6px;color:#8c1d18}
.diag p{margin:0 0 8px;font-size:13px}
.diag pre{margin:0;font:11.5px/1.4 "DejaVu Sans Mono",ui-monospace,monospace;white-space:pre;overflow:auto;max-height:calc(100vh - 170px);background:#fbfbfc;border:1px solid #eceff3;border-radius:4px;padding:8px}
.note{font-size:12px;color:#6b7280;margin:4px 0 0}
"#;

/// Renders the page.
pub fn render(page: &Page<'_>) -> String {
    let rec = page.recorder;
    let ch = chart(rec);
    let spec = page.spec.display().to_string();
    let mut h = String::new();
    let (verdict_class, verdict_text, title_verdict) = match &page.outcome {
        Outcome::Conforms => (
            "conforms",
            "✓ The trace conforms to the spec".to_string(),
            "conforms".to_string(),
        ),
        Outcome::Fails {
            number, file, line, ..
        } => (
            "fails",
            format!("✗ The trace does NOT conform at {file}:{line} (event {number})"),
            format!("does not conform at {file}:{line}"),
        ),
        Outcome::Undecided { .. } => (
            "undecided",
            "? The checker could not decide: evaluating the spec failed".to_string(),
            "undecided".to_string(),
        ),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"tlatrace {}\">\n<title>tlatrace: {} {}</title>\n<style>{}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&spec),
        esc(&title_verdict),
        CSS.replace("HIGHLIGHT", HIGHLIGHT)
    );
    let _ = writeln!(
        h,
        "<div class=\"banner {verdict_class}\" id=\"verdict\"><span>{}</span>{}</div>",
        esc(&verdict_text),
        if matches!(page.outcome, Outcome::Fails { .. }) && ch.fail_y.is_some() {
            "<a href=\"#failure\">go to the event</a>"
        } else {
            ""
        }
    );
    h.push_str("<header>\n<h1>tlatrace check: the run as a message-sequence chart</h1>\n<table class=\"meta\">\n");
    let _ = writeln!(
        h,
        "<tr><th>verdict</th><td id=\"verdict-text\">{}</td></tr>",
        esc(&title_verdict)
    );
    let _ = writeln!(
        h,
        "<tr><th>spec</th><td><code>{}</code></td></tr>",
        esc(&spec)
    );
    let traces: Vec<String> = page
        .traces
        .iter()
        .map(|t| format!("<code>{}</code>", esc(&t.display().to_string())))
        .collect();
    let _ = writeln!(
        h,
        "<tr><th>trace file{}</th><td>{}</td></tr>",
        if traces.len() == 1 { "" } else { "s" },
        traces.join(" ")
    );
    let drawn = match (rec.kept.front(), rec.kept.back()) {
        (Some((a, _)), Some((b, _))) => {
            let mut s = format!("events {}–{} drawn", a + 1, b + 1);
            if rec.skipped > 0 {
                let _ = write!(s, " (the first {} are not)", rec.skipped);
            }
            s
        }
        _ => "no events".into(),
    };
    let checked = match &page.outcome {
        Outcome::Fails { number, .. } => {
            format!("{} conform, then event {number} does not", page.checked)
        }
        _ => format!("{} checked", page.checked),
    };
    let _ = writeln!(
        h,
        "<tr><th>events</th><td id=\"events\">{checked}; {}</td></tr>",
        esc(&drawn)
    );
    let mut shown: Vec<&str> = ch.nodes.iter().take(30).map(String::as_str).collect();
    if ch.nodes.len() > shown.len() {
        shown.push("…");
    }
    let _ = writeln!(
        h,
        "<tr><th>nodes</th><td id=\"nodes\">{} lifeline{}: {}</td></tr>",
        ch.nodes.len(),
        if ch.nodes.len() == 1 { "" } else { "s" },
        esc(&shown.join(", "))
    );
    let _ = writeln!(
        h,
        "<tr><th>messages</th><td id=\"messages\">{}</td></tr>",
        match ch.messages {
            0 => "none drawn (arrows come from vector clocks)".to_string(),
            1 => "1 arrow, from the vector clocks".to_string(),
            n => format!("{n} arrows, from the vector clocks"),
        }
    );
    let _ = writeln!(
        h,
        "<tr><th>time</th><td><span class=\"time\">{:.3}s</span></td></tr>",
        page.seconds
    );
    h.push_str("</table>\n");
    let fails = matches!(page.outcome, Outcome::Fails { .. });
    h.push_str("<div class=\"legend\"><span><i class=\"sw\" style=\"background:#dbe8fb;border-color:#5b84c4\"></i>event: action(parameters)</span><span><i class=\"sw\" style=\"background:#eef0f3;border-color:#9aa4b2\"></i>event without action (init, state)</span>");
    if fails {
        let _ = write!(
            h,
            "<span><i class=\"sw\" style=\"background:{HIGHLIGHT};border-color:#8c1d18\"></i>first non-conforming event</span><span><i class=\"sw\" style=\"background:#dbe8fb;border-color:#5b84c4;opacity:.38\"></i>after it (not checked)</span>"
        );
    }
    h.push_str("<span>→ message (from the vector clocks)</span><span>hover a box for its file, line, clock and values</span></div>\n");
    h.push_str("</header>\n");
    let _ = writeln!(
        h,
        "<div class=\"layout{}\">",
        if matches!(page.outcome, Outcome::Conforms) {
            " alone"
        } else {
            ""
        }
    );
    let _ = writeln!(
        h,
        "<div class=\"chartbox\" style=\"width:{:.0}px\"><div class=\"headwrap\">{}</div>{}</div>",
        ch.width + 2.0,
        ch.head,
        ch.body
    );
    match &page.outcome {
        Outcome::Conforms => {}
        Outcome::Fails {
            number,
            file,
            line,
            diagnostics,
        } => {
            let top = ch.fail_y.map_or(0.0, |y| (y + HEAD_H - 60.0).max(0.0));
            let _ = writeln!(
                h,
                "<aside style=\"padding-top:{top:.0}px\"><div class=\"diag\" id=\"diagnostic\"><h2>Event {number} does not conform</h2><p><code>{}:{line}</code></p><pre>{}</pre></div></aside>",
                esc(file),
                esc(diagnostics)
            );
        }
        Outcome::Undecided { diagnostics } => {
            let _ = writeln!(
                h,
                "<aside><div class=\"diag\" id=\"diagnostic\"><h2>The checker could not decide</h2><pre>{}</pre></div></aside>",
                esc(diagnostics)
            );
        }
    }
    h.push_str("</div>\n");
    h.push_str("<script>window.addEventListener('load',function(){var f=document.getElementById('failure');if(f&&!location.hash){f.scrollIntoView({block:'center'});}});</script>\n");
    h.push_str("</body>\n</html>\n");
    h
}

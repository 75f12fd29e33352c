//! The directory screen: the query line, the filters in force, the result
//! list with matched letters highlighted, and the detail of the selected
//! service (when, where, cost, how to get in, contact, accessibility, and
//! how fresh and trusted the entry is).

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::domain::directory::describe::{Wording, contact, cost, distinct, places, sessions};
use crate::domain::directory::search::highlight;
use crate::domain::text;
use crate::domain::directory::{ServiceFacts, ServiceStatus};
use super::ServiceDetail;
use crate::ui::theme::{Role, Theme};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The title line of the directory.
pub fn title(frame: &mut Frame, cx: &Context, picking: Option<usize>, area: Rect) {
    let t = &cx.theme;
    let d = &cx.directory;
    let mut spans = vec![
        Span::styled(" linkwork ", t.style(Role::Title)),
        Span::raw(" "),
        Span::styled(" Directory ", t.style(Role::Selection)),
    ];
    if let Some(index) = &d.index {
        spans.push(Span::styled(
            format!("  {} services", thousands(index.len())),
            t.style(Role::Muted),
        ));
    }
    if let Some(p) = &d.for_person {
        spans.push(Span::styled(format!("  for {p}"), t.style(Role::Info)));
    }
    if let Some(g) = picking {
        spans.push(Span::styled(
            format!("  choosing for goal {} (Enter chooses)", g + 1),
            t.style(Role::Warning),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The body: query, filters, results and detail.
pub fn draw(frame: &mut Frame, cx: &Context, typing: bool, area: Rect) {
    let t = &cx.theme;
    let d = &cx.directory;
    let [query_area, filter_area, main] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    let mut query = vec![
        Span::styled(" Search: ", t.style(Role::Header)),
        Span::styled(d.query.clone(), t.style(Role::Text)),
    ];
    if typing {
        query.push(Span::styled("▏", t.style(Role::Key)));
    }
    if d.index.is_some() {
        let n = d.results.total;
        let what = if n == 1 { "service" } else { "services" };
        query.push(Span::styled(
            format!("   {} {what}", thousands(n)),
            t.style(Role::Muted),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(query)), query_area);
    let on = d.filter.describe();
    let filters = if on.is_empty() {
        Span::styled(" No filters (f to filter)", t.style(Role::Muted))
    } else {
        Span::styled(
            format!(" Filters: {}", on.join(", ")),
            t.style(Role::Warning),
        )
    };
    frame.render_widget(Paragraph::new(Line::from(filters)), filter_area);

    let [list_area, detail_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(main);
    let list_block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border))
        .title(Span::styled(" Services ", t.style(Role::Title)));
    let inner = list_block.inner(list_area);
    frame.render_widget(list_block, list_area);
    if let Some(problem) = &d.load_error {
        frame.render_widget(
            Paragraph::new(Span::styled(problem.clone(), t.style(Role::Danger)))
                .wrap(Wrap { trim: true }),
            inner,
        );
    } else if d.index.is_none() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                " Loading the directory…",
                t.style(Role::Muted),
            )),
            inner,
        );
    } else if d.results.hits.is_empty() {
        // The keys named are the ones that work from here (while typing,
        // letters go into the search).
        let key = |mode, action| cx.keymap.first_key(mode, action).unwrap_or_default();
        let then = |action| {
            if typing {
                format!(
                    "press {} to leave the search, then {}",
                    key(crate::ui::Mode::DirectoryFind, Action::Open),
                    key(crate::ui::Mode::Directory, action)
                )
            } else {
                format!("press {}", key(crate::ui::Mode::Directory, action))
            }
        };
        let text = if d.query.trim().is_empty() && !d.filter.is_active() {
            format!(
                " The directory is empty. Import Open Referral data with `linkwork directory import PATH`, or {} to add a service.",
                then(Action::AddService)
            )
        } else if d.filter.is_active() {
            format!(
                " Nothing matches. Fewer words, or {} to clear the filters.",
                then(Action::ClearFilters)
            )
        } else {
            " Nothing matches. Fewer words, or other words for the same thing.".to_owned()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, t.style(Role::Muted))).wrap(Wrap { trim: false }),
            inner,
        );
    } else {
        list(frame, cx, inner);
    }

    let detail_block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::Border))
        .title(Span::styled(" Detail ", t.style(Role::Title)));
    let inner = detail_block.inner(detail_area);
    frame.render_widget(detail_block, detail_area);
    if let Some(detail) = &d.detail {
        frame.render_widget(
            Paragraph::new(detail_lines(t, detail, cx.clock.today(), inner.width)),
            inner,
        );
    }
}

/// The visible rows of the result list only.
fn list(frame: &mut Frame, cx: &Context, area: Rect) {
    let t = &cx.theme;
    let d = &cx.directory;
    let Some(index) = &d.index else { return };
    let rows = usize::from(area.height);
    let mut lines = Vec::new();
    for (i, hit) in d.results.hits.iter().enumerate().skip(d.offset).take(rows) {
        let Some(f) = index.facts(hit.index) else {
            continue;
        };
        lines.push(row(
            t,
            f,
            &d.query,
            i == d.selected,
            cx.clock.today(),
            usize::from(area.width),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// One result in `width` columns: the name with matched letters
/// highlighted, the town, and marks for inactive and stale entries. The
/// marks always show; the town goes first when room is short, then the
/// name is shortened with an ellipsis.
fn row(
    t: &Theme,
    f: &ServiceFacts,
    query: &str,
    selected: bool,
    today: NaiveDate,
    width: usize,
) -> Line<'static> {
    let base = if selected {
        t.style(Role::Selection)
    } else {
        t.style(Role::Text)
    };
    let mut marks = Vec::new();
    if !f.is_active() {
        marks.push(Span::styled(
            format!(" [{}]", f.status.label().to_lowercase()),
            t.style(Role::Danger),
        ));
    }
    if f.is_stale(today) {
        marks.push(Span::styled(" [stale]", t.style(Role::Warning)));
    }
    let marks_width: usize = marks.iter().map(|m| text::width(&m.content)).sum();
    let town = if f.town.is_empty() {
        String::new()
    } else {
        format!(" · {}", f.town)
    };
    let name_room = width.saturating_sub(2 + marks_width);
    let (name, town) = if text::width(&f.name) + text::width(&town) <= name_room {
        (f.name.clone(), town)
    } else if text::width(&f.name) <= name_room {
        (f.name.clone(), String::new())
    } else {
        (text::fit_words(&f.name, name_room).into_owned(), String::new())
    };
    let marked = highlight(&f.name, query);
    let mut spans = vec![Span::styled(if selected { "▶ " } else { "  " }, base)];
    let mut run = String::new();
    let mut run_marked = false;
    for (ci, c) in name.chars().enumerate() {
        let m = marked.binary_search(&ci).is_ok() && c != '…';
        if m != run_marked && !run.is_empty() {
            spans.push(span(t, std::mem::take(&mut run), run_marked, base));
        }
        run_marked = m;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(span(t, run, run_marked, base));
    }
    if !town.is_empty() {
        spans.push(Span::styled(town, t.style(Role::Muted)));
    }
    spans.extend(marks);
    Line::from(spans)
}

fn span(t: &Theme, text: String, marked: bool, base: ratatui::style::Style) -> Span<'static> {
    if marked {
        Span::styled(text, base.patch(t.style(Role::MatchHighlight)))
    } else {
        Span::styled(text, base)
    }
}

/// Width of the labels in the detail pane.
const LABEL: usize = 11;

/// Builds labelled lines, wrapping values under the value, not the label.
struct Detail<'t> {
    t: &'t Theme,
    room: usize,
    lines: Vec<Line<'static>>,
}

impl Detail<'_> {
    fn field(&mut self, label: &str, value: &str, role: Role) {
        for (i, part) in wrap_words(value, self.room).into_iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            self.lines.push(Line::from(vec![
                Span::styled(format!("{label:<LABEL$}"), self.t.style(Role::Header)),
                Span::styled(part, self.t.style(role)),
            ]));
        }
    }

    fn fields(&mut self, label: &str, values: &[String], role: Role) {
        for (i, v) in values.iter().enumerate() {
            self.field(if i == 0 { label } else { "" }, v, role);
        }
    }

    fn line(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }
}

/// Everything a worker needs to decide and to phone them.
pub fn detail_lines(
    t: &Theme,
    d: &ServiceDetail,
    today: NaiveDate,
    width: u16,
) -> Vec<Line<'static>> {
    let s = &d.service;
    let mut w = Detail {
        t,
        room: usize::from(width).saturating_sub(LABEL).max(10),
        lines: Vec::new(),
    };
    w.line(Line::from(Span::styled(
        s.name.clone(),
        t.style(Role::Title),
    )));
    let mut by = vec![Span::styled(
        match (&d.organisation, s.organization_id.0.is_empty()) {
            (Some(o), _) => o.name.clone(),
            (None, true) => "No organisation named in the directory".to_owned(),
            (None, false) => s.organization_id.0.clone(),
        },
        t.style(Role::Muted),
    )];
    if s.status != ServiceStatus::Active {
        by.push(Span::styled(
            format!("  {}", s.status.label().to_uppercase()),
            t.style(Role::Danger),
        ));
    }
    w.line(Line::from(by));
    if !d.why.1.is_empty() {
        w.fields("Matched", &d.why.1, Role::Muted);
    }
    let warnings = crate::domain::directory::quality::warnings(s, today);
    if !warnings.is_empty() {
        w.fields("Check", &warnings, Role::Warning);
    }
    if let Some(alert) = &s.alert {
        w.field("Alert", alert, Role::Warning);
    }
    if let Some(desc) = &s.description {
        for part in wrap_words(desc, usize::from(width).max(10)) {
            w.line(Line::from(part));
        }
    }
    w.line(Line::from(""));
    w.fields("When", &sessions(s, Wording::Brief), Role::Text);
    w.fields("Where", &places(s), Role::Text);
    w.field("Cost", &cost(s, Wording::Brief), Role::Text);
    let mut access = vec![s.local.access.label().to_owned()];
    access.extend(s.application_process.iter().cloned());
    w.field("Getting in", &distinct(access).join(". "), Role::Text);
    let mut who = Vec::new();
    who.extend(s.eligibility_description.iter().cloned());
    match (s.minimum_age, s.maximum_age) {
        (Some(a), Some(b)) => who.push(format!("ages {a}–{b}")),
        (Some(a), None) => who.push(format!("ages {a}+")),
        (None, Some(b)) => who.push(format!("up to age {b}")),
        (None, None) => {}
    }
    who.extend(s.local.suits.iter().map(|x| x.label().to_owned()));
    if !who.is_empty() {
        w.field("For", &who.join("; "), Role::Text);
    }
    w.fields("Contact", &contact(s), Role::Text);
    let access_notes: Vec<String> = s
        .locations
        .iter()
        .flat_map(|l| &l.accessibility)
        .filter_map(|a| a.description.clone().or_else(|| a.details.clone()))
        .collect();
    if !access_notes.is_empty() {
        w.field("Access", &distinct(access_notes).join("; "), Role::Text);
    }
    for (label, text) in crate::domain::directory::describe::published(s) {
        w.field(label, &text, Role::Text);
    }
    let languages: Vec<String> = s.languages.iter().filter_map(|l| l.name.clone()).collect();
    if !languages.is_empty() {
        w.field("Languages", &languages.join(", "), Role::Text);
    }
    let mut kinds: Vec<String> = s
        .local
        .categories
        .iter()
        .map(|c| c.label().to_owned())
        .collect();
    kinds.extend(s.taxonomy_terms.iter().map(|x| x.name.clone()));
    if !kinds.is_empty() {
        w.field("Kind", &distinct(kinds).join(", "), Role::Muted);
    }
    w.line(Line::from(""));
    match &s.local.last_verified {
        Some(v) if !s.is_stale(today) => w.field(
            "Verified",
            &format!("{} by {}", v.on.format("%-d %b %Y"), v.by),
            Role::Success,
        ),
        Some(v) => w.field(
            "Verified",
            &format!(
                "{} by {}: stale, check before referring",
                v.on.format("%-d %b %Y"),
                v.by
            ),
            Role::Warning,
        ),
        None => w.field("Verified", "never: check before referring", Role::Warning),
    }
    let qa = &s.local.qa;
    let checks = [
        ("safeguarding", qa.safeguarding_policy),
        ("insurance", qa.insurance),
        ("named contact", qa.named_contact),
        ("DBS", qa.dbs_checked),
    ];
    let seen: Vec<String> = checks
        .iter()
        .map(|(what, on)| match on {
            Some(d) => format!("✓ {what} {}", d.format("%b %Y")),
            None => format!("✗ {what}"),
        })
        .collect();
    let role = if qa.passed() == 4 {
        Role::Success
    } else {
        Role::Warning
    };
    w.field("Checks", &seen.join("  "), role);
    if !s.local.notes.is_empty() {
        w.field("Our notes", &s.local.notes, Role::Info);
    }
    w.lines
}

/// Splits `text` into lines of at most `width` characters at spaces
/// (a longer word gets a line of its own, cut).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = crate::domain::text::width(&line)
            + usize::from(!line.is_empty())
            + crate::domain::text::width(word);
        if needed > width && !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// `100000` -> `100,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

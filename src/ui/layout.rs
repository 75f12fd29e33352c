//! Screen layout, shared by the view (to draw) and the update (to know how
//! many rows fit), so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest terminal linkwork draws into.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal height linkwork draws into.
pub const MIN_HEIGHT: u16 = 12;

/// The main areas of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The title line.
    pub title: Rect,
    /// The main panel.
    pub body: Rect,
    /// Key hints.
    pub footer: Rect,
    /// The status line.
    pub status: Rect,
    /// The box an overlay is drawn in.
    pub overlay: Rect,
}

/// Whether a terminal of this size is big enough.
pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// Splits the screen.
pub fn areas(area: Rect) -> Areas {
    let [title, body, footer, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        title,
        body,
        footer,
        status,
        overlay: overlay(area),
    }
}

/// How many table rows fit in a bordered table with a header in `body`.
pub fn table_rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(3))
}

/// How many result rows fit in the directory list in `body` (the query
/// and filter lines above it, a bordered list).
pub fn directory_rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(4))
}

/// The help overlay's rectangle.
pub fn overlay(area: Rect) -> Rect {
    let width = (area.width * 4 / 5).clamp(MIN_WIDTH.min(area.width), 100.min(area.width));
    let height = area.height.saturating_sub(4).max(area.height.min(8));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

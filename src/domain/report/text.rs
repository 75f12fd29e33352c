//! The report as plain text, for the screen's export and `--format text`.

use super::{Count, Report, Spread};

fn pct(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

fn spread_line(s: &Option<Spread>, unit: &str) -> String {
    match s {
        Some(s) => format!(
            "median {} {unit}, 90th percentile {} {unit} (n = {})",
            s.median, s.p90, s.n
        ),
        None => "none in the period".into(),
    }
}

fn list(out: &mut Vec<String>, title: &str, counts: &[Count]) {
    out.push(String::new());
    out.push(format!("{title}:"));
    if counts.is_empty() {
        out.push("  none".into());
    }
    for c in counts {
        out.push(format!("  {:<48} {:>5}", c.label, c.count));
    }
}

/// The report in plain text (aggregate figures only; no case rows).
pub fn report_text(r: &Report) -> String {
    let mut out = vec![
        format!("linkwork report, {} to {}", r.from, r.to),
        String::new(),
        format!("Referrals received: {}", r.referrals),
        format!(
            "Referral to first contact: {}",
            spread_line(&r.days_to_first_contact, "days")
        ),
        format!(
            "Contacts per person: {}",
            spread_line(&r.contacts_per_person, "contacts")
        ),
        format!(
            "Cases open at the end: {}; closed in the period: {}; past their time limit: {}",
            r.open_at_end, r.closed, r.past_limit
        ),
        format!(
            "Connections made: {}; reached independent attendance: {}; established with support: {}",
            r.connections, r.reached_independent, r.established_with_support
        ),
        format!(
            "Ladder steps: {} attended, {} did not attend{}",
            r.steps_attended,
            r.steps_missed,
            r.dna_rate.map_or(String::new(), |d| format!(
                " (did-not-attend rate {})",
                pct(d)
            ))
        ),
    ];
    let d = &r.directory;
    out.push(format!(
        "Directory: {} services, {} active; verified in the last 12 months {}; {} stale, {} inactive",
        d.services,
        d.active,
        pct(d.verified_share),
        d.stale,
        d.inactive
    ));
    out.push(String::new());
    out.push("Wellbeing, first to last measure:".into());
    if r.wellbeing.is_empty() {
        out.push("  none measured twice".into());
    }
    for w in &r.wellbeing {
        out.push(format!(
            "  {:<8} n = {:<4} mean change {:+.2} {}; meaningful improvement {}{}",
            w.instrument,
            w.n,
            w.mean_change,
            w.measured_as,
            pct(w.improved_share),
            match w.not_comparable {
                0 => String::new(),
                k => format!(
                    "; {} apart, not comparable (answered for them once)",
                    crate::domain::text::count(k, "person", "people")
                ),
            }
        ));
    }
    list(
        &mut out,
        "Unmet needs (no active service for them)",
        &r.unmet_needs,
    );
    list(&mut out, "By who referred", &r.by_source);
    list(&mut out, "By need", &r.by_need);
    list(&mut out, "SNOMED CT events", &r.snomed);
    list(
        &mut out,
        "Connections by category",
        &r.connections_by_category,
    );
    list(&mut out, "Connections by rung now", &r.ladder);
    list(&mut out, "Steps attended, by who went", &r.steps_by_company);
    list(&mut out, "Discharge reasons", &r.discharge_reasons);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

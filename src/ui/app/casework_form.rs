//! One small form for the support ladder, the time limit, discharge and
//! wellbeing measures: labelled fields that are typed into or chosen from,
//! and what the form is for. The app reads the fields when it is saved.

use crate::domain::discharge::Discharge;
use crate::domain::ids::{CaseId, ConnectionId};
use crate::domain::ladder::Rung;
use crate::domain::wellbeing::{Instrument, MeasureDraft, MeasurePoint};

/// What a form does when saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// Log what happened at a step of a connection.
    LadderEvent {
        /// The case.
        case: CaseId,
        /// The connection.
        connection: ConnectionId,
        /// Its rung before the event.
        rung: Rung,
    },
    /// Plan (or reschedule) the next step of a connection.
    NextStep {
        /// The case.
        case: CaseId,
        /// The connection.
        connection: ConnectionId,
    },
    /// The practical plan of a visit.
    VisitPlan {
        /// The case.
        case: CaseId,
        /// The connection.
        connection: ConnectionId,
    },
    /// End a connection.
    EndConnection {
        /// The case.
        case: CaseId,
        /// The connection.
        connection: ConnectionId,
    },
    /// Extend the time limit.
    Extension {
        /// The case.
        case: CaseId,
    },
    /// End the episode.
    Discharge {
        /// The case.
        case: CaseId,
    },
    /// A wellbeing measure (then, at discharge, the discharge itself).
    Measure {
        /// The case.
        case: CaseId,
        /// Baseline, review or final.
        point: MeasurePoint,
        /// The discharge waiting for this final measure.
        then_discharge: Option<Box<Discharge>>,
    },
}

/// A field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// Typed text.
    Text(String),
    /// One of `options`.
    Choice {
        /// The options.
        options: Vec<String>,
        /// The one chosen.
        index: usize,
    },
}

/// One labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// What is asked.
    pub label: String,
    /// The answer.
    pub value: FieldValue,
}

impl FormField {
    /// A text field.
    pub fn text(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: FieldValue::Text(value.into()),
        }
    }

    /// A choice field.
    pub fn choice(label: impl Into<String>, options: Vec<String>, index: usize) -> Self {
        Self {
            label: label.into(),
            value: FieldValue::Choice { options, index },
        }
    }
}

/// A small casework form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseworkForm {
    /// The title.
    pub title: String,
    /// What saving does.
    pub purpose: FormPurpose,
    /// The fields.
    pub fields: Vec<FormField>,
    /// The focused field.
    pub focus: usize,
    /// A line of guidance under the fields.
    pub hint: String,
    /// What is wrong, after a refused save.
    pub message: Option<String>,
}

impl CaseworkForm {
    /// A form with its fields.
    pub fn new(
        title: impl Into<String>,
        purpose: FormPurpose,
        fields: Vec<FormField>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            hint: hint.into(),
            message: None,
        }
    }

    /// A wellbeing measure form of `instrument`.
    pub fn measure(
        case: CaseId,
        point: MeasurePoint,
        instrument: Instrument,
        then_discharge: Option<Box<Discharge>>,
    ) -> Self {
        let mut fields = vec![FormField::choice(
            "Measure",
            Instrument::ALL
                .iter()
                .map(|i| i.label().to_owned())
                .collect(),
            Instrument::ALL
                .iter()
                .position(|i| *i == instrument)
                .unwrap_or(0),
        )];
        fields.extend(
            instrument
                .items()
                .iter()
                .map(|item| FormField::text(*item, "")),
        );
        let title = match point {
            MeasurePoint::Baseline => "Wellbeing: baseline",
            MeasurePoint::Review => "Wellbeing: during support",
            MeasurePoint::Final => "Wellbeing: final measure",
        };
        Self::new(
            title,
            FormPurpose::Measure {
                case,
                point,
                then_discharge,
            },
            fields,
            instrument.anchors(),
        )
    }

    /// The measure as typed, for a measure form.
    pub fn measure_draft(&self) -> Option<MeasureDraft> {
        if !matches!(self.purpose, FormPurpose::Measure { .. }) {
            return None;
        }
        let instrument = Instrument::ALL[self.choice(0)];
        let mut draft = MeasureDraft::new(instrument);
        for (i, f) in self.fields.iter().skip(1).enumerate() {
            let v = self.text_of(f).trim().parse::<u8>().ok();
            let _ = draft.set(i, v);
        }
        Some(draft)
    }

    fn text_of<'a>(&self, f: &'a FormField) -> &'a str {
        match &f.value {
            FieldValue::Text(t) => t,
            FieldValue::Choice { .. } => "",
        }
    }

    /// The text of field `i` (empty for a choice).
    pub fn text(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| self.text_of(f))
    }

    /// The chosen index of field `i` (0 for text).
    pub fn choice(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.value) {
            Some(FieldValue::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    /// Types into the focused field (a choice takes Space as "next").
    pub fn type_char(&mut self, c: char) {
        let measure = matches!(self.purpose, FormPurpose::Measure { .. });
        let focus = self.focus;
        match self.fields.get_mut(focus).map(|f| &mut f.value) {
            Some(FieldValue::Text(t)) => {
                if measure && !c.is_ascii_digit() {
                    return;
                }
                t.push(c);
                // One digit answers a short-scale item: on to the next.
                if measure && let Some(d) = self.measure_draft() {
                    let (_, max) = d.instrument.scale();
                    let v = self.text(focus).parse::<u16>().unwrap_or(0);
                    if v * 10 > u16::from(max) && focus + 1 < self.fields.len() {
                        self.focus += 1;
                    }
                }
            }
            Some(FieldValue::Choice { .. }) if c == ' ' => self.cycle(1),
            _ => {}
        }
    }

    /// Deletes the last character of the focused field.
    pub fn backspace(&mut self) {
        if let Some(FieldValue::Text(t)) = self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            t.pop();
        }
    }

    /// Moves the focused choice.
    pub fn cycle(&mut self, step: isize) {
        let focus = self.focus;
        if let Some(FieldValue::Choice { options, index }) =
            self.fields.get_mut(focus).map(|f| &mut f.value)
        {
            *index = super::wrap(*index, step, options.len());
        }
        // A measure form follows its instrument.
        if focus == 0
            && let FormPurpose::Measure {
                case,
                point,
                then_discharge,
            } = &self.purpose
        {
            let instrument = Instrument::ALL[self.choice(0)];
            *self = Self::measure(*case, *point, instrument, then_discharge.clone());
        }
    }

    /// Moves the focus; false past either end.
    pub fn step(&mut self, step: isize) -> bool {
        let to = self.focus as isize + step;
        if to < 0 || to as usize >= self.fields.len() {
            return false;
        }
        self.focus = to as usize;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_take_text_and_choices_and_a_measure_scores_as_typed() {
        let mut f = CaseworkForm::new(
            "End",
            FormPurpose::Extension { case: CaseId(1) },
            vec![
                FormField::text("Reason", ""),
                FormField::choice("Kind", vec!["a".into(), "b".into()], 0),
            ],
            "",
        );
        f.type_char('x');
        f.backspace();
        f.type_char('y');
        assert_eq!(f.text(0), "y");
        assert!(f.step(1));
        f.type_char(' ');
        assert_eq!(f.choice(1), 1);
        f.cycle(1);
        assert_eq!(f.choice(1), 0);
        assert!(!f.step(1));

        let mut m = CaseworkForm::measure(CaseId(1), MeasurePoint::Final, Instrument::Ons4, None);
        assert_eq!(m.fields.len(), 5);
        m.cycle(1);
        assert_eq!(m.fields.len(), 6, "WHO-5 has five items");
        m.step(1);
        for c in "3x2345".chars() {
            m.type_char(c);
        }
        assert_eq!(
            m.focus, 5,
            "each digit answers and moves on; letters are ignored"
        );
        let d = m.measure_draft().unwrap();
        assert_eq!(d.answered(), 5);
        assert!(d.running().starts_with("WHO-5 raw 17 of 25 = 68 %"));
    }
}

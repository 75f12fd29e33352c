//! One small form for the support ladder, the time limit, discharge and
//! wellbeing measures: labelled fields that are typed into or chosen from,
//! and what the form is for. The app reads the fields when it is saved.

use crate::domain::discharge::Discharge;
use crate::domain::ids::{CaseId, ConnectionId, ContactId, MeasureId};
use crate::domain::ladder::{Connection, Rung};
use crate::domain::wellbeing::{DigitEntry, Instrument, MeasureDraft, MeasurePoint, digit_entry};

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
        /// The case's live connections, soonest step first (the form's
        /// first field switches between them when there are several).
        live: Vec<Connection>,
        /// The day the form opened.
        today: chrono::NaiveDate,
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
    /// Put right a contact logged in error.
    CorrectContact {
        /// The case.
        case: CaseId,
        /// The contact.
        contact: ContactId,
    },
    /// Put right an event of a connection logged in error.
    CorrectEvent {
        /// The connection as it stands (its events are offered).
        connection: Box<Connection>,
    },
    /// Put right a wellbeing measure taken or typed in error.
    CorrectMeasure {
        /// The case.
        case: CaseId,
        /// The measure.
        measure: MeasureId,
        /// Its instrument (kept: a different one is a new measure).
        instrument: Instrument,
    },
    /// Strike out a record made in error.
    StrikeOut {
        /// The case.
        case: CaseId,
        /// What is struck out.
        target: StrikeTarget,
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

/// What a strike-out form strikes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrikeTarget {
    /// A contact.
    Contact(ContactId),
    /// Event `.1` of connection `.0`.
    Event(ConnectionId, usize),
    /// A wellbeing measure.
    Measure(MeasureId),
    /// The last status move.
    StatusMove,
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

/// Which field of a casework form: forms find their fields by name,
/// never by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// When a step happened or is planned.
    When,
    /// A rung of the ladder.
    Step,
    /// What happened at a step.
    Outcome,
    /// Who went with the person.
    WhoWent,
    /// How the person reported back.
    ReportedBackBy,
    /// Notes.
    Notes,
    /// Why support steps back up the ladder.
    StepUpReason,
    /// Where to meet for a visit.
    MeetingPoint,
    /// Route and transport.
    Route,
    /// What to expect.
    WhatToExpect,
    /// Who to ask for.
    WhoToAskFor,
    /// Cost and how to pay.
    CostAndPayment,
    /// Why a connection ends.
    EndReason,
    /// The day something ended.
    EndedOn,
    /// Why support continues past its limit.
    ExtensionReason,
    /// A new contact limit.
    ContactLimit,
    /// A new week limit.
    WeekLimit,
    /// Why support ends.
    DischargeReason,
    /// The day support ended.
    DischargedOn,
    /// Who the person is referred on to.
    ReferredOnTo,
    /// The summary for the referrer and GP.
    Summary,
    /// Whether a final measure is taken now.
    FinalMeasure,
    /// What becomes of the risk flags still open at discharge.
    OpenRisks,
    /// The wellbeing instrument.
    Instrument,
    /// The n-th item of a wellbeing measure.
    Item(usize),
    /// The day a measure was taken.
    TakenOn,
    /// Who answered a measure.
    CompletedBy,
    /// Who answered for the person (name and relationship).
    OnBehalfOf,
    /// Which event of a connection.
    Event,
    /// Which of the case's live connections.
    Connection,
    /// How a contact happened.
    ContactMode,
    /// Whether the person was reached.
    Reached,
    /// How long, in minutes.
    Minutes,
    /// What a contact was for.
    Purpose,
    /// Why a record is put right or struck out.
    Why,
}

impl Field {
    /// What the field takes, shown under the form while it has the cursor
    /// (for fields whose values come from a list).
    pub fn hint(self) -> Option<String> {
        match self {
            Self::WhoWent => Some(format!(
                "Who went: any of {}; commas between",
                crate::domain::ladder::who_went::CHOICES
            )),
            _ => None,
        }
    }

    /// Whether a pre-filled value of this field is replaced by the first
    /// key typed on arriving at it (dates, numbers), rather than added to:
    /// 45 typed over 20 minutes is 45. Notes and reasons are added to.
    pub fn replaced_by_typing(self) -> bool {
        matches!(
            self,
            Self::When
                | Self::EndedOn
                | Self::DischargedOn
                | Self::TakenOn
                | Self::ContactLimit
                | Self::WeekLimit
                | Self::Minutes
                | Self::WhoWent
        )
    }

    /// The label shown beside the field.
    pub fn label(self) -> &'static str {
        match self {
            Self::When => "When",
            Self::Step => "Step",
            Self::Outcome => "Outcome",
            Self::WhoWent => "Who went",
            Self::ReportedBackBy => "Reported back by",
            Self::Notes => "Notes",
            Self::StepUpReason => "Why support steps back up",
            Self::MeetingPoint => "Where to meet",
            Self::Route => "Route and transport",
            Self::WhatToExpect => "What to expect",
            Self::WhoToAskFor => "Who to ask for",
            Self::CostAndPayment => "Cost and how to pay",
            Self::EndReason => "Why",
            Self::EndedOn => "When",
            Self::ExtensionReason => "Why support continues",
            Self::ContactLimit => "New contact limit",
            Self::WeekLimit => "New week limit",
            Self::DischargeReason => "Reason",
            Self::DischargedOn => "Date",
            Self::ReferredOnTo => "Referred on to",
            Self::Summary => "Summary for the referrer and GP",
            Self::FinalMeasure => "Final wellbeing measure",
            Self::OpenRisks => "Open risk flags",
            Self::Instrument => "Measure",
            Self::Item(_) => "Item",
            Self::TakenOn => "Taken on",
            Self::CompletedBy => "Answered by",
            Self::OnBehalfOf => "Who answered for them",
            Self::Event => "Event",
            Self::Connection => "Connection",
            Self::ContactMode => "How",
            Self::Reached => "Reached?",
            Self::Minutes => "Minutes",
            Self::Purpose => "Purpose",
            Self::Why => "Why it is put right",
        }
    }
}

/// One labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// Which field it is.
    pub key: Field,
    /// What is asked.
    pub label: String,
    /// The answer.
    pub value: FieldValue,
}

impl FormField {
    /// A text field.
    pub fn text(key: Field, value: impl Into<String>) -> Self {
        Self {
            key,
            label: key.label().to_owned(),
            value: FieldValue::Text(value.into()),
        }
    }

    /// A choice field.
    pub fn choice(key: Field, options: Vec<String>, index: usize) -> Self {
        Self {
            key,
            label: key.label().to_owned(),
            value: FieldValue::Choice { options, index },
        }
    }

    /// A wellbeing item, labelled with its wording.
    pub fn item(index: usize, wording: &str) -> Self {
        Self {
            key: Field::Item(index),
            label: wording.to_owned(),
            value: FieldValue::Text(String::new()),
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
    /// Whether the worker has typed or chosen anything since it opened.
    pub edited: bool,
    /// Whether the focused field still holds the value it had when the
    /// cursor arrived (see [`Field::replaced_by_typing`]).
    pub replace_on_type: bool,
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
            edited: false,
            replace_on_type: true,
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
            Field::Instrument,
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
                .enumerate()
                .map(|(i, item)| FormField::item(i, item)),
        );
        // A final measure is taken on the day support ends.
        let taken = then_discharge
            .as_ref()
            .map_or("today".to_owned(), |d| d.on.format("%-d/%-m/%Y").to_string());
        fields.push(FormField::text(Field::TakenOn, &taken));
        fields.push(FormField::choice(
            Field::CompletedBy,
            crate::domain::wellbeing::CompletedBy::CHOICES
                .iter()
                .map(|c| (*c).to_owned())
                .collect(),
            0,
        ));
        fields.push(FormField::text(Field::OnBehalfOf, ""));
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

    /// The instrument of a measure form (a correction keeps its own).
    pub fn instrument(&self) -> Instrument {
        match self.purpose {
            FormPurpose::CorrectMeasure { instrument, .. } => instrument,
            _ => Instrument::ALL
                .get(self.choice(Field::Instrument))
                .copied()
                .unwrap_or(Instrument::Ons4),
        }
    }

    /// The measure as typed, for a measure form.
    pub fn measure_draft(&self) -> Option<MeasureDraft> {
        if !matches!(
            self.purpose,
            FormPurpose::Measure { .. } | FormPurpose::CorrectMeasure { .. }
        ) {
            return None;
        }
        let instrument = self.instrument();
        let mut draft = MeasureDraft::new(instrument);
        for f in &self.fields {
            if let Field::Item(i) = f.key {
                let v = self.text_of(f).trim().parse::<u8>().ok();
                let _ = draft.set(i, v);
            }
        }
        Some(draft)
    }

    fn text_of<'a>(&self, f: &'a FormField) -> &'a str {
        match &f.value {
            FieldValue::Text(t) => t,
            FieldValue::Choice { .. } => "",
        }
    }

    fn field(&self, key: Field) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Who went in the worker's words, when they say more than the kinds
    /// read from them (`wife` is counted as family, and kept as `wife`).
    pub fn who_went_words(&self) -> Option<String> {
        use crate::domain::ladder::who_went;
        use crate::domain::text::fold;
        let typed = self.text(Field::WhoWent).trim();
        let kinds = who_went::parse(typed).ok()?;
        (!typed.is_empty() && fold(typed) != fold(&who_went::write(&kinds)))
            .then(|| typed.to_owned())
    }

    /// Who went (typed as a list, see [`who_went::parse`]) and how they
    /// reported back (its first option is "not recorded"); what is wrong
    /// with who went, named.
    ///
    /// [`who_went::parse`]: crate::domain::ladder::who_went::parse
    pub fn who_went_and_report_back(
        &self,
    ) -> Result<
        (
            Vec<crate::domain::ladder::Companion>,
            Option<crate::domain::ladder::ReportBack>,
        ),
        String,
    > {
        use crate::domain::ladder::{ReportBack, who_went};
        let who = who_went::parse(self.text(Field::WhoWent))
            .map_err(|e| format!("{}: {e}.", Field::WhoWent.label()))?;
        let back = self
            .choice(Field::ReportedBackBy)
            .checked_sub(1)
            .and_then(|i| ReportBack::ALL.get(i).copied());
        Ok((who, back))
    }

    /// Who answered the measure, as the form says; someone on the
    /// person's behalf must be named.
    pub fn completed_by(&self) -> Result<crate::domain::wellbeing::CompletedBy, String> {
        use crate::domain::wellbeing::CompletedBy;
        Ok(match self.choice(Field::CompletedBy) {
            0 => CompletedBy::Person,
            1 => CompletedBy::PersonWithHelp,
            _ => {
                let who = self.text(Field::OnBehalfOf).trim();
                if who.is_empty() {
                    return Err(
                        "Who answered for them: their name and how they know the person (Joan, wife)."
                            .into(),
                    );
                }
                CompletedBy::OnBehalf(who.to_owned())
            }
        })
    }

    /// Whether the form has the field.
    pub fn has(&self, key: Field) -> bool {
        self.fields.iter().any(|f| f.key == key)
    }

    /// The text of a field (empty for a choice, or a field the form lacks).
    pub fn text(&self, key: Field) -> &str {
        self.field(key).map_or("", |f| self.text_of(f))
    }

    /// The chosen index of a choice field (0 for text, or a field the form
    /// lacks).
    pub fn choice(&self, key: Field) -> usize {
        match self.field(key).map(|f| &f.value) {
            Some(FieldValue::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    /// Types into the focused field (a choice takes Space as "next").
    pub fn type_char(&mut self, c: char) {
        self.edited = true;
        let focus = self.focus;
        if let Some(Field::Item(_)) = self.fields.get(focus).map(|f| f.key) {
            return self.type_answer(c);
        }
        let replace = std::mem::take(&mut self.replace_on_type);
        let replaced = self
            .fields
            .get(focus)
            .is_some_and(|f| replace && f.key.replaced_by_typing());
        match self.fields.get_mut(focus).map(|f| &mut f.value) {
            Some(FieldValue::Text(t)) => {
                if replaced {
                    t.clear();
                }
                t.push(c);
                self.message = None;
            }
            Some(FieldValue::Choice { .. }) if c == ' ' => self.cycle(1),
            _ => {}
        }
    }

    /// A digit typed into a wellbeing item: a whole answer moves on to the
    /// next item, so no answer is merged with the next (see
    /// [`digit_entry`]).
    fn type_answer(&mut self, c: char) {
        let scale = self.instrument().scale();
        let focus = self.focus;
        let current = self.fields.get(focus).map_or("", |f| self.text_of(f));
        let last = !matches!(
            self.fields.get(focus + 1).map(|f| f.key),
            Some(Field::Item(_))
        );
        match digit_entry(current, c, scale) {
            DigitEntry::Set { text, complete } => {
                if let Some(f) = self.fields.get_mut(focus) {
                    f.value = FieldValue::Text(text);
                }
                self.message = None;
                if complete && !last {
                    self.focus += 1;
                }
            }
            DigitEntry::Next(next) if !last => {
                self.focus += 1;
                self.type_answer(next);
            }
            DigitEntry::Next(_) => {}
            DigitEntry::Refused(why) => self.message = Some(why),
        }
    }

    /// Deletes the last character of the focused field.
    pub fn backspace(&mut self) {
        self.edited = true;
        self.replace_on_type = false;
        self.message = None;
        if let Some(FieldValue::Text(t)) = self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            t.pop();
        }
    }

    /// Empties the focused text field (Ctrl-u); false on a choice.
    pub fn clear(&mut self) -> bool {
        if let Some(FieldValue::Text(t)) = self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            self.edited = true;
            self.replace_on_type = false;
            self.message = None;
            t.clear();
            return true;
        }
        false
    }

    /// Moves the focused choice.
    pub fn cycle(&mut self, step: isize) {
        let focus = self.focus;
        if let Some(FieldValue::Choice { options, index }) =
            self.fields.get_mut(focus).map(|f| &mut f.value)
        {
            *index = crate::ui::widgets::wrap(*index, step, options.len());
        }
        // A measure form follows its instrument.
        if focus == 0
            && let FormPurpose::Measure {
                case,
                point,
                then_discharge,
            } = &self.purpose
        {
            let instrument = Instrument::ALL[self.choice(Field::Instrument)];
            let kept: Vec<FormField> = self
                .fields
                .iter()
                .filter(|f| matches!(f.key, Field::TakenOn | Field::CompletedBy | Field::OnBehalfOf))
                .cloned()
                .collect();
            *self = Self::measure(*case, *point, instrument, then_discharge.clone());
            for k in kept {
                if let Some(f) = self.fields.iter_mut().find(|f| f.key == k.key) {
                    f.value = k.value;
                }
            }
        }
        // Logging follows the connection chosen.
        if self.fields.get(focus).map(|f| f.key) == Some(Field::Connection)
            && let FormPurpose::LadderEvent { live, today, .. } = &self.purpose
            && let Some(c) = live.get(self.choice(Field::Connection))
        {
            *self = super::open::outcome_form(c, live.clone(), *today);
            self.focus = focus;
        }
        // A correction follows the event chosen.
        if self.fields.get(focus).map(|f| f.key) == Some(Field::Event)
            && let FormPurpose::CorrectEvent { connection } = &self.purpose
        {
            let chosen = self.choice(Field::Event);
            let why = self.text(Field::Why).to_owned();
            *self = super::correct::event_form(connection, chosen);
            self.focus = focus;
            if let Some(f) = self.fields.iter_mut().find(|f| f.key == Field::Why) {
                f.value = FieldValue::Text(why);
            }
        }
        self.edited = true;
    }

    /// Moves the focus; false past either end.
    pub fn step(&mut self, step: isize) -> bool {
        let to = self.focus as isize + step;
        if to < 0 || to as usize >= self.fields.len() {
            return false;
        }
        self.focus = to as usize;
        self.replace_on_type = true;
        true
    }
}

#[cfg(test)]
mod tests;

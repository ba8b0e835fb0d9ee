//! The name rules, as one table applied in order ([`RULES`]). A row says which rule it is
//! (the id the JSON gives the mentions it makes), where its words come from and how they are
//! matched ([`Pattern`]), the label it gives, which mentions it may change ([`Over`]) and how
//! what it finds meets the mentions already there ([`Overlap`]).
//!
//! Adding a name to a list is adding a line to its file in `lists/`; adding a rule is adding
//! a row here (with a pattern the engine knows, or a new one) and a file of cases in
//! `tests/rules/`, named after the rule's id.

use crate::analysis::lists::{
    List, FACILITIES, ORGANISATIONS, ORGANISATION_WORDS, POLITICAL_PARTIES, SEATS, STORM_INSTITUTIONS, STORM_KINDS, TITLES,
};
use crate::analysis::mention::{Label, Rule};

/// What a row matches, and where its words come from.
pub enum Pattern {
    /// A chunk that is a named storm: one or two capitalised words after a kind of storm of
    /// `kinds` (or starting with one), none a word of `not`; the kind becomes part of the name.
    Storm { kinds: &'static List, not: &'static List },
    /// A chunk of two words or more whose last word (without a final point) is an entry.
    LastWord(&'static List),
    /// A chunk whose words, joined by spaces, are an entry.
    Whole(&'static List),
    /// A capitalised chunk of at most three words right after a role of `roles` (with the
    /// words that qualify it: "Tesla chief executive"), unless its last word is in `unless`.
    AfterRole { roles: &'static List, unless: &'static List },
    /// The people, agencies and places the parser read in the credits line and the photo
    /// credit: people PER (ORG for an agency's name), places GPE or LOC by the gazetteers.
    Credits,
    /// The place (GPE or LOC) and agency (ORG) of the dateline.
    Dateline,
    /// An entry of several words wherever the text has it; one of one word too, as `single`
    /// says.
    Phrases { list: &'static List, single: Single },
    /// A name the tagger found whose text is an entry; an entry marked "place after the"
    /// (`lists/organisations.txt`: "the Amazon") is not one after "the".
    Name(&'static List),
    /// A name the tagger found that is a news outlet (`lists/outlets.tsv`, also with "The"
    /// before it: "the Guardian") or the article's own publisher.
    Outlet,
    /// A name the tagger found that is the own name of a storm the article named ("Milton"
    /// after "Hurricane Milton"), with the storm kinds of `kinds`.
    StormName { kinds: &'static List },
    /// Once the mentions are merged: another occurrence of a name the article tagged ("Peskov"
    /// after "Dmitry Peskov", any case in a headline), or a person's last name alone.
    SameName,
}

/// When a one-word entry of a [`Pattern::Phrases`] row is found.
pub enum Single {
    /// Never: several of the list's one-word entries are words too ("Labour", "Reform").
    Never,
    /// Unless the word starts its sentence and the training text usually writes it in
    /// lowercase ("Zoom in on", "Arm yourself"): a capital inside a sentence is the name.
    UnlessLowercaseWordStarts,
}

/// How a row's matches meet the mentions already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    /// The mention it matched takes the row's label; its span stays.
    Relabel,
    /// A match is added only where no mention overlaps it.
    Keep,
    /// A match replaces what was there: the chunk it matched, span and all, or every mention
    /// it overlaps.
    Override,
    /// Like `Override`, but a longer name holding the match is relabelled instead ("Kurdistan
    /// Democratic Party"), and a name right before the match joins it ("Scottish" + "Labour
    /// Party").
    Join,
}

/// Which mentions a row may change, by label and by what decided them so far.
pub struct Over {
    pub labels: &'static [Label],
    pub from: From,
}

/// What may have decided a mention a row changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// The tagger alone.
    Model,
    /// The tagger, or the gazetteer that refined its type.
    Tagger,
    /// Anything, an earlier row included.
    Any,
}

/// One row of the table.
pub struct NameRule {
    pub id: Rule,
    pub pattern: Pattern,
    /// The label it gives; None where the pattern gives each match its own (credits, datelines,
    /// a name's other mentions).
    pub label: Option<Label>,
    pub over: Over,
    pub overlap: Overlap,
}

const NAMES: &[Label] = &[Label::Person, Label::Norp, Label::Org, Label::Gpe, Label::Loc, Label::Misc];
const NOT_ORG: &[Label] = &[Label::Person, Label::Norp, Label::Gpe, Label::Loc, Label::Misc];
const ANY: Over = Over { labels: NAMES, from: From::Any };

/// The name rules, in the order they apply. The first five read each of the tagger's chunks
/// (after `chunks::read`); the next four read the article's parts and the text; the
/// next four relabel the tagger's names; the last runs once the mentions are merged.
pub static RULES: [NameRule; 14] = [
    // A named storm is an event, whatever the tagger made of its name ("Hurricane Milton" as a
    // person called Milton).
    NameRule {
        id: Rule::NamedStorm,
        pattern: Pattern::Storm { kinds: &STORM_KINDS, not: &STORM_INSTITUTIONS },
        label: Some(Label::Misc),
        over: Over { labels: NAMES, from: From::Tagger },
        overlap: Overlap::Override,
    },
    // Facilities are places: "Vostochny Cosmodrome", "Heathrow Airport", "Red Square".
    NameRule {
        id: Rule::FacilityName,
        pattern: Pattern::LastWord(&FACILITIES),
        label: Some(Label::Loc),
        over: Over { labels: &[Label::Org, Label::Misc, Label::Person], from: From::Tagger },
        overlap: Overlap::Relabel,
    },
    // Buildings that stand for the institution in them: "the Kremlin said", "the Elysee
    // Palace said" (after the facility row, which would make it a place).
    NameRule {
        id: Rule::SeatOfInstitution,
        pattern: Pattern::Whole(&SEATS),
        label: Some(Label::Org),
        over: Over { labels: &[Label::Loc, Label::Gpe, Label::Misc], from: From::Any },
        overlap: Overlap::Relabel,
    },
    // "a statement released by Warner Bros.", "the official Iraqi News Agency" (where
    // "official" looks like a role).
    NameRule {
        id: Rule::OrganisationWord,
        pattern: Pattern::LastWord(&ORGANISATION_WORDS),
        label: Some(Label::Org),
        over: Over { labels: &[Label::Person], from: From::Any },
        overlap: Overlap::Relabel,
    },
    // "Tesla chief executive Elon Musk", "President Trump": the tagger, with neither name in
    // its data, can read the first as a firm from "Tesla chief executive"; the role settles it.
    NameRule {
        id: Rule::NameAfterRole,
        pattern: Pattern::AfterRole { roles: &TITLES, unless: &ORGANISATION_WORDS },
        label: Some(Label::Person),
        over: Over { labels: &[Label::Org, Label::Misc, Label::Loc], from: From::Model },
        overlap: Overlap::Relabel,
    },
    // Credit lines are parsed, not tagged: the tagger was trained on prose, and the parser
    // knows that "Sputnik" is the agency, "Artem Geodakyan" the photographer and "Mark
    // Trevelyan" a writer.
    NameRule { id: Rule::CreditLine, pattern: Pattern::Credits, label: None, over: ANY, overlap: Overlap::Override },
    // "SEATTLE (Reuters) -": in capitals and before "(Reuters)", the tagger (trained on
    // "SEATTLE 1996-08-22") reads the place as an organisation. "Siesta Key, Florida" is two
    // places.
    NameRule { id: Rule::Dateline, pattern: Pattern::Dateline, label: None, over: ANY, overlap: Overlap::Override },
    // The tagger, which has seen few parties, reads "Reform UK" as the UK, "Alternative for
    // Germany" as Germany and "Sinn Fein" as a person.
    NameRule {
        id: Rule::PoliticalParty,
        pattern: Pattern::Phrases { list: &POLITICAL_PARTIES, single: Single::Never },
        label: Some(Label::Org),
        over: ANY,
        overlap: Overlap::Join,
    },
    // Today's organisations the tagger missed: "Apple said in June", "Musk's own startup, xAI,".
    NameRule {
        id: Rule::KnownOrganisation,
        pattern: Pattern::Phrases { list: &ORGANISATIONS, single: Single::UnlessLowercaseWordStarts },
        label: Some(Label::Org),
        over: ANY,
        overlap: Overlap::Keep,
    },
    // "Speaking to Al Jazeera", "Reuters reported".
    NameRule {
        id: Rule::NewsOrganisation,
        pattern: Pattern::Outlet,
        label: Some(Label::Org),
        over: Over { labels: NOT_ORG, from: From::Model },
        overlap: Overlap::Relabel,
    },
    // "chips from Microsoft, Meta and Amazon", which the tagger read as places.
    NameRule {
        id: Rule::KnownOrganisation,
        pattern: Pattern::Name(&ORGANISATIONS),
        label: Some(Label::Org),
        over: Over { labels: NOT_ORG, from: From::Model },
        overlap: Overlap::Relabel,
    },
    // "AfD" as a place, "Labour" as a group of people (by the gazetteer).
    NameRule {
        id: Rule::PoliticalParty,
        pattern: Pattern::Name(&POLITICAL_PARTIES),
        label: Some(Label::Org),
        over: Over { labels: NOT_ORG, from: From::Tagger },
        overlap: Overlap::Relabel,
    },
    // "Milton strengthened", which the tagger reads as a person's name.
    NameRule {
        id: Rule::NamedStorm,
        pattern: Pattern::StormName { kinds: &STORM_KINDS },
        label: Some(Label::Misc),
        over: Over { labels: NAMES, from: From::Model },
        overlap: Overlap::Relabel,
    },
    // One name keeps one type within an article.
    NameRule { id: Rule::SameNameElsewhere, pattern: Pattern::SameName, label: None, over: ANY, overlap: Overlap::Keep },
];

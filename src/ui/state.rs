//! The app's state as a reducer: which articles there are, which is selected,
//! and the draft being pasted. No browser calls here, so it is tested natively.

use crate::analysis::entities::Label;
use crate::seeds::SEEDS;
use std::rc::Rc;
use yew::Reducible;

/// One article in the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub text: Rc<str>,
    pub bundled: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub entries: Vec<Entry>,
    pub selected: usize,
    /// The text in the "New article" editor; None while the editor is closed.
    pub draft: Option<String>,
    /// Entity types whose highlights the reader switched off in the legend.
    pub hidden: Vec<Label>,
    /// The entity chosen in the entities panel (its mentions are marked).
    pub selected_entity: Option<usize>,
    /// The quote chosen in the quotes panel (marked in the text).
    pub selected_quote: Option<usize>,
    counter: usize,
}

pub enum Action {
    Select(usize),
    OpenEditor,
    EditDraft(String),
    /// Adds the draft as a new article and selects it; an empty draft is kept open.
    SubmitDraft,
    CloseEditor,
    /// Shows or hides one entity type's highlights.
    ToggleLabel(Label),
    /// Chooses an entity (or clears the choice with None).
    SelectEntity(Option<usize>),
    /// Chooses a quote (or clears the choice with None).
    SelectQuote(Option<usize>),
}

/// A name for an article: its first non-empty line without Markdown marks, shortened.
pub fn name_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Untitled");
    let line = line.trim_start_matches('#').trim().trim_matches('*').trim();
    let mut name: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        name.push('…');
    }
    if name.is_empty() {
        "Untitled".into()
    } else {
        name
    }
}

impl Default for AppState {
    fn default() -> Self {
        let entries =
            SEEDS.iter().map(|s| Entry { id: s.file.to_string(), name: name_of(s.text), text: Rc::from(s.text), bundled: true }).collect();
        AppState { entries, selected: 0, draft: None, hidden: Vec::new(), selected_entity: None, selected_quote: None, counter: 0 }
    }
}

impl AppState {
    pub fn current(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Select(i) if i < s.entries.len() => {
                s.selected = i;
                s.draft = None;
                s.selected_entity = None;
                s.selected_quote = None;
            }
            Action::Select(_) => return self,
            Action::OpenEditor => s.draft = Some(s.draft.take().unwrap_or_default()),
            Action::EditDraft(text) => s.draft = Some(text),
            Action::SubmitDraft => {
                let Some(text) = s.draft.take() else { return self };
                if text.trim().is_empty() {
                    s.draft = Some(text);
                    return Rc::new(s);
                }
                s.counter += 1;
                s.entries.push(Entry { id: format!("user-{}", s.counter), name: name_of(&text), text: Rc::from(text), bundled: false });
                s.selected = s.entries.len() - 1;
                s.selected_entity = None;
                s.selected_quote = None;
            }
            Action::CloseEditor => s.draft = None,
            Action::ToggleLabel(label) => match s.hidden.iter().position(|l| *l == label) {
                Some(i) => {
                    s.hidden.remove(i);
                }
                None => s.hidden.push(label),
            },
            Action::SelectEntity(e) => s.selected_entity = if s.selected_entity == e { None } else { e },
            Action::SelectQuote(q) => s.selected_quote = if s.selected_quote == q { None } else { q },
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: Vec<Action>) -> Rc<AppState> {
        actions.into_iter().fold(Rc::new(AppState::default()), |s, a| s.reduce(a))
    }

    #[test]
    fn opens_on_the_first_seed() {
        let s = AppState::default();
        assert!(!s.entries.is_empty());
        assert_eq!(s.current().unwrap().name, "Russia says it will build close ties with North Korea 'in all areas'");
    }

    #[test]
    fn a_submitted_draft_becomes_the_selected_article() {
        let s = run(vec![Action::OpenEditor, Action::EditDraft("My title\n\nBody.".into()), Action::SubmitDraft]);
        assert_eq!(s.current().unwrap().name, "My title");
        assert!(!s.current().unwrap().bundled);
        assert_eq!(s.draft, None);
    }

    #[test]
    fn an_empty_draft_is_not_added_and_stays_open() {
        let before = AppState::default().entries.len();
        let s = run(vec![Action::OpenEditor, Action::EditDraft("  ".into()), Action::SubmitDraft]);
        assert_eq!(s.entries.len(), before);
        assert_eq!(s.draft.as_deref(), Some("  "));
    }

    #[test]
    fn legend_toggles_and_entity_choice() {
        let s = run(vec![Action::ToggleLabel(Label::Person), Action::ToggleLabel(Label::Org), Action::ToggleLabel(Label::Person)]);
        assert_eq!(s.hidden, [Label::Org]);
        let s = run(vec![Action::SelectEntity(Some(2))]);
        assert_eq!(s.selected_entity, Some(2));
        let s = s.reduce(Action::SelectEntity(Some(2)));
        assert_eq!(s.selected_entity, None, "choosing the chosen entity again clears it");
        let s = run(vec![Action::SelectEntity(Some(2)), Action::Select(0)]);
        assert_eq!(s.selected_entity, None, "another article clears the choice");
    }

    #[test]
    fn selecting_out_of_range_changes_nothing() {
        let s = run(vec![Action::Select(999)]);
        assert_eq!(s.selected, 0);
    }
}

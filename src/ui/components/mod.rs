//! One file per component; each renders a part of an [`Analysis`](crate::analysis::Analysis).

mod about_panel;
pub(crate) mod article_list;
pub(crate) mod article_view;
mod editor;
mod entities_panel;
mod integrity_panel;
mod legend;
mod metadata_panel;
mod quotes_panel;
mod sources_panel;
mod stats_panel;
mod timeline_panel;

pub use about_panel::{AboutPanel, AboutPanelProps};
pub use article_list::{ArticleList, ArticleListProps};
pub use article_view::{ArticleView, ArticleViewProps};
pub use editor::{Editor, EditorProps};
pub use entities_panel::{EntitiesPanel, EntitiesPanelProps};
pub use integrity_panel::{IntegrityPanel, IntegrityPanelProps};
pub use legend::{Legend, LegendProps};
pub use metadata_panel::{MetadataPanel, MetadataPanelProps};
pub use quotes_panel::{QuotesPanel, QuotesPanelProps};
pub use sources_panel::{SourcesPanel, SourcesPanelProps};
pub use stats_panel::{StatsPanel, StatsPanelProps};
pub use timeline_panel::{TimelinePanel, TimelinePanelProps};

/// Lists in the panels show this many items, then a button to show the rest: a long article
/// has thousands of quotes and dates, and drawing them all at once held the page for a second.
pub const LIST_LIMIT: usize = 100;

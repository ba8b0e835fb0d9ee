//! One file per component; each renders a part of an [`Analysis`](crate::analysis::Analysis).

mod article_list;
pub(crate) mod article_view;
mod editor;
mod entities_panel;
mod integrity_panel;
mod legend;
mod metadata_panel;
mod stats_panel;

pub use article_list::{ArticleList, ArticleListProps};
pub use article_view::{ArticleView, ArticleViewProps};
pub use editor::{Editor, EditorProps};
pub use entities_panel::{EntitiesPanel, EntitiesPanelProps};
pub use integrity_panel::{IntegrityPanel, IntegrityPanelProps};
pub use legend::{Legend, LegendProps};
pub use metadata_panel::{MetadataPanel, MetadataPanelProps};
pub use stats_panel::{StatsPanel, StatsPanelProps};

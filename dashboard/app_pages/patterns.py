"""Patterns: where risk clusters, which patterns of abuse were missed, how well agencies share."""

import streamlit as st

from dashboard import audited, pattern_data
from dashboard.as_of import current_as_of
from dashboard.empty_states import stop_unless_data
from dashboard.identity import user_for
from data_model.exports import FORMATS
from data_model.exports.files import screen_frame
from data_model.page_access import Page
from data_model.patterns.catalogue import REPORTS, REPORTS_BY_NAME
from data_model.patterns.charts import drawable, report_chart
from data_model.patterns.inputs import PatternOptions

user_for(Page.PATTERNS)
as_of = current_as_of()
st.title("Patterns")
st.caption(f"As of {as_of:%d %B %Y}. For analysts: people and records appear as keyed tokens, event dates as "
           "months, and counts below the threshold in summary tables are hidden ([c]).")
stop_unless_data()

name = str(st.selectbox("Report", [r.name for r in REPORTS], format_func=lambda n: REPORTS_BY_NAME[n].title,
                        key="patterns_report"))
with st.expander("Options"):
    left, middle, right = st.columns(3)
    threshold = int(left.number_input("Hide counts below", 0, 100, 5, key="patterns_threshold",
                                      help="Small numbers can identify someone; cells that would reveal them "
                                           "through a total are hidden too."))
    gap_points = int(middle.number_input("Dates in the gaps trend", 1, 24, 6, key="patterns_gap_points",
                                         help="The as-of date and the month ends before it."))
    sharing_days = int(right.number_input("Sharing period (days)", 1, 3660, 365, key="patterns_sharing_days"))
options = PatternOptions(gap_points=gap_points, sharing_days=sharing_days, threshold=threshold)

report = REPORTS_BY_NAME[name]
st.subheader(report.title)
st.markdown(report.question)
tables = pattern_data.report_tables(as_of, options, name)
if drawable(name, tables[0].frame):
    st.altair_chart(report_chart(name, tables[0].frame), theme=None, width="stretch")
else:
    st.info("Nothing to draw: every count is zero or hidden below the threshold. Choose another date, or lower "
            "the threshold in Options if you may see small numbers.")
for table in tables:
    st.markdown(f"**{table.description}** · {len(table.frame):,} rows")
    if table.frame.empty:
        st.info("Nothing to show on this date.")
    else:
        st.dataframe(screen_frame(table), hide_index=True, width="stretch")

st.subheader("Export for analysts")
st.caption("The same files as `linkedrisk export`: a data dictionary, every table of the chosen reports, the "
           "linked-risk graph (GraphML and GEXF open in Gephi and networkx) and a manifest with the SHA-256 of "
           "each file. Record-level tables are for analysis inside the partnership; tick the box for an export "
           "of aggregate tables only, fit to publish.")
formats_col, scope_col = st.columns([3, 2])
formats = formats_col.multiselect("Formats", FORMATS, default=list(FORMATS), key="patterns_formats")
whole = scope_col.toggle("Every report", value=True, key="patterns_every_report")
aggregates_only = scope_col.checkbox("Aggregate tables only", key="patterns_aggregates_only")
if aggregates_only:
    formats = [f for f in formats if f not in ("graphml", "gexf")]
if not formats:
    st.info("Choose at least one format to export.")
else:
    chosen = None if whole else [name]
    found = pattern_data.inputs(as_of, options)
    what = "analyst_export_aggregates" if aggregates_only else "analyst_export"
    audited.analyst_download(
        st.container(), "Download the export (ZIP)", what,
        lambda: pattern_data.export_zip(found, formats, chosen, aggregates_only),
        f"linkedrisk-analyst-export-{as_of.isoformat()}.zip", "application/zip", key="patterns_export",
    )

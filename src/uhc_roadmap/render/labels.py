"""Labels the view-model gives templates for the format's codes (building blocks, organisation
types, indicator verdicts, chart captions). English msgids, French in ``locale/fr/render.po``.

``N_`` only marks a string for extraction (a test checks each has a French translation); the
translation happens when a document is built, in its language.
"""

from __future__ import annotations

from uhc_roadmap.i18n import N_

BUILDING_BLOCKS = {
    "governance": N_("Leadership and governance"),
    "financing": N_("Health financing"),
    "workforce": N_("Health workforce"),
    "service_delivery": N_("Service delivery"),
    "information": N_("Health information"),
    "medicines": N_("Medicines and technologies"),
}
ORGANISATION_TYPES = {
    "government": N_("Government"),
    "who": N_("WHO"),
    "funder": N_("Funder"),
    "un_agency": N_("UN agency"),
    "ngo": N_("NGO"),
    "academic": N_("Academic"),
    "health_facility": N_("Health facility"),
    "other": N_("Other"),
}
INDICATOR_STATUSES = {
    "on_track": N_("on track"),
    "off_track": N_("off track"),
    "no_data": N_("no data"),
    "qualitative": N_("qualitative"),
}
TRENDS = {
    "improving": N_("improving"),
    "worsening": N_("worsening"),
    "stable": N_("stable"),
}
DIRECTIONS = {"increase": N_("increase"), "decrease": N_("decrease")}
STATUSES = {
    "planned": N_("planned"),
    "ongoing": N_("ongoing"),
    "finalising": N_("finalising"),
    "completed": N_("completed"),
    "cancelled": N_("cancelled"),
    "suspended": N_("suspended"),
}
CHART_TIMELINE = N_("Timeline of activities")
CHART_TIMELINE_DESC = N_(
    "Planned period of each activity by axis, coloured by status and filled up to its "
    "completion, extended in red when overdue; milestones where they were reached, joined to "
    "their due date when reached late or early; the vertical line marks the reference date."
)
CHART_AXES = N_("Completion by axis")
CHART_AXES_DESC = N_("Share of each axis's activities completed, cancelled work left out.")
CHART_BUDGET = N_("Budget planned and spent by funder")
CHART_BUDGET_DESC = N_("For each funder, the planned budget and the amount spent.")
REFERENCE_DATE = N_("Reference date: %(date)s")
PLANNED = N_("Planned")
SPENT = N_("Spent")
MILESTONE_DONE = N_("milestone reached")
MILESTONE_OPEN = N_("milestone not reached")
ONGOING = N_("ongoing")
SUSPENDED = N_("suspended")
LEGEND_OVERDUE = N_("overdue")
LEGEND_MILESTONE_LATE = N_("milestone late")
LEGEND_SLIP = N_("reached late: the slip from the due date")
OVERDUE_DAYS = N_("%(days)s days overdue")
MILESTONE_REACHED_ON = N_("due %(due)s, reached %(date)s")

"""The roadmap format as pydantic v2 models."""

from uhc_roadmap.model.roadmap import (
    Activity,
    ActualPeriod,
    Axis,
    BudgetLine,
    Indicator,
    IndicatorPoint,
    Measurement,
    Milestone,
    Organisation,
    Period,
    Phase,
    Roadmap,
)
from uhc_roadmap.model.text import Text

__all__ = [
    "Activity",
    "ActualPeriod",
    "Axis",
    "BudgetLine",
    "Indicator",
    "IndicatorPoint",
    "Measurement",
    "Milestone",
    "Organisation",
    "Period",
    "Phase",
    "Roadmap",
    "Text",
]

"""The conference editions, the reports that describe them, and where each fact comes from.

base.py      the rule "of a published edition" and what every sourced fact shares
sources.py   source reports (and public records)
editions.py  editions and the citations of their fields
corrections.py  values changed against their source, with reason and evidence
topics.py    topics and the editions that discussed them
facts.py     key figures and regional round tables
imports.py   report imports, where each stands, and what they could not place
"""

from .base import FactQuerySet, Sourced, published_edition, validate_excerpt
from .corrections import Correction, record_correction
from .editions import Citation, Conference, ConferenceQuerySet, ordinal
from .facts import KeyFigure, RoundTable
from .imports import ReportImport, UnplacedFinding
from .sources import SourceReport, SourceReportQuerySet
from .topics import ConferenceTopic, Topic, TopicQuerySet

__all__ = [
    "Citation",
    "Conference",
    "Correction",
    "ConferenceQuerySet",
    "ConferenceTopic",
    "FactQuerySet",
    "KeyFigure",
    "ReportImport",
    "RoundTable",
    "SourceReport",
    "SourceReportQuerySet",
    "Sourced",
    "Topic",
    "TopicQuerySet",
    "UnplacedFinding",
    "ordinal",
    "published_edition",
    "record_correction",
    "validate_excerpt",
]

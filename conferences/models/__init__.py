"""The conference editions, the reports that describe them, and where each fact comes from.

base.py      the rule "of a published edition" and what every sourced fact shares
sources.py   source reports (and public records)
editions.py  editions and the citations of their fields
corrections.py  values changed against their source, with reason and evidence
topics.py    topics and the editions that discussed them
facts.py     key figures, regional round tables and delegations
imports.py   report imports, where each stands, and what they could not place
membership.py  INTERPOL's membership over time, from public records
"""

from .base import FactQuerySet, Sourced, published_edition, validate_excerpt
from .corrections import Correction, record_correction
from .editions import Citation, Conference, ConferenceQuerySet, ordinal
from .facts import Delegation, KeyFigure, RoundTable
from .imports import ReportImport, UnplacedFinding
from .membership import Membership, MembershipHistory, MembershipQuerySet
from .sources import SourceReport, SourceReportQuerySet
from .topics import ConferenceTopic, Topic, TopicQuerySet

__all__ = [
    "Citation",
    "Conference",
    "Correction",
    "ConferenceQuerySet",
    "Delegation",
    "ConferenceTopic",
    "FactQuerySet",
    "KeyFigure",
    "Membership",
    "MembershipHistory",
    "MembershipQuerySet",
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

"""The ikm app's models: groups and their people and products; programs, aid and trainings."""

from ikm.models.aid import AID_NOT_IN_USE, Aid, AidCheck, AidQuerySet
from ikm.models.groups import (
    BusinessGroup,
    BusinessGroupQuerySet,
    Certification,
    CertificationQuerySet,
    Kbli,
    MarketplaceLink,
    Member,
    MemberQuerySet,
    Membership,
    MembershipQuerySet,
    Product,
    Theme,
)
from ikm.models.imports import ImportJob, ImportJobQuerySet, ImportRow
from ikm.models.programs import Enrolment, Program, Stage, StageCriterion, StageProgress
from ikm.models.targets import Target
from ikm.models.trainings import (
    Attendance,
    RegistrationQuerySet,
    Training,
    TrainingDay,
    TrainingRegistration,
)

__all__ = [
    "AID_NOT_IN_USE",
    "Aid",
    "AidCheck",
    "AidQuerySet",
    "Attendance",
    "Enrolment",
    "ImportJob",
    "ImportJobQuerySet",
    "ImportRow",
    "Program",
    "RegistrationQuerySet",
    "Stage",
    "StageCriterion",
    "StageProgress",
    "Target",
    "Training",
    "TrainingDay",
    "TrainingRegistration",
    "BusinessGroup",
    "BusinessGroupQuerySet",
    "Certification",
    "CertificationQuerySet",
    "Kbli",
    "MarketplaceLink",
    "Member",
    "MemberQuerySet",
    "Membership",
    "MembershipQuerySet",
    "Product",
    "Theme",
]

from .alerts import ExceptionAlert
from .papers import CabinetPaper, DirectorateNarrative, QuarterReport
from .results import Result, Target, target_errors

__all__ = ["CabinetPaper", "DirectorateNarrative", "ExceptionAlert", "QuarterReport", "Result", "Target",
           "target_errors"]

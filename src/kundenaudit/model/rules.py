"""The rules of every finding (`validate`, and the loaders behind `score`; `review`'s own rules
join them from model/review_rules.py): one enum, one registry of severity, summary and help.

A rule's severity is the one its findings usually have; a few change with the context (an
unknown service is an error with --strict, a missing mapped column only a warning), as the
summary says. SARIF rule descriptions and the README's table of rules come from here.
"""

from __future__ import annotations

import enum
import functools

from kundenaudit.model.errors import RuleInfo, Severity


class ValidationRule(str, enum.Enum):
    """The rule id of a finding about an input file."""

    ENCODING = "encoding"
    EMPTY = "empty"
    JSON = "json"
    YAML_SYNTAX = "yaml-syntax"
    YAML_DUPLICATE_KEY = "yaml-duplicate-key"
    YAML_KEY = "yaml-key"
    YAML_ALIAS = "yaml-alias"
    YAML_TAG = "yaml-tag"
    YAML_DEPTH = "yaml-depth"
    SEVERAL_DOCUMENTS = "several-documents"
    TOP_LEVEL = "top-level"
    FORMAT_VERSION = "format-version"
    WRONG_KIND = "wrong-kind"
    UNKNOWN_KIND = "unknown-kind"
    NOT_A_RECORD = "not-a-record"
    NOT_A_SNAPSHOT = "not-a-snapshot"
    SCHEMA = "schema"
    MISSING_KEY = "missing-key"
    UNKNOWN_KEY = "unknown-key"
    INVALID_ID = "invalid-id"
    DUPLICATE_ID = "duplicate-id"
    EXTENDS_CYCLE = "extends-cycle"
    UNKNOWN_SEGMENT = "unknown-segment"
    UNKNOWN_SERVICE = "unknown-service"
    UNKNOWN_METRIC = "unknown-metric"
    DUPLICATE_GOAL = "duplicate-goal"
    DUPLICATE_MARGIN = "duplicate-margin"
    GOAL_NO_MIN = "goal-no-min"
    GOAL_NO_TARGET = "goal-no-target"
    GOAL_MIN_ON_METRIC = "goal-min-on-metric"
    GOAL_TARGET_ON_COVERAGE = "goal-target-on-coverage"
    PREVIOUS_ID_CURRENT = "previous-id-current"
    PREVIOUS_ID_TWICE = "previous-id-twice"
    EMPTY_SEGMENT = "empty-segment"
    MISSING_ACTION = "missing-action"
    KNOCKOUT_NOT_MUSS = "knockout-not-muss"
    COMPETITION_STANDARD = "competition-standard"
    MUSS_GOAL_LOWERED = "muss-goal-lowered"
    REVIEWED_FUTURE = "reviewed-future"
    MISSING_SEGMENT = "missing-segment"
    DUPLICATE_CUSTOMER = "duplicate-customer"
    CSV_SYNTAX = "csv-syntax"
    CSV_HEADER = "csv-header"
    CSV_ROW = "csv-row"
    CSV_STATUS = "csv-status"
    CSV_VALUE = "csv-value"
    CSV_REASON = "csv-reason"
    CSV_DUPLICATE = "csv-duplicate"
    CSV_SEGMENT = "csv-segment"
    CSV_CONFLICT = "csv-conflict"
    CSV_UNCOVERED = "csv-uncovered"
    XLSX = "xlsx"
    XLSX_FORMULA = "xlsx-formula"
    XLSX_CATALOG_CHANGED = "xlsx-catalog-changed"


E, W = Severity.ERROR, Severity.WARNING
R = ValidationRule

# fmt: off
VALIDATION_RULES: dict[ValidationRule, RuleInfo] = {
    R.ENCODING: RuleInfo(E, 'The file is not valid UTF-8 (or UTF-16 with a byte order mark).',
        "Save it as UTF-8 (Excel: 'CSV UTF-8')."),
    R.EMPTY: RuleInfo(E, 'The file is empty.',
        "Write a YAML mapping that starts with 'kundenaudit: 1'."),
    R.JSON: RuleInfo(E, 'A snapshot is not valid JSON.', "Write it again with 'score --snapshot'."),
    R.YAML_SYNTAX: RuleInfo(E, 'The YAML does not parse.',
        'Fix the syntax at the position given (tabs, indentation, quotes).'),
    R.YAML_DUPLICATE_KEY: RuleInfo(E, 'A key appears twice in one mapping.',
        'Keep one of them; YAML would silently take the last.'),
    R.YAML_KEY: RuleInfo(E, 'A key YAML reads as something else than text (yes, on, 1.10).',
        'Quote the key.'),
    R.YAML_ALIAS: RuleInfo(E, 'An alias (*name); kundenaudit files allow none.',
        'Write the values out.'),
    R.YAML_TAG: RuleInfo(E, 'A YAML tag (!!python/...); none is supported.', 'Remove the tag.'),
    R.YAML_DEPTH: RuleInfo(E, 'Nesting deeper than the limit.', 'Flatten the document.'),
    R.SEVERAL_DOCUMENTS: RuleInfo(E, 'A catalog or mapping file holds several YAML documents.',
        'Keep one document per catalog or mapping file.'),
    R.TOP_LEVEL: RuleInfo(E, 'The top of the document is not a mapping.',
        "Start the document with 'kundenaudit: 1' and the other keys."),
    R.FORMAT_VERSION: RuleInfo(E, "The 'kundenaudit' format version is not one this program reads.",
        "Set 'kundenaudit: 1'."),
    R.WRONG_KIND: RuleInfo(
        E, 'The file is of another kind than the option expects (a record given as --catalog).',
        'Pass it where its kind belongs.'),
    R.UNKNOWN_KIND: RuleInfo(
        E, 'The file is none of catalog, customer record, mapping file or snapshot.',
        'Check the keys at its top.'),
    R.NOT_A_RECORD: RuleInfo(E, 'A catalog or mapping file was given as customer input.',
        'Pass a catalog with --catalog, a mapping with --mapping.'),
    R.NOT_A_SNAPSHOT: RuleInfo(E, "A JSON input is not a snapshot written by 'score --snapshot'.",
        'Give a snapshot or a YAML/CSV record.'),
    R.SCHEMA: RuleInfo(E, 'A value has the wrong type or is out of range.',
        "Use the value the message names (see 'kundenaudit schema')."),
    R.MISSING_KEY: RuleInfo(E, 'A required key is missing.', 'Add the key.'),
    R.UNKNOWN_KEY: RuleInfo(E, 'A key the format does not know (often a typo).',
        'Remove or correct it.'),
    R.INVALID_ID: RuleInfo(
        E, "An id with characters other than lower-case letters, digits, '-' and '_'.",
        'Rename it.'),
    R.DUPLICATE_ID: RuleInfo(E, 'Two segments, services or metrics share an id.',
        'Give each its own id.'),
    R.EXTENDS_CYCLE: RuleInfo(E, 'Segments extend each other in a cycle.',
        "Break the cycle of 'extends'."),
    R.UNKNOWN_SEGMENT: RuleInfo(E, 'A segment id that the catalog does not have.',
        "Use one of the catalog's segment ids (or map it under 'segments:')."),
    R.UNKNOWN_SERVICE: RuleInfo(
        W,
        'A service id that the catalog does not have (an error with --strict, and in a catalog).',
        'Correct the id or add the service to the catalog.'),
    R.UNKNOWN_METRIC: RuleInfo(E, 'A metric that the catalog does not define.',
        'Correct the name or add the metric to the catalog.'),
    R.DUPLICATE_GOAL: RuleInfo(E, 'A segment has two goals of the same content.',
        'Keep one goal per level, service list or metric.'),
    R.DUPLICATE_MARGIN: RuleInfo(E, 'More than one metric is marked as the margin.',
        'Mark one metric as the margin.'),
    R.GOAL_NO_MIN: RuleInfo(E, "A coverage goal without 'min'.", "Add 'min' (percent)."),
    R.GOAL_NO_TARGET: RuleInfo(E, "A metric goal without 'target'.", "Add 'target'."),
    R.GOAL_MIN_ON_METRIC: RuleInfo(E, "A metric goal has 'min' (a coverage in percent).",
        "Use 'target' for a metric goal."),
    R.GOAL_TARGET_ON_COVERAGE: RuleInfo(E, "A coverage goal has 'target' (for metric goals).",
        "Use 'min' (percent) for a coverage goal."),
    R.PREVIOUS_ID_CURRENT: RuleInfo(E, "A renamed service's previous id is a current service id.",
        "Remove it from 'previous_ids'."),
    R.PREVIOUS_ID_TWICE: RuleInfo(E, 'Two services claim the same previous id.',
        'Keep it at one service.'),
    R.EMPTY_SEGMENT: RuleInfo(W, 'A segment in which no service applies.',
        'Give it services or remove it.'),
    R.MISSING_ACTION: RuleInfo(W, "A service without 'action': its gaps say nothing to do.",
        "Add the 'action' that closes the gap."),
    R.KNOCKOUT_NOT_MUSS: RuleInfo(
        W, 'A knock-out on a service that is Muss in no segment (it never applies).',
        "Make it Muss where it should knock out, or drop 'knockout'."),
    R.COMPETITION_STANDARD: RuleInfo(
        W, "'competition: standard' on a service that is not Muss in every segment.",
        "Make it Muss everywhere, or choose 'some'."),
    R.MUSS_GOAL_LOWERED: RuleInfo(W, 'A segment lowers the Muss goal below 100 %.',
        'Check that the segment really tolerates Muss gaps.'),
    R.REVIEWED_FUTURE: RuleInfo(W, "A 'reviewed' date in the future.",
        'Use the date of the last review.'),
    R.MISSING_SEGMENT: RuleInfo(E, 'A customer without a segment.',
        "Add 'segment:' or pass --segment."),
    R.DUPLICATE_CUSTOMER: RuleInfo(E, 'A customer id appears twice among the inputs.',
        'Keep one record per customer.'),
    R.CSV_SYNTAX: RuleInfo(
        E, 'The CSV cannot be read (an unclosed quote, a field over the size limit).',
        'Export the file again.'),
    R.CSV_HEADER: RuleInfo(
        E, 'A required column is missing, or a mapped column is absent (a warning then).',
        'Name the columns as the layout or the mapping needs.'),
    R.CSV_ROW: RuleInfo(E, 'A row with more or fewer fields than the header.',
        'Quote fields that contain the delimiter.'),
    R.CSV_STATUS: RuleInfo(E, 'An unknown status word in a status cell.',
        "Use a status word or map it under 'values:' in the mapping file."),
    R.CSV_VALUE: RuleInfo(E, 'A cell that is not a valid number, date or value for its column.',
        'Correct the cell.'),
    R.CSV_REASON: RuleInfo(E, 'An exemption (entbehrlich) without a reason.',
        'Fill the reason column.'),
    R.CSV_DUPLICATE: RuleInfo(E, 'The same service of a customer appears twice.',
        'Keep one row per customer and service.'),
    R.CSV_SEGMENT: RuleInfo(E, "A customer's rows name different segments.",
        'Use one segment per customer.'),
    R.CSV_CONFLICT: RuleInfo(
        W,
        "A customer's rows disagree on a name or value (the first is used; for a metric: error).",
        'Make the rows agree.'),
    R.CSV_UNCOVERED: RuleInfo(
        W, "Catalog services that apply to a wide export's customers but have no column.",
        "Add a column for each, or map one under 'services:' in the mapping file."),
    R.XLSX: RuleInfo(E, 'The workbook cannot be read, or has no visible sheet.',
        'Save it again as .xlsx, or name the sheet with --sheet.'),
    R.XLSX_FORMULA: RuleInfo(W, 'A formula cell without a saved value: read as empty.',
        'Open and save the workbook in a spreadsheet program.'),
    R.XLSX_CATALOG_CHANGED: RuleInfo(
        W, 'An assessment workbook made from another version of the catalog.',
        "Check the sheet against the current catalog, or make a new one with 'sheet'."),
}
# fmt: on


@functools.cache
def registry() -> dict[str, RuleInfo]:
    """Every rule id of every command (validation and review) with its description."""
    from kundenaudit.model.review_rules import REVIEW_RULES  # noqa: PLC0415 - it imports this

    rules = {rule.value: info for rule, info in VALIDATION_RULES.items()}
    rules.update({rule.value: info for rule, info in REVIEW_RULES.items()})
    return rules

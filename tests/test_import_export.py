"""Spreadsheet import and export: the catalogue and results imports, the export, the commands and the browser."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conftest import login
from indicators.importers import plan_catalogue
from indicators.models import Directorate, Division, Indicator
from indicators.spreadsheets import SpreadsheetRejected, parse_date, parse_decimal, read_sheet
from performance.exporters import COLUMNS, export_results
from performance.importers import plan_results
from performance.models import Result, Target
from tests.factories import IndicatorFactory, ResultFactory, TargetFactory

CATALOGUE = """\
Code,TITLE,Directorate,kind,Polarity,unit,frequency,division,accountable_officer,decimal_places,dot_method,Comments
EPE01,Tonnes of waste sent to landfill,"Growth, Environment and Transport",KPI,lower,number,quarterly,Waste,\
officer@council.example,0,trend,ignored
CS01,Percentage of phone calls answered,Children Young People and Education,kpi,higher,percentage,quarterly,,,1,,
"""


def csv_file(tmp_path, text, name="upload.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def xlsx_file(tmp_path, rows, name="upload.xlsx", number_formats=None):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for coordinate, number_format in (number_formats or {}).items():
        sheet[coordinate].number_format = number_format
    path = tmp_path / name
    book.save(path)
    return path


def counts():
    return (Indicator.objects.count(), Directorate.objects.count(), Result.objects.count(), Target.objects.count(),
            Result.history.count(), Target.history.count(), Indicator.history.count())


@pytest.fixture
def number_kpi(directorate):
    return IndicatorFactory(code="EPE01", title="Tonnes of waste sent to landfill", directorate=directorate,
                            unit="number", polarity="lower", decimal_places=0)


# ---------------------------------------------------------------------------------------------
# Cells and files
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "expected"), [
    ("1,366", Decimal("1366")), ("85%", Decimal("85")), (" 12.5 ", Decimal("12.5")), ("-3", Decimal("-3")),
    (12.5, Decimal("12.5")), (1366, Decimal("1366")), ("1,234,567.25", Decimal("1234567.25")), (None, None),
    ("0.12345678", Decimal("0.123457")),
])
def test_parse_decimal_reads_what_officers_type(cell, expected):
    assert parse_decimal(cell) == expected


@pytest.mark.parametrize("cell", ["n/a", "12,5", "1,36", "NaN", "Infinity", True, "1e20"])
def test_parse_decimal_rejects_what_is_not_a_figure(cell):
    with pytest.raises(ValueError, match="not a number|too large"):
        parse_decimal(cell)


def test_parse_date():
    from datetime import datetime

    assert parse_date("2020-09-30") == date(2020, 9, 30)
    assert parse_date(datetime(2020, 9, 30)) == date(2020, 9, 30)
    assert parse_date(None) is None
    for text in ("31/09/2020", "2020-09-31", "30 Sep 2020", "20200930"):
        with pytest.raises(ValueError, match="use YYYY-MM-DD"):
            parse_date(text)


def test_read_sheet_lowercases_headers_skips_empty_rows_and_reads_a_bom(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeff Indicator_Code ,PERIOD_END\nCS01,2020-09-30\n,\nCS02,2020-12-31\n".encode())
    header, rows = read_sheet(path)
    assert header == ["indicator_code", "period_end"]
    assert rows == [(2, {"indicator_code": "CS01", "period_end": "2020-09-30"}),
                    (4, {"indicator_code": "CS02", "period_end": "2020-12-31"})]


def test_read_sheet_reads_an_excel_percentage_as_typed(tmp_path):
    path = xlsx_file(tmp_path, [["indicator_code", "actual"], ["CS01", 0.855]], number_formats={"B2": "0.0%"})
    assert parse_decimal(read_sheet(path).rows[0][1]["actual"]) == Decimal("85.5")


def test_read_sheet_rejects_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("code,title\nX1,£ spent\n".encode("cp1252"))
    with pytest.raises(SpreadsheetRejected, match="CSV UTF-8"):
        read_sheet(path)


# ---------------------------------------------------------------------------------------------
# Catalogue import
# ---------------------------------------------------------------------------------------------


def test_catalogue_import_creates_directorates_and_indicators(directorate, officer, tmp_path):
    plan = plan_catalogue(csv_file(tmp_path, CATALOGUE))
    assert plan.summary() == "2 created, 0 updated, 0 unchanged"
    plan.apply()

    landfill = Indicator.objects.select_related("directorate", "division").get(code="EPE01")
    assert landfill.directorate.name == "Growth, Environment and Transport"
    assert landfill.directorate.slug == "growth-environment-and-transport"
    assert landfill.division == Division.objects.get(name="Waste", directorate=landfill.directorate)
    assert (landfill.kind, landfill.polarity, landfill.unit, landfill.decimal_places, landfill.dot_method) == (
        "kpi", "lower", "number", 0, "trend")
    assert landfill.accountable_officer == officer
    calls = Indicator.objects.get(code="CS01")
    assert calls.directorate == directorate  # matched on its slug-equivalent name, not created again
    assert Directorate.objects.count() == 2


def test_catalogue_reimport_changes_nothing_and_reports_updates(directorate, officer, tmp_path):
    plan_catalogue(csv_file(tmp_path, CATALOGUE)).apply()
    before = counts()
    again = plan_catalogue(csv_file(tmp_path, CATALOGUE))
    assert again.summary() == "0 created, 0 updated, 2 unchanged"
    again.apply()
    assert counts() == before

    changed = plan_catalogue(csv_file(tmp_path, CATALOGUE.replace("Tonnes of waste", "Tonnes of household waste")))
    assert changed.summary() == "0 created, 1 updated, 1 unchanged"
    assert changed.changing_rows[0].changes == [
        ("title", "Tonnes of waste sent to landfill", "Tonnes of household waste sent to landfill")]


def test_catalogue_replaced_by_may_point_further_down_the_file(directorate, tmp_path):
    text = ("code,title,directorate,kind,polarity,unit,frequency,status,replaced_by\n"
            "OLD1,Old measure,cype,kpi,higher,number,annual,replaced,NEW1\n"
            "NEW1,New measure,cype,kpi,higher,number,annual,active,\n")
    plan_catalogue(csv_file(tmp_path, text)).apply()
    assert Indicator.objects.get(code="OLD1").replaced_by == Indicator.objects.get(code="NEW1")


@pytest.mark.parametrize(("row", "column", "message"), [
    ("X1,Title,cype,target,higher,number,quarterly,,", "kind", '"target" is not one of: kpi, activity.'),
    ("X1,Title,cype,kpi,higher,number,weekly,,", "frequency", "monthly, quarterly, termly, annual"),
    ("X1,Title,cype,kpi,higher,number,quarterly,nobody,", "accountable_officer", 'No user has the username'),
    ("X1,Title,cype,kpi,higher,number,quarterly,,7", "decimal_places", "whole number from 0 to 6"),
    ("X1,,cype,kpi,higher,number,quarterly,,", "title", "must be filled in"),
    ("CS01,Duplicate,cype,kpi,higher,number,quarterly,,", "code", "also appears in row 2"),
])
def test_catalogue_errors_name_row_and_column_and_write_nothing(directorate, tmp_path, row, column, message):
    text = ("code,title,directorate,kind,polarity,unit,frequency,accountable_officer,decimal_places\n"
            "CS01,Calls answered,New directorate,kpi,higher,percentage,quarterly,,\n" + row + "\n")
    before = counts()
    with pytest.raises(SpreadsheetRejected) as rejected:
        plan_catalogue(csv_file(tmp_path, text))
    assert [(e.row, e.column) for e in rejected.value.errors] == [(3, column)]
    assert message in str(rejected.value.errors[0])
    assert counts() == before


def test_catalogue_missing_columns_are_named_in_one_error(db, tmp_path):
    with pytest.raises(SpreadsheetRejected) as rejected:
        plan_catalogue(csv_file(tmp_path, "code,title,directorate\nX1,Title,cype\n"))
    [error] = rejected.value.errors
    assert str(error).startswith("Row 1: The header row has no kind, polarity, unit, frequency columns.")


# ---------------------------------------------------------------------------------------------
# Results import
# ---------------------------------------------------------------------------------------------


def test_results_import_reads_separators_percent_any_header_case_and_ignores_extra_columns(kpi, number_kpi,
                                                                                           tmp_path):
    text = ('Indicator_Code,PERIOD_END,Actual,Target,Floor,Commentary,Notes to self\n'
            'EPE01,2020-09-30,"1,366","1,200","1,300",Landfill rose after the depot fire.,ignore me\n'
            'CS01,2020-09-30,85%,,,,\n')
    plan = plan_results(csv_file(tmp_path, text))
    assert plan.summary() == "2 created, 0 updated, 0 unchanged"
    plan.apply()

    landfill = Result.objects.get(indicator=number_kpi)
    assert landfill.actual == Decimal("1366")
    assert landfill.commentary == "Landfill rose after the depot fire."
    assert Target.objects.get(indicator=number_kpi).floor == Decimal("1300")
    assert Result.objects.get(indicator=kpi).actual == Decimal("85")
    assert not Target.objects.filter(indicator=kpi).exists()  # all its target cells were empty


def test_results_import_from_xlsx_with_dates_and_numbers(kpi, tmp_path):
    path = xlsx_file(tmp_path, [["indicator_code", "period_end", "numerator", "denominator"],
                                ["CS01", date(2020, 9, 30), 1181, "1,366"]])
    plan_results(path).apply()
    result = Result.objects.get(indicator=kpi)
    assert result.actual == Decimal("86.456808")  # computed from numerator and denominator


def test_empty_cell_is_unknown_and_an_absent_column_is_left_alone(kpi, tmp_path):
    ResultFactory(indicator=kpi, actual=Decimal("86"), commentary="Improving", risks="Staff turnover")
    plan_results(csv_file(tmp_path, "indicator_code,period_end,actual,commentary\nCS01,2020-09-30,,\n")).apply()
    result = Result.objects.get(indicator=kpi)
    assert (result.actual, result.commentary, result.risks) == (None, "", "Staff turnover")


def test_a_file_of_future_targets_creates_no_results(kpi, tmp_path):
    plan_results(csv_file(tmp_path, "indicator_code,period_end,target,floor\nCS01,2099-03-31,90,85\n")).apply()
    assert Target.objects.get(indicator=kpi, period_end=date(2099, 3, 31)).target == Decimal("90")
    assert not Result.objects.exists()


GOOD_ROW = "CS01,2020-06-30,85,80,75,,"


@pytest.mark.parametrize(("bad_row", "column", "message"), [
    ("CS01,31/09/2020,85,80,75,,", "period_end", '"31/09/2020" is not a date; use YYYY-MM-DD.'),
    ("XX99,2020-09-30,85,80,75,,", "indicator_code", 'No indicator has the code "XX99".'),
    ("CS01,2020-09-30,n/a,80,75,,", "actual", '"n/a" is not a number.'),
    (GOOD_ROW, "period_end", "CS01 for the period ending 2020-06-30 is also in row 2."),
    ("CS01,2020-09-30,120,80,75,,", "actual", "A percentage must be between 0 and 100 (got 120)."),
    ("CS01,2099-03-31,85,80,75,,", "period_end", "has not finished yet"),
    ("CS01,2020-09-30,,80,75,120,100", "numerator", "cannot be greater than the denominator"),
    ("CS01,2020-09-30,85,75,80,,", "floor", "cannot be above the target"),
])
def test_results_errors_name_row_and_column_and_write_nothing(kpi, tmp_path, bad_row, column, message):
    text = f"indicator_code,period_end,actual,target,floor,numerator,denominator\n{GOOD_ROW}\n{bad_row}\n"
    before = counts()
    with pytest.raises(SpreadsheetRejected) as rejected:
        plan_results(csv_file(tmp_path, text))
    assert {error.row for error in rejected.value.errors} == {3}
    [error] = [error for error in rejected.value.errors if error.column == column]
    assert str(error).startswith(f'Row 3, column "{column}": ')
    assert message in error.message
    assert counts() == before


def test_wrong_header_is_rejected(kpi, tmp_path):
    with pytest.raises(SpreadsheetRejected) as rejected:
        plan_results(csv_file(tmp_path, "code,period,actual\nCS01,2020-09-30,85\n"))
    assert str(rejected.value) == ("Row 1: The header row has no indicator_code, period_end columns. "
                                   "Required columns: indicator_code, period_end.")


def test_every_problem_in_the_file_is_reported(kpi, tmp_path):
    text = ("indicator_code,period_end,actual\nCS01,2020-09-30,abc\nCS01,2020-13-01,85\n,2020-06-30,1\n"
            "CS01,2020-12-31,101\n")
    with pytest.raises(SpreadsheetRejected) as rejected:
        plan_results(csv_file(tmp_path, text))
    assert [(e.row, e.column) for e in rejected.value.errors] == [
        (2, "actual"), (3, "period_end"), (4, "indicator_code"), (5, "actual")]


def test_reimporting_the_same_file_changes_nothing(kpi, number_kpi, tmp_path):
    path = csv_file(tmp_path, "indicator_code,period_end,actual,target,floor,commentary,data_status\n"
                              "CS01,2020-09-30,86.5,85,80,On track,final\nEPE01,2020-09-30,\"1,366\",,,,\n")
    plan_results(path).apply()
    before = counts()
    plan = plan_results(path)
    assert plan.summary() == "0 created, 0 updated, 2 unchanged"
    plan.apply()
    assert counts() == before


def test_update_lists_old_and_new_values(kpi, tmp_path):
    ResultFactory(indicator=kpi, actual=Decimal("86"))
    TargetFactory(indicator=kpi)
    plan = plan_results(csv_file(tmp_path, "indicator_code,period_end,actual,target\nCS01,2020-09-30,87.5,85\n"))
    [row] = plan.changing_rows
    assert (row.label, row.action, row.changes) == ("CS01 2020/21 Q2", "update", [("actual", "86", "87.5")])


def test_a_new_result_against_a_target_set_in_advance_is_a_create(kpi, tmp_path):
    TargetFactory(indicator=kpi, period_end=date(2020, 6, 30))
    ResultFactory(indicator=kpi, period_end=date(2020, 9, 30))
    text = "indicator_code,period_end,actual,target\nCS01,2020-06-30,84,85\nCS01,2020-09-30,86,90\n"
    assert [(row.action, row.changes) for row in plan_results(csv_file(tmp_path, text)).rows] == [
        ("create", [("actual", "–", "84")]),
        ("update", [("target", "–", "90")]),
    ]


# ---------------------------------------------------------------------------------------------
# Export and round trip
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def reported(kpi, number_kpi, performance_officer):
    ResultFactory(indicator=kpi, period_end=date(2020, 6, 30), actual=Decimal("84.250000"),
                  numerator=Decimal("337"), denominator=Decimal("400"), data_status="final",
                  commentary='Busy quarter, "record" demand\nafter the storms', actions="=Recruit two advisers")
    ResultFactory(indicator=kpi, period_end=date(2020, 9, 30), actual=Decimal("86"), forecast=Decimal("87.5"))
    ResultFactory(indicator=number_kpi, period_end=date(2020, 9, 30), actual=Decimal("1366"), risks="Depot fire")
    TargetFactory(indicator=kpi, period_end=date(2020, 9, 30), target=Decimal("85"), floor=Decimal("80"))
    TargetFactory(indicator=number_kpi, period_end=date(2020, 9, 30), target=Decimal("1200"), floor=Decimal("1300"))
    TargetFactory(indicator=kpi, period_end=date(2099, 3, 31), target=Decimal("90"), floor=None)


def figures():
    fields = ("indicator__code", "period_end", "actual", "numerator", "denominator", "commentary", "actions",
              "risks", "forecast", "data_status")
    return list(Result.objects.order_by("indicator__code", "period_end").values_list(*fields))


def test_export_has_the_results_columns_one_row_per_result_and_plain_numbers(reported):
    text = export_results("csv").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert lines[1].startswith("CS01,Percentage of phone calls answered,2020-06-30,84.25,,,,,337,400,")
    assert "CS01,Percentage of phone calls answered,2020-09-30,86,85,80,,,,,,,,87.5,provisional,draft," in text
    assert text.count("EPE01,") == 1
    # A target set ahead for a period with no result yet is exported too, so it survives the round trip.
    assert "CS01,Percentage of phone calls answered,2099-03-31,,90,,,,,,,,,,,,,,," in text


def test_export_filters_by_directorate_and_period(reported, directorate):
    other = IndicatorFactory(code="ZZ1")
    ResultFactory(indicator=other, period_end=date(2020, 9, 30))
    rows = read_sheet(export_results("csv", directorate="cype", period_from=date(2020, 7, 1))).rows
    assert [(cells["indicator_code"], cells["period_end"]) for _, cells in rows] == [
        ("CS01", "2020-09-30"), ("CS01", "2099-03-31"), ("EPE01", "2020-09-30")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_round_trips(reported, tmp_path, fmt):
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(export_results(fmt))
    before, values = counts(), figures()
    plan = plan_results(path)
    assert plan.summary() == "0 created, 0 updated, 4 unchanged"  # three results and a target set ahead
    plan.apply()
    assert counts() == before

    targets = list(Target.objects.order_by("indicator__code", "period_end").values_list(
        "indicator__code", "period_end", "target", "floor", "lower_threshold", "upper_threshold"))
    Result.objects.all().delete()
    Target.objects.all().delete()
    plan_results(path).apply()
    assert figures() == values
    assert list(Target.objects.order_by("indicator__code", "period_end").values_list(
        "indicator__code", "period_end", "target", "floor", "lower_threshold", "upper_threshold")) == targets


def test_export_writes_xlsx_with_a_bold_header(reported):
    sheet = load_workbook(io.BytesIO(export_results("xlsx"))).active
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert sheet["A1"].font.bold
    assert sheet["O2"].value == "final"
    assert sheet["L2"].value == "=Recruit two advisers"  # text, not a formula


# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------


def test_import_commands_print_a_summary_and_dry_run_writes_nothing(directorate, officer, tmp_path):
    out = io.StringIO()
    call_command("import_indicators", csv_file(tmp_path, CATALOGUE), "--dry-run", stdout=out)
    assert "nothing written" in out.getvalue()
    assert not Indicator.objects.exists()
    call_command("import_indicators", csv_file(tmp_path, CATALOGUE), stdout=out)
    assert "2 created, 0 updated, 0 unchanged" in out.getvalue()

    results = csv_file(tmp_path, "indicator_code,period_end,actual\nCS01,2020-09-30,85\n", "results.csv")
    call_command("import_results", results, stdout=out)
    assert "1 created, 0 updated, 0 unchanged" in out.getvalue()


def test_import_command_fails_on_a_bad_file_and_writes_nothing(kpi, tmp_path):
    path = csv_file(tmp_path, "indicator_code,period_end,actual\nCS01,2020-09-30,85\nCS01,2020-12-31,lots\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_results", path, stderr=err)
    assert 'Row 3, column "actual": "lots" is not a number.' in err.getvalue()
    assert not Result.objects.exists()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_results", tmp_path / "missing.csv")


def test_export_command_to_stdout_and_to_a_file(reported, tmp_path):
    out = io.StringIO()
    call_command("export_results", stdout=out)
    assert out.getvalue().startswith("indicator_code,indicator_title,period_end,actual,")
    call_command("export_results", "--output", tmp_path / "results.xlsx", stdout=out)
    assert len(read_sheet(tmp_path / "results.xlsx").rows) == 4  # three results and a target set ahead
    with pytest.raises(CommandError, match="needs --output"):
        call_command("export_results", "--format", "xlsx")


# ---------------------------------------------------------------------------------------------
# The browser
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def upload(client, text, kind="results", name="results.csv"):
    file = io.BytesIO(text.encode())
    file.name = name
    return client.post(reverse("performance:import"), {"kind": kind, "file": file})


def test_performance_team_uploads_previews_and_confirms(client, performance_officer, directorate, var_dir,
                                                        django_assert_max_num_queries):
    codes = [IndicatorFactory(code=f"KPI{n:02d}", directorate=directorate).code for n in range(10)]
    ends = ["2019-06-30", "2019-09-30", "2019-12-31", "2020-03-31", "2020-06-30"]
    text = "indicator_code,period_end,actual,target,floor\n" + "".join(
        f"{code},{end},{50 + n},60,40\n" for n, code in enumerate(codes) for end in ends)
    login(client, performance_officer)
    assert client.get(reverse("performance:import")).status_code == 200

    with django_assert_max_num_queries(30):
        response = upload(client, text)
    assert response.status_code == 200
    assert "Check the import of results.csv" in response.text
    assert response.context["plan"].counts == {"create": 50, "update": 0, "unchanged": 0}
    assert not Result.objects.exists()
    [stored] = (var_dir / "imports").iterdir()

    response = client.post(reverse("performance:import-confirm"), {"token": response.context["token"]},
                           follow=True)
    assert "Imported results.csv: 50 created, 0 updated, 0 unchanged." in response.text
    assert Result.objects.count() == 50 and Target.objects.count() == 50
    assert not stored.exists()
    assert Result.history.filter(history_user=performance_officer).count() == 50

    response = client.post(reverse("performance:import-confirm"), {"token": stored.stem}, follow=True)
    assert "already been imported or has expired" in response.text


def test_upload_with_errors_lists_them_and_imports_nothing(client, performance_officer, kpi, var_dir):
    login(client, performance_officer)
    response = upload(client, "indicator_code,period_end,actual\nCS01,31/09/2020,85\nXX1,2020-09-30,1\n")
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert "Nothing has been imported." in response.text
    assert "Row 2, column &quot;period_end&quot;: &quot;31/09/2020&quot; is not a date; use YYYY-MM-DD." in \
        response.text
    assert "Row 3, column &quot;indicator_code&quot;" in response.text
    assert not any((var_dir / "imports").iterdir())
    assert not Result.objects.exists()


def test_upload_must_be_csv_or_xlsx(client, performance_officer, var_dir):
    login(client, performance_officer)
    response = upload(client, "hello", name="notes.txt")
    assert response.status_code == 400
    assert "Choose a .csv or .xlsx file." in response.text


def test_confirm_checks_the_file_again(client, performance_officer, kpi, var_dir):
    login(client, performance_officer)
    response = upload(client, "indicator_code,period_end,target,floor\nCS01,2020-09-30,85,80\n")
    kpi.polarity = Indicator.Polarity.LOWER  # the floor is now on the wrong side of the target
    kpi.save()
    response = client.post(reverse("performance:import-confirm"), {"token": response.context["token"]})
    assert response.status_code == 400
    assert "cannot be below the target" in response.text
    assert not Target.objects.exists()


def test_catalogue_upload_in_the_browser(client, performance_officer, officer, var_dir):
    login(client, performance_officer)
    response = upload(client, CATALOGUE, kind="indicators", name="catalogue.csv")
    assert response.context["plan"].counts["create"] == 2
    client.post(reverse("performance:import-confirm"), {"token": response.context["token"]})
    assert set(Indicator.objects.values_list("code", flat=True)) == {"EPE01", "CS01"}


@pytest.mark.parametrize("persona", ["officer", "member"])
def test_only_the_performance_team_imports(client, request, persona, var_dir):
    login(client, request.getfixturevalue(persona))
    assert client.get(reverse("performance:import")).status_code == 403
    assert upload(client, "indicator_code,period_end\n").status_code == 403
    assert client.post(reverse("performance:import-confirm"), {"token": "x"}).status_code == 403
    assert client.get(reverse("performance:import-template", args=["results", "csv"])).status_code == 403


@pytest.mark.parametrize(("kind", "first_columns"), [
    ("results", ["indicator_code", "period_end", "actual", "target", "floor"]),
    ("indicators", ["code", "title", "directorate", "kind", "polarity", "unit", "frequency"]),
])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_download(client, performance_officer, kind, first_columns, fmt):
    login(client, performance_officer)
    response = client.get(reverse("performance:import-template", args=[kind, fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{kind}-template.{fmt}"'
    header, rows = read_sheet(response.content)
    assert header[:len(first_columns)] == first_columns
    assert len(rows) == 1
    assert client.get(reverse("performance:import-template", args=[kind, "pdf"])).status_code == 404


# ---------------------------------------------------------------------------------------------
# Ratings without any other step
# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_import_then_export_gives_the_ratings(tmp_path):
    """The import commits, the recompute runs after the commit (in-process by default), the export has the ratings."""
    catalogue = csv_file(tmp_path, "code,title,directorate,kind,polarity,unit,frequency,decimal_places,dot_method\n"
                                   "CS01,Calls answered,Customer Services,kpi,higher,percentage,quarterly,1,previous\n"
                                   "ACT1,Calls received,Customer Services,activity,higher,number,quarterly,0,\n",
                         "catalogue.csv")
    results = csv_file(tmp_path, "indicator_code,period_end,actual,target,floor,lower_threshold,upper_threshold\n"
                                 "CS01,2020-06-30,84.96%,85,80,,\n"
                                 "CS01,2020-09-30,79,85,80,,\n"
                                 'ACT1,2020-09-30,"1,366",,,"1,000","1,200"\n', "results.csv")
    call_command("import_indicators", str(catalogue), stdout=io.StringIO())
    call_command("import_results", str(results), stdout=io.StringIO())
    output = tmp_path / "export.csv"
    call_command("export_results", "--output", str(output), stdout=io.StringIO())
    lines = output.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    rows = {(r[header.index("indicator_code")], r[header.index("period_end")]): r
            for r in (line.split(",") for line in lines[1:])}

    def rating(code, end, column):
        return rows[(code, end)][header.index(column)]

    assert rating("CS01", "2020-06-30", "rag") == "GREEN"  # 84.96 shows as 85.0: target met
    assert rating("CS01", "2020-09-30", "rag") == "RED"
    assert rating("CS01", "2020-09-30", "direction") == "WORSENING"
    assert rating("ACT1", "2020-09-30", "activity_status") == "ABOVE"
    assert rating("ACT1", "2020-09-30", "rag") == "NOT_APPLICABLE"


def test_imported_changes_say_so_in_the_history(kpi, tmp_path):
    path = csv_file(tmp_path, "indicator_code,period_end,actual,target,floor\nCS01,2020-09-30,86,85,80\n")
    plan_results(path).apply()
    assert Result.history.get().history_change_reason == "Spreadsheet import"
    assert Target.history.get().history_change_reason == "Spreadsheet import"


def test_reimporting_an_old_export_never_wipes_a_result_entered_since(reported, tmp_path, kpi, performance_officer):
    path = tmp_path / "export.csv"
    path.write_bytes(export_results("csv"))  # includes the 2099 target row, with empty result cells
    Result.objects.create(indicator=kpi, period_end=date(2099, 3, 31), actual=Decimal("9"), commentary="Entered")
    plan_results(path).apply()
    result = Result.objects.get(indicator=kpi, period_end=date(2099, 3, 31))
    assert (result.actual, result.commentary) == (Decimal("9"), "Entered")

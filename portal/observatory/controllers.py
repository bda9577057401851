"""Public observatory pages and the staff boards. Views only choose periods
and breakdowns; every figure comes protected from ``reading``."""

from __future__ import annotations

import io
from datetime import date, timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.accounts import Role
from portal.core.time import local_today
from portal.extensions import db
from portal.geo.gazetteer import get_gazetteer
from portal.observatory import boards, indicators, reading, snapshots
from portal.observatory.forms import CalendarForm
from portal.observatory.models import CalendarEntry, Evaluator

BOARD_ROLES = (Role.ADMIN, Role.EDITOR)
BREAKDOWN_LABELS = {
    "theme": _l("Theme"), "commune": _l("Commune"), "department": _l("Department"),
    "age_range": _l("Age bracket"), "channel": _l("Channel"),
}


PERIOD_LABELS = {"month": _l("By month"), "week": _l("By week"), "year": _l("By year"),
                 "all": _l("The whole period")}


def _months_back(months: int, today: date | None = None) -> tuple[date, date]:
    today = today or local_today()
    end = today - timedelta(days=1)
    year, month = divmod(end.year * 12 + end.month - 1 - (months - 1), 12)
    return date(year, month + 1, 1), end


def parse_period(args) -> tuple[date, date]:
    """``from``/``to`` as YYYY-MM-DD, else the last twelve months; a bad or
    reversed range is a 422 naming the field."""
    default_start, default_end = _months_back(12)
    try:
        start = date.fromisoformat(args["from"]) if args.get("from") else default_start
    except ValueError:
        abort(422, description="from: expected a date as YYYY-MM-DD.")
    try:
        end = date.fromisoformat(args["to"]) if args.get("to") else default_end
    except ValueError:
        abort(422, description="to: expected a date as YYYY-MM-DD.")
    if not date(2000, 1, 1) <= start <= end <= date(2100, 1, 1):
        abort(422, description="from, to: expected from ≤ to, between 2000 and 2100.")
    return start, end


def _labels(series: reading.Series) -> dict:
    """Readable names for the groups of a breakdown."""
    if series.by in ("commune",):
        gazetteer = get_gazetteer()
        return {g: (gazetteer.by_insee(g).name if gazetteer.by_insee(g) else g) for g in series.groups}
    if series.by == "theme":
        from portal.core.themes import theme_labels

        labels = theme_labels()
        return {g: str(labels.get(g, g)) for g in series.groups}
    return {g: g for g in series.groups}


def index():
    start, end = _months_back(12)
    cards = [(indicator, reading.series(indicator, start=start, end=end))
             for indicator in indicators.public()]
    calendar = db.session.query(CalendarEntry).filter(CalendarEntry.day >= start).order_by(CalendarEntry.day)
    return render_template("observatory/index.html", cards=cards, calendar=list(calendar),
                           start=start, end=end)


def indicator_page(name: str):
    indicator = indicators.get(name)
    if indicator is None or not (indicator.public or _may_see_boards()):
        abort(404)
    start, end = parse_period(request.args)
    by = request.args.get("by") or None
    if by is not None and by not in indicator.breakdowns:
        abort(422, description=f"by: this indicator cannot be broken down by {by!r}.")
    period = request.args.get("period") or "month"
    if period not in reading.PERIODS:
        abort(422, description=f"period: expected one of {', '.join(reading.PERIODS)}.")
    series = reading.series(indicator, start=start, end=end, by=by, period=period)
    return render_template("observatory/indicator.html", indicator=indicator, series=series,
                           labels=_labels(series), breakdown_labels=BREAKDOWN_LABELS,
                           period_labels=PERIOD_LABELS, period=period, start=start, end=end, by=by)


def methodology():
    return render_template("observatory/methodology.html", registry=indicators.all_indicators(),
                           corrections=snapshots.corrections(),
                           k=reading.minimum_cell_size(k=current_app.config["OBSERVATORY_MIN_CELL"]))


def downloads():
    return render_template("observatory/downloads.html", registry=indicators.public())


def may_see_boards(user) -> bool:
    """Administrators, editors and the evaluation team read the boards."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_role(*BOARD_ROLES) or db.session.get(Evaluator, user.id) is not None


def _may_see_boards() -> bool:
    return may_see_boards(current_user)


def require_board_access():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not _may_see_boards():
        abort(403)
    return None


def require_board_editing():
    """Changing the calendar is for administrators and editors, not evaluators."""
    if (refused := require_board_access()) is not None:
        return refused
    if not current_user.has_role(*BOARD_ROLES):
        abort(403)
    return None


def board():
    if (refused := require_board_access()) is not None:
        return refused
    days = request.args.get("days", "90")
    days = int(days) if days in ("30", "90", "365") else 90
    end = local_today() - timedelta(days=1)
    start = end - timedelta(days=days - 1)
    form = CalendarForm()
    return render_template("observatory/board.html", board=boards.build(start, end), start=start,
                           end=end, days=days, form=form,
                           may_edit=current_user.has_role(*BOARD_ROLES),
                           tiles_url=current_app.config["MAP_TILES_URL"],
                           calendar=db.session.query(CalendarEntry).order_by(CalendarEntry.day.desc()).all())


def add_calendar_entry():
    if (refused := require_board_editing()) is not None:
        return refused
    form = CalendarForm()
    if not form.validate_on_submit():
        end = local_today() - timedelta(days=1)
        start = end - timedelta(days=89)
        return render_template("observatory/board.html", board=boards.build(start, end), start=start,
                               end=end, days=90, form=form, may_edit=True,
                               tiles_url=current_app.config["MAP_TILES_URL"],
                               calendar=db.session.query(CalendarEntry).order_by(CalendarEntry.day.desc()).all()), 422
    db.session.add(CalendarEntry(day=form.day.data, end_day=form.end_day.data, kind=form.kind.data,
                                 label=form.label.data.strip()))
    db.session.flush()
    flash(_("The date was added to the calendar."), "success")
    return redirect(url_for("observatory.board") + "#calendar")


def download(name: str, fmt: str):
    """A public indicator's protected monthly series over the last twelve
    months (or ``from``/``to``), optionally broken down (``by``)."""
    from flask import Response, send_file

    from portal.observatory import exports
    from portal.observatory.models import ExportLog

    indicator = indicators.get(name)
    if indicator is None or not indicator.public or fmt not in exports.FORMATS:
        abort(404)
    start, end = parse_period(request.args)
    by = request.args.get("by") or None
    if by is not None and by not in indicator.breakdowns:
        abort(422, description=f"by: this indicator cannot be broken down by {by!r}.")
    user_id = current_user.id if current_user.is_authenticated and current_user.is_staff else None
    db.session.add(ExportLog(user_id=user_id, what=f"{name} {start}..{end} {by or ''}".strip(), format=fmt))
    filename = f"{name}_{start:%Y-%m}_{end:%Y-%m}{'_' + by if by else ''}.{fmt}"
    if fmt == "csv":
        table = list(exports.rows(indicator, start, end, by=by))
        return Response(exports.csv_stream(table),
                        mimetype="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
    if fmt == "xlsx":
        return send_file(exports.xlsx_file(indicator, start, end, by=by), download_name=filename,
                         as_attachment=True,
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return send_file(io.BytesIO(exports.ods_bytes(indicator, start, end, by=by)), download_name=filename,
                     as_attachment=True, mimetype="application/vnd.oasis.opendocument.spreadsheet")


def datapackage():
    from flask import jsonify

    from portal.core.urls import external_url
    from portal.observatory import exports

    base = external_url("observatory.downloads").rstrip("/")
    return jsonify(exports.datapackage(base))


def readme():
    from flask import Response

    from portal.observatory import exports

    return Response(exports.readme(), mimetype="text/markdown; charset=utf-8")


def delete_calendar_entry(calendar_id: int):
    if (refused := require_board_editing()) is not None:
        return refused
    entry = db.session.get(CalendarEntry, calendar_id)
    if entry is not None:  # a second click, or a colleague was quicker: same outcome
        db.session.delete(entry)
        db.session.flush()
    flash(_("The date was removed from the calendar."), "success")
    return redirect(url_for("observatory.board") + "#calendar")

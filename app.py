"""Frontline dashboard: the Dash app factory and its wiring.

Layout comes from components/*, answers from analysis/* (DashboardData). An as-of move sends
only compact state arrays; the browser recolours the markers (assets/frontline.js)."""
from __future__ import annotations

from pathlib import Path

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update

from analysis.control import explain
from analysis.frame import from_day, to_day
from analysis.ingest_jobs import MAX_FILE_BYTES, MAX_FILES, MAX_PASTE_CHARS, IngestJobs, UploadRejected, decode_upload
from analysis.service import DashboardData
from analysis.unresolved import GazetteerForCandidates, correct, unresolved_names, user_place
from analysis.view import View, view_from_query
from components.api import register_api
from components.controls import PLAY_STEPS, filter_column, time_bar
from components.export import claims_csv, claims_geojson
from components.legend import legend
from components.map import (TILE_STYLES, base_payload, basemap_layers, map_graph, reference_towns, states_payload,
                            view_key)
from components.source_panel import render_panel
from components.timeline import timeline_block, timeline_figure, with_asof_line
from components.unresolved import unresolved_list, unresolved_section
from components.upload import upload_section
from extraction.records import CLAIM_TYPES

STORE_POLL_MS = 10_000
VIEW_INPUTS = [
    Input("asof", "value"), Input("side-filter", "value"), Input("claim-filter", "value"),
    Input("outlet-filter", "value"), Input("min-confidence", "value"), Input("place-search", "value"),
    Input("date-range", "start_date"), Input("date-range", "end_date"),
]


def create_app(db_path: str | Path, **options) -> dash.Dash:
    """options: title (str), requests_pathname_prefix (str)."""
    data = DashboardData(db_path)
    app = dash.Dash(
        __name__, title=options.get("title", "Frontline"), serve_locally=True,
        assets_folder=str(Path(__file__).with_name("assets")), update_title=None,
        suppress_callback_exceptions=True,
        requests_pathname_prefix=options.get("requests_pathname_prefix"),
    )
    app.layout = lambda: page_layout(data)
    register_api(app.server, data)
    wire_view(app, data)
    wire_time(app)
    wire_map(app, data)
    wire_panel(app, data)
    wire_export(app, data)
    wire_unresolved(app, data)
    wire_upload(app, data)
    app.server.config["frontline_data"] = data
    # every allowed file at its largest, base64-encoded in the upload request, plus room for the form
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_FILES * MAX_FILE_BYTES * 4 // 3 + 2**20
    return app


def page_layout(data: DashboardData) -> html.Div:
    frame = data.frame()
    sides = sorted(frame.claims["side"].astype(str).unique().tolist()) if not frame.empty else []
    outlets = sorted(frame.claims["outlet"].astype(str).unique().tolist()) if not frame.empty else []
    first, last = from_day(frame.first_day), from_day(frame.last_day)
    return html.Div(className="app", children=[
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="map-base"), dcc.Store(id="map-states"), dcc.Store(id="selected-place"),
        dcc.Store(id="view-query"), dcc.Store(id="basemap", data=list(basemap_layers())),
        dcc.Store(id="towns", data=reference_towns()),
        dcc.Store(id="all-sides", data=sides),
        dcc.Store(id="data-version", data=data.source.generation),
        dcc.Store(id="map-click"), dcc.Store(id="placing"),
        dcc.Interval(id="store-poll", interval=STORE_POLL_MS),
        dcc.Download(id="download"),
        html.Header(className="header", children=[
            html.H1("Frontline"),
            html.Span(id="view-counts", className="counts"),
            html.Div(className="header-tools", children=[
                dcc.Dropdown(id="tile-style", options=[{"label": v, "value": k} for k, v in TILE_STYLES.items()],
                             value="white-bg", clearable=False, className="tiles"),
                html.Button("CSV", id="export-csv", title="Download the claims in this view as CSV"),
                html.Button("GeoJSON", id="export-geojson", title="Download the claims in this view as GeoJSON"),
                html.A("Link to this view", id="permalink", href="", className="permalink"),
            ]),
        ]),
        html.Div(className="body", children=[
            html.Aside(className="left", children=[filter_column(sides, outlets, first, last), legend(sides),
                                                   upload_section(), unresolved_section()]),
            html.Main(className="center", children=[
                html.Div(map_graph(), className="map-wrap"),
                time_bar(frame.first_day, frame.last_day),
                timeline_block(),
            ]),
            html.Aside(className="right", children=[html.Div(id="source-panel", className="source-panel")]),
        ]),
    ])


def current_view(asof, sides, claims, outlets, min_conf, query, start, end, place=None, all_sides=None) -> View:
    """Controls -> View; a list that holds every option means "all" (keeps URLs short)."""
    side_tuple = None if sides is None or (all_sides is not None and set(all_sides) <= set(sides)) else tuple(sides)
    claim_tuple = None if claims is None or set(CLAIM_TYPES) <= set(claims) else tuple(claims)
    return View(
        asof=from_day(asof) if asof is not None else None,
        date_from=(start or None) and start[:10], date_to=(end or None) and end[:10],
        sides=side_tuple, claim_types=claim_tuple, outlets=tuple(outlets) if outlets else None,
        min_confidence=float(min_conf or 0), place_query=query or "", place=place,
    )


def wire_view(app: dash.Dash, data: DashboardData) -> None:
    @app.callback(
        Output("asof", "value"), Output("date-range", "start_date"), Output("date-range", "end_date"),
        Output("side-filter", "value"), Output("claim-filter", "value"), Output("outlet-filter", "value"),
        Output("min-confidence", "value"), Output("place-search", "value"),
        Output("selected-place", "data"),
        Input("url", "search"), State("all-sides", "data"),
    )
    def controls_from_url(search, all_sides):
        view = view_from_query(search or "")
        frame = data.frame()
        asof = min(max(to_day(view.asof), frame.first_day), frame.last_day) if view.asof else frame.last_day
        return (asof, view.date_from, view.date_to,
                list(view.sides) if view.sides is not None else all_sides,
                list(view.claim_types) if view.claim_types is not None else list(CLAIM_TYPES),
                list(view.outlets) if view.outlets else [], view.min_confidence, view.place_query, view.place)

    @app.callback(Output("view-query", "data"), *VIEW_INPUTS, Input("selected-place", "data"),
                  State("all-sides", "data"), prevent_initial_call=True)
    def query_for_view(*args):
        return current_view(*args).to_query()

    app.clientside_callback(ClientsideFunction("frontline", "write_permalink"),
                            Output("permalink", "href"), Input("view-query", "data"))

    @app.callback(Output("data-version", "data"), Input("store-poll", "n_intervals"), State("data-version", "data"),
                  prevent_initial_call=True)
    def data_version_after_store_change(_, known):
        data.frame()
        return data.source.generation if data.source.generation != known else no_update

    @app.callback(Output("date-range", "start_date", allow_duplicate=True),
                  Output("date-range", "end_date", allow_duplicate=True),
                  Input("timeline", "relayoutData"), prevent_initial_call=True)
    def date_range_from_brush(relayout):
        relayout = relayout or {}
        if relayout.get("xaxis.autorange"):
            return None, None
        if "xaxis.range[0]" in relayout:
            return str(relayout["xaxis.range[0]"])[:10], str(relayout["xaxis.range[1]"])[:10]
        return no_update, no_update


def wire_time(app: dash.Dash) -> None:
    @app.callback(Output("play-timer", "disabled"), Output("play", "children"),
                  Input("play", "n_clicks"), State("play-timer", "disabled"), prevent_initial_call=True)
    def play_or_pause(_, disabled):
        return (False, "❚❚ Pause") if disabled else (True, "▶ Play")

    @app.callback(Output("asof", "value", allow_duplicate=True),
                  Output("play-timer", "disabled", allow_duplicate=True),
                  Output("play", "children", allow_duplicate=True),
                  Input("play-timer", "n_intervals"), State("asof", "value"), State("asof", "min"), State("asof", "max"),
                  prevent_initial_call=True)
    def asof_after_tick(_, asof, low, high):
        step = max(1, (high - low) // PLAY_STEPS)
        if asof >= high:
            return low, no_update, no_update
        nxt = min(asof + step, high)
        return (nxt, True, "▶ Play") if nxt >= high else (nxt, no_update, no_update)

    # in the browser: an as-of move only moves the timeline's line, and the figure (thousands of
    # bars at scale) need not travel to the server and back for that
    app.clientside_callback(ClientsideFunction("frontline", "asof_label_and_line"),
                            Output("asof-label", "children"), Output("timeline", "figure", allow_duplicate=True),
                            Input("asof", "value"), State("timeline", "figure"), prevent_initial_call=True)


def wire_map(app: dash.Dash, data: DashboardData) -> None:
    @app.callback(Output("map-base", "data"), *VIEW_INPUTS[1:], Input("data-version", "data"), State("asof", "value"),
                  State("all-sides", "data"))
    def markers_for_filters(sides, claims, outlets, min_conf, query, start, end, _version, asof, all_sides):
        view = current_view(asof, sides, claims, outlets, min_conf, query, start, end, all_sides=all_sides)
        return data.per_filters("map-base", view, lambda vs: base_payload(vs, view_key(vs)))

    @app.callback(Output("map-states", "data"), Output("view-counts", "children"), *VIEW_INPUTS,
                  Input("data-version", "data"), State("all-sides", "data"))
    def marker_states(asof, sides, claims, outlets, min_conf, query, start, end, _version, all_sides):
        vs = data.states(current_view(asof, sides, claims, outlets, min_conf, query, start, end, all_sides=all_sides))
        counted = int(vs.states.n_claims.sum())
        return states_payload(vs, view_key(vs)), f"{len(vs.states.place)} places · {counted} claims by {vs.view.asof}"

    app.clientside_callback(ClientsideFunction("frontline", "draw_map"), Output("map", "figure"),
                            Input("map-base", "data"), Input("map-states", "data"), Input("tile-style", "value"),
                            Input("selected-place", "data"), State("basemap", "data"), State("towns", "data"))

    @app.callback(Output("timeline", "figure"), *VIEW_INPUTS[1:], Input("timeline-step", "value"),
                  Input("data-version", "data"), State("asof", "value"), State("all-sides", "data"))
    def timeline_for_filters(sides, claims, outlets, min_conf, query, start, end, step, _version, asof, all_sides):
        view = current_view(asof, sides, claims, outlets, min_conf, query, start, end, all_sides=all_sides)
        weekly = step == "week"
        figure = data.per_filters(f"timeline-{step}", view,
                                  lambda vs: timeline_figure(data.timeline(view, weekly=weekly), vs.view.asof, weekly))
        return with_asof_line(figure, from_day(asof))

    @app.callback(Output("selected-place", "data", allow_duplicate=True), Input("map", "clickData"),
                  State("map-base", "data"), prevent_initial_call=True)
    def place_from_click(click, base):
        point = (click or {}).get("points", [{}])[0]
        try:
            return base["traces"][point["curveNumber"]]["refs"][point["pointNumber"]]
        except (KeyError, IndexError, TypeError):
            return no_update


def wire_panel(app: dash.Dash, data: DashboardData) -> None:
    @app.callback(Output("source-panel", "children"), Input("selected-place", "data"), *VIEW_INPUTS,
                  Input("data-version", "data"), State("all-sides", "data"))
    def source_panel(place_ref, asof, sides, claims, outlets, min_conf, query, start, end, _version, all_sides):
        if not place_ref or asof is None:
            return render_panel(None, [], "", "")
        view = current_view(asof, sides, claims, outlets, min_conf, query, start, end, all_sides=all_sides)
        code = data.place_code(place_ref)
        if code is None:
            return render_panel(None, [], "", "")
        place = data.frame().places.iloc[code].to_dict()
        vs = data.states(view)
        return render_panel(place, data.place_claims(place_ref, view), vs.view.asof, explain(vs.states, code))


def wire_export(app: dash.Dash, data: DashboardData) -> None:
    @app.callback(Output("download", "data"), Input("export-csv", "n_clicks"), Input("export-geojson", "n_clicks"),
                  *[State(i.component_id, i.component_property) for i in VIEW_INPUTS], State("all-sides", "data"),
                  prevent_initial_call=True)
    def download_view(_csv, _geojson, *controls):
        view = current_view(*controls[:-1], all_sides=controls[-1])
        rows = data.view_claims(view)
        if ctx.triggered_id == "export-csv":
            return dcc.send_string(claims_csv(rows), f"frontline-{view.asof or 'view'}.csv")
        return dcc.send_string(claims_geojson(rows), f"frontline-{view.asof or 'view'}.geojson")


def wire_unresolved(app: dash.Dash, data: DashboardData) -> None:
    gazetteer = GazetteerForCandidates()

    @app.callback(Output("unresolved", "children"), Output("unresolved-title", "children"),
                  Input("unresolved-refresh", "n_clicks"), Input("data-version", "data"))
    def unresolved_places(refresh_clicks, _version):
        conn = data.source.connection()
        try:
            names = unresolved_names(conn)
        finally:
            conn.close()
        ranked = {n.name: gazetteer.candidates(n.name, load=bool(refresh_clicks)) for n in names}
        return unresolved_list(names, ranked), f"Unresolved places ({len(names)})"

    @app.callback(Output("placing", "data"), Output("placing-banner", "children"),
                  Input({"type": "fix-pick", "name": ALL}, "n_clicks"), prevent_initial_call=True)
    def start_placing(clicks):
        if not any(clicks or []):
            return no_update, no_update
        name = ctx.triggered_id["name"]
        return name, f"Click on the map where '{name}' is."

    @app.callback(Output("unresolved-message", "children"), Output("data-version", "data", allow_duplicate=True),
                  Output("placing", "data", allow_duplicate=True), Output("placing-banner", "children", allow_duplicate=True),
                  Input({"type": "fix-apply", "name": ALL}, "n_clicks"), Input("map-click", "data"),
                  State({"type": "fix-choice", "name": ALL}, "value"), State({"type": "fix-choice", "name": ALL}, "id"),
                  State("placing", "data"), prevent_initial_call=True)
    def store_correction(applies, click, choices, choice_ids, placing):
        conn = data.source.connection()
        try:
            if ctx.triggered_id == "map-click":
                if not placing or not click:
                    return no_update, no_update, no_update, no_update
                name, place = placing, user_place(placing, click["lat"], click["lon"])
            else:
                if not any(applies or []):
                    return no_update, no_update, no_update, no_update
                name = ctx.triggered_id["name"]
                ref = next((v for v, i in zip(choices, choice_ids) if i["name"] == name), None)
                if not ref:
                    return f"Pick a candidate for '{name}' first.", no_update, no_update, no_update
                place = gazetteer.place(ref, conn)
                if place is None:
                    return f"Could not find {ref} in the gazetteer.", no_update, no_update, no_update
            changed = correct(conn, name, place)
        finally:
            conn.close()
        data.source.invalidate()
        data.frame()
        return (f"'{name}' is now {place.name} ({place.lat:.4f}, {place.lon:.4f}): {changed['mentions']} mentions and "
                f"{changed['claims']} claims moved; later ingests use it too.", data.source.generation, None, "")


def wire_upload(app: dash.Dash, data: DashboardData) -> None:
    jobs = IngestJobs(data.db_path, on_done=data.source.invalidate)

    @app.callback(Output("ingest-job", "data"), Output("ingest-poll", "disabled"), Output("ingest-message", "children"),
                  Input("upload", "contents"), Input("paste-submit", "n_clicks"),
                  State("upload", "filename"), State("paste-text", "value"), prevent_initial_call=True)
    def start_ingest(contents, _paste, names, pasted):
        try:
            if ctx.triggered_id == "upload":
                files = [(n, decode_upload(n, c)) for n, c in zip(names or [], contents or [])]
            else:
                text = (pasted or "").strip()
                if not text:
                    raise UploadRejected("paste an article first")
                if len(text) > MAX_PASTE_CHARS:
                    raise UploadRejected(f"pasted text is over {MAX_PASTE_CHARS:,} characters")
                files = [("pasted.txt", text.encode("utf-8"))]
            job = jobs.start(files)
        except UploadRejected as exc:
            return no_update, True, str(exc)
        return job.id, False, f"ingesting {job.total} file(s)…"

    @app.callback(Output("ingest-progress", "value"), Output("ingest-progress", "max"),
                  Output("ingest-message", "children", allow_duplicate=True),
                  Output("ingest-poll", "disabled", allow_duplicate=True),
                  Output("data-version", "data", allow_duplicate=True),
                  Input("ingest-poll", "n_intervals"), State("ingest-job", "data"), prevent_initial_call=True)
    def ingest_progress(_, job_id):
        job = jobs.status(job_id) if job_id else None
        if job is None:
            return no_update, no_update, no_update, True, no_update
        if job.state == "running":
            return str(job.done), str(max(job.total, 1)), f"ingesting… {job.done} of {job.total}", False, no_update
        data.frame()
        failures = "; ".join(f"{n}: {r}" for n, r in job.failed[:5])
        return (str(job.total), str(max(job.total, 1)), job.message + (f" — {failures}" if failures else ""), True,
                data.source.generation)


if __name__ == "__main__":
    import cli

    raise SystemExit(cli.main())

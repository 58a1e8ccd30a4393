"""Adding articles from the browser: upload files or paste text; a progress bar while the
background ingest runs."""
from __future__ import annotations

from dash import dcc, html

from analysis.ingest_jobs import ALLOWED_SUFFIXES, MAX_FILE_BYTES, MAX_PASTE_CHARS


def upload_section() -> html.Details:
    limit = f"{', '.join(ALLOWED_SUFFIXES)} up to {MAX_FILE_BYTES // (1024 * 1024)} MB each"
    return html.Details(className="section", children=[
        html.Summary("Add articles"),
        # No `accept` / `max_size` here: the browser would drop such files silently; the server
        # refuses them with a message instead.
        dcc.Upload(id="upload", multiple=True, className="upload", children=html.Div(["Drop files here or ", html.A("choose files")])),
        html.Small(limit, className="hint"),
        dcc.Textarea(id="paste-text", placeholder="…or paste an article: title on the first line, then the text",
                     maxLength=MAX_PASTE_CHARS, className="paste"),
        html.Button("Add pasted text", id="paste-submit", className="small"),
        html.Progress(id="ingest-progress", value="0", max="1", className="progress"),
        html.Div(id="ingest-message", className="message"),
        dcc.Store(id="ingest-job"),
        dcc.Interval(id="ingest-poll", interval=700, disabled=True),
    ])

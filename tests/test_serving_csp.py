"""The Content-Security-Policy that protect() sends does not break the dashboard (map, panel,
timeline draw with no violation reported), and it really is enforced: a script injected into
the page the way hostile text would need to run is refused."""
from __future__ import annotations

import threading

import pytest

from app import create_app
from security import protect

HOSTILE_PLACE = "geonames:170017"  # Kobani in the scenario store carries the hostile article
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


@pytest.fixture(scope="module")
def protected_url(scenario_db):
    from werkzeug.serving import make_server

    app = create_app(scenario_db)
    protect(app, {})
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def csp_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_lines = []
    page.on("console", lambda m: page.console_lines.append(m.text))
    yield page
    context.close()


def test_the_dashboard_draws_under_the_policy_with_no_violation(csp_page, protected_url):
    response = csp_page.goto(f"{protected_url}/?place={HOSTILE_PLACE}")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    csp_page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot');"
                               " return g && g.data && g.data.length && g.data[0].ids; }", timeout=20000)
    csp_page.locator("#source-panel .claims").wait_for(timeout=15000)
    csp_page.wait_for_function("() => document.querySelector('#timeline .main-svg')", timeout=15000)
    csp_page.wait_for_timeout(1000)
    assert "<script>alert(1)</script>" in csp_page.inner_text("#source-panel")
    assert csp_page.evaluate("window.__violations") == []
    assert not [line for line in csp_page.console_lines if "Content Security Policy" in line]


def test_an_injected_inline_script_is_refused(csp_page, protected_url):
    csp_page.goto(protected_url + "/")
    csp_page.wait_for_function("() => document.querySelector('#map .js-plotly-plot')", timeout=20000)
    csp_page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true';
        document.body.appendChild(s);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__ran = true');
        img.src = 'data:,not-an-image';
        document.body.appendChild(img);
    }""")
    csp_page.wait_for_timeout(500)
    assert csp_page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in csp_page.evaluate("window.__violations"))

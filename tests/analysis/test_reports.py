"""The report command in every format and under filters, the network exports, and the
HTML summary rendered in headless Chromium."""

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import DATA

KINDS = ["summary", "centrality", "communities", "brokers", "regions", "timeline"]
# Where the rendered page's screenshot is kept for people to look at (git-ignored).
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"


@pytest.fixture(autouse=True)
def small(run_cli):
    """Every test here reads the small corpus."""
    assert run_cli("ingest", str(DATA / "small.yaml")).exit_code == 0


@pytest.mark.parametrize("kind", KINDS)
def test_every_report_in_every_format(run_cli, kind):
    as_json = json.loads(run_cli("report", kind, "--format", "json").output)
    assert as_json, kind
    as_csv = list(csv.DictReader(io.StringIO(run_cli("report", kind, "--format", "csv").output)))
    assert len(as_csv) == len(as_json)
    assert list(as_csv[0]) == list(as_json[0])
    markdown = run_cli("report", kind, "--format", "markdown").output
    assert markdown.startswith("## ")
    assert "| " + " | ".join(as_json[0]) + " |" in markdown
    table = run_cli("report", kind).output
    assert "Filters: all agreements." in table


def test_top_and_filters_change_the_rows(run_cli):
    rows = json.loads(run_cli("report", "centrality", "--format", "json", "--top", "2").output)
    assert [row["name"] for row in rows] == ["Alpha University", "Beta College"]
    since = json.loads(
        run_cli("report", "centrality", "--format", "json", "--since", "2022").output
    )
    assert {row["name"] for row in since} == {"Gamma School", "Epsilon Hospital"}
    region = json.loads(
        run_cli("report", "timeline", "--format", "json", "--region", "Zhejiang").output
    )
    assert [(row["year"], row["agreements"]) for row in region] == [(2021, 1)]
    kinds = json.loads(
        run_cli("report", "regions", "--format", "json", "--kind", "exchange").output
    )
    assert [(r["region_a"], r["region_b"]) for r in kinds] == [("Hong Kong", "Zhejiang")]
    only = json.loads(
        run_cli("report", "brokers", "--format", "json", "--institution-kind", "university").output
    )
    # Alpha's partners are a college and a school: only the regions' plan is left.
    assert {row["name"] for row in only} == {"Hong Kong", "Jiangmen"}


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--region", "Atlantis", "Error: no region named 'Atlantis'"),
        ("--since", "2023-13", "Error: since: expected a real calendar date, got '2023-13'"),
        (
            "--until",
            "May 2023",
            "Error: until: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got 'May 2023'",
        ),
    ],
)
def test_a_bad_filter_is_one_line(run_cli, option, value, message):
    result = run_cli("report", "summary", option, value)
    assert result.exit_code == 1
    assert result.output.strip() == message


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_carry_measures(run_cli, tmp_path, fmt):
    path = tmp_path / f"n.{fmt}"
    assert run_cli("export", "--network", "--format", fmt, "-o", str(path)).exit_code == 0
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    # Undirected, labelled with names: what Gephi should show.
    assert not graph.is_directed()
    alpha = next(d for _, d in graph.nodes(data=True) if d.get("name") == "Alpha University")
    assert alpha["label"] == "Alpha University"
    assert alpha["type"] == "Institution"  # as in the whole graph's export
    assert alpha["region"] == "Nanshan District"
    assert alpha["kind"] == "university"
    assert float(alpha["betweenness"]) == pytest.approx(4 / 15)
    assert "community" in alpha and "pagerank" in alpha and alpha["core"] in ("core", "periphery")


def test_an_ego_network(run_cli, tmp_path):
    path = tmp_path / "ego.graphml"
    result = run_cli(
        "export",
        "--ego",
        "Delta Institute",
        "--radius",
        "2",
        "--format",
        "graphml",
        "-o",
        str(path),
    )
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(path)
    assert sorted(d["name"] for _, d in graph.nodes(data=True)) == [
        "Alpha University",
        "Beta College",
        "Delta Institute",
    ]
    assert all(d["label"] == d["name"] for _, d in graph.nodes(data=True))


def _chromium() -> str:
    """Debian's Chromium; under CI a test without it fails, elsewhere it is skipped."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        message = "no Chromium (Debian's chromium package) to render the HTML report"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {message}")
        pytest.skip(message)
    return browser


@pytest.mark.parametrize("corpus", ["small", "demo"])
def test_the_html_summary_renders_in_chromium(run_cli, tmp_path, corpus):
    browser = _chromium()
    if corpus == "demo":
        assert run_cli("demo").exit_code == 0
    parties = len(json.loads(run_cli("report", "centrality", "--format", "json").output))
    page = tmp_path / "out.html"
    result = run_cli("report", "summary", "--html", str(page))
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    # Self-contained: no script, style or image is fetched from anywhere.
    assert 'src="http' not in text and 'href="http' not in text
    dom = _chromium_dom(browser, page, tmp_path)
    # The page's script draws one circle per party and records any error it meets.
    assert f'data-rendered-parties="{parties}"' in dom
    assert 'data-errors=""' in dom
    assert dom.count('class="party"') == parties
    assert "<table>" in dom and "Centrality of parties" in dom
    shot = _screenshot(browser, page, tmp_path, f"report-summary-{corpus}.png")
    assert shot.stat().st_size > 10_000


_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1200,1600",
]


def _chromium_dom(browser: str, page: Path, tmp_path: Path) -> str:
    """The page's DOM after its scripts ran in headless Chromium."""
    return subprocess.run(
        [
            browser,
            *_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def _screenshot(browser: str, page: Path, tmp_path: Path, name: str) -> Path:
    """A screenshot of the page, kept for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / name
    subprocess.run(
        [
            browser,
            *_FLAGS,
            f"--user-data-dir={tmp_path / 'profile2'}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return shot


# Written for this test: six schools of real places in three pairings.
CHINESE_ARTICLE = """杭州与开化学校结对

2024年3月5日，杭州市云栖路中学与开化县桐村小学签订结对帮扶协议。
2024年4月8日，杭州市西溪实验学校与衢州市柯城区石梁中学签订结对协议。
2024年5月9日，杭州市云栖路中学与衢州市柯城区石梁中学签署合作协议。
2024年6月2日，香港雲栖中學與開化縣華埠中學締結姊妹學校。
"""

# Draws each Chinese character of the page's tables in the tables' font, and a character no
# font has (U+E000, which shows as a box): characters that render alike, or like the box,
# have no glyph.
_GLYPH_CHECK = """<script>
(function () {
  const font = getComputedStyle(document.querySelector('td')).font;
  const chars = [...new Set(document.body.innerText.match(/[\u4e00-\u9fff]/g) || [])];
  function pixels(ch) {
    const canvas = document.createElement('canvas'); canvas.width = 40; canvas.height = 40;
    const context = canvas.getContext('2d'); context.font = font; context.fillText(ch, 4, 30);
    return Array.from(context.getImageData(0, 0, 40, 40).data).join(',');
  }
  const box = pixels('\ue000');
  const seen = new Map(); const missing = [];
  for (const ch of chars.slice(0, 40)) {
    const drawn = pixels(ch);
    if (drawn === box || seen.has(drawn)) missing.push(ch);
    seen.set(drawn, ch);
  }
  document.body.setAttribute('data-cjk-checked', String(Math.min(chars.length, 40)));
  document.body.setAttribute('data-cjk-missing', missing.join(''));
})();
</script></body>"""


def test_chinese_names_render_with_their_glyphs(run_cli, tmp_path):
    browser = _chromium()
    article = tmp_path / "zh.txt"
    article.write_text(CHINESE_ARTICLE, encoding="utf-8")
    assert run_cli("ingest", str(article)).exit_code == 0
    page = tmp_path / "out.html"
    assert run_cli("report", "summary", "--html", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert "杭州市云栖路中学" in text and "香港雲栖中學" in text
    # The charts are drawn by matplotlib, which says when a font lacks a character.
    assert "No font with Chinese characters" not in text
    checked = tmp_path / "checked.html"
    checked.write_text(text.replace("</body>", _GLYPH_CHECK), encoding="utf-8")
    dom = _chromium_dom(browser, checked, tmp_path)
    assert 'data-errors=""' in dom
    assert 'data-cjk-missing=""' in dom, dom[dom.find("data-cjk") : dom.find("data-cjk") + 80]
    assert int(dom.split('data-cjk-checked="')[1].split('"')[0]) >= 20
    _screenshot(browser, page, tmp_path, "report-summary-chinese.png")

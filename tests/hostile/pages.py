"""A realistic, hand-written news page that hostile cases wrap, corrupt or stretch.

Every hostile case that should still yield an Article starts from this page, so the expected words are known:
`STORY_MARKERS` must survive into the body whatever was done around them.
"""

from __future__ import annotations

import json

TITLE = "Harbour council approves €40 million sea wall after winter floods"
CANONICAL = "https://www.coastgazette.example/news/2026/02/27/harbour-sea-wall"
STORY_MARKERS = ("Councillors voted", "Marguerite Lefèvre", "dredging contract")

PARAGRAPHS = (
    "Councillors voted eleven to four on Thursday night to build a €40 million sea wall along the old harbour, "
    "three months after winter storms pushed sea water into more than two hundred homes on Quay Street.",
    "The wall, about 1.2 kilometres long, will rise two metres above the current promenade and include "
    "flood gates at the fish market and the ferry terminal, according to plans published by the council.",
    "“We cannot ask people to bail out their kitchens every February,” said Marguerite Lefèvre, who chairs "
    "the council's infrastructure committee. “This is the cheapest way to keep the harbour alive.”",
    "Opponents argued that the design would cut the town off from its beach and that the cost estimate left "
    "out the maintenance of the gates, which engineers put at roughly €600,000 a year.",
    "Work is due to start in September once the dredging contract is signed, and the council expects the "
    "first section, in front of the lifeboat station, to be finished before next winter's storm season.",
)


def jsonld(**overrides: object) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": TITLE,
        "datePublished": "2026-02-27T21:40:00+00:00",
        "author": [{"@type": "Person", "name": "Tomás Ferreira"}],
        "publisher": {"@type": "Organization", "name": "Coast Gazette"},
        "image": "https://img.coastgazette.example/2026/02/sea-wall.jpg",
    }
    data.update(overrides)
    return json.dumps(data, ensure_ascii=False)


def article_page(
    *,
    charset: str | None = "utf-8",
    head_extra: str = "",
    jsonld_text: str | None = None,
    before_story: str = "",
    inside_story: str = "",
    after_story: str = "",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    title: str = TITLE,
    doctype: str = "<!DOCTYPE html>",
    wrap_body: bool = True,
) -> str:
    """The page as text; callers encode it however the case needs."""
    charset_meta = f'<meta charset="{charset}">' if charset else ""
    ld = jsonld() if jsonld_text is None else jsonld_text
    story = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    head = f"""<head>
{charset_meta}
<title>{title} | Coast Gazette</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Coast Gazette">
<meta property="og:image" content="https://img.coastgazette.example/2026/02/sea-wall.jpg">
<meta name="description" content="The wall will rise two metres above the promenade and include flood gates.">
<link rel="canonical" href="{CANONICAL}">
<script type="application/ld+json">{ld}</script>
{head_extra}
</head>"""
    content = f"""<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
{before_story}
<main><article>
<h1>{title}</h1>
<p class="byline">By <a href="/authors/tomas-ferreira">Tomás Ferreira</a>,
<time datetime="2026-02-27T21:40:00+00:00">27 February 2026, 21:40</time></p>
{story}
{inside_story}
</article></main>
{after_story}
<aside><h2>Most read</h2><ul><li><a href="/a">Ferry timetable changes</a></li>
<li><a href="/b">Lifeboat crew honoured</a></li></ul></aside>
<footer><p>© 2026 Coast Gazette. All rights reserved.</p></footer>"""
    body = f"<body>\n{content}\n</body>" if wrap_body else content
    return f'{doctype}\n<html lang="en">\n{head}\n{body}\n</html>\n'

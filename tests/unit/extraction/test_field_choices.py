"""Candidates, features and the choice of title, description, site name, image and canonical URL on hand-made
pages (the field modules' own candidate functions and the weights stored in them)."""

from __future__ import annotations

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.canonical import canonical_candidates
from article_ingest.extraction.metadata.description import description_candidates
from article_ingest.extraction.metadata.image import image_candidates, image_key
from article_ingest.extraction.metadata.jsonld import read_jsonld
from article_ingest.extraction.metadata.meta_tags import read_tags
from article_ingest.extraction.metadata.site_name import site_name_candidates
from article_ingest.extraction.tree import HtmlElement, parse_tree
from article_ingest.settings import ExtractionSettings

from .pages import metadata_of, page

STORY = (
    "<p>The city council approved the new budget on Tuesday after a debate that ran past midnight, with most of the "
    "new money going to libraries, parks and the bus network that serves the outer districts.</p>"
)
DECLARED = '<meta property="og:description" content="Council approves budget; libraries open on Sundays.">'


def tree(html: str) -> HtmlElement:
    return parse_tree(html, ExtractionSettings())


def test_without_a_declared_summary_the_lead_paragraph_goes_before_a_marked_standfirst() -> None:
    body = "<h1>Budget passes</h1><p class='article-dek'>Most of the new money goes to libraries and buses.</p>"
    found = metadata_of(page("", body + STORY))
    assert found.description is not None
    assert found.description.startswith("The city council approved the new budget")
    alone = metadata_of(page("", body))
    assert alone.description == "Most of the new money goes to libraries and buses."
    assert alone.provenance["description"] is Src.HEURISTIC


def test_a_declared_summary_beats_a_standfirst_under_the_headline() -> None:
    body = "<h1>Budget passes</h1><p class='article-dek'>Most of the new money goes to libraries and buses.</p>"
    found = metadata_of(page(DECLARED, body + STORY))
    assert found.description == "Council approves budget; libraries open on Sundays."
    assert found.provenance["description"] is Src.META


def test_runs_on_marks_a_text_continuing_another_complete_candidate_not_one_continuing_a_cut_one() -> None:
    head = (
        '<meta property="og:description" content="Council approves budget. The city council approved it.">'
        '<meta name="description" content="Council approves budget.">'
        '<meta name="twitter:description" content="Council approves...">'
    )
    root = tree(page(head, "<h1>Budget passes</h1>"))
    features = {c.source: c.features for c in description_candidates(root, read_tags(root), read_jsonld(root))}
    assert features["meta:og:description"]["runs_on"] == 1.0
    assert features["meta:description"]["runs_on"] == 0.0  # "Council approves..." is cut: nothing runs on past it


def test_an_h1_the_declared_titles_confirm_is_the_title_and_an_unconfirmed_one_is_not() -> None:
    head = "<title>Budget passes after long night | City Times</title>"
    url = "https://citytimes.example/a"
    confirmed = metadata_of(page(head, "<h1>Budget passes after long night</h1>"), url=url)
    assert confirmed.title == "Budget passes after long night"
    assert confirmed.provenance["title"] is Src.MARKUP
    logo = metadata_of(page(head, "<h1>Local politics</h1>"), url=url)
    assert logo.title == "Budget passes after long night"
    assert logo.provenance["title"] is Src.MARKUP  # the <title> element is markup too


def test_a_declared_title_beats_the_title_element_when_no_h1_is_confirmed() -> None:
    head = '<title>Budget | City Times</title><meta property="og:title" content="Council passes the budget">'
    found = metadata_of(page(head, "<h1>Local politics</h1>"))
    assert found.title == "Council passes the budget"
    assert found.provenance["title"] is Src.META


def test_the_part_of_a_declared_title_the_page_shows_as_a_text_of_its_own_is_the_title() -> None:
    """Old templates (no <h1>): the headline sits in a table cell between a site prefix and a section trail."""
    headline = "O'Sullivan helps Kings win third straight, top Oilers 3-1"
    head = f"<title>ContraCostaTimes.com - {headline} - Sports - Hockey</title>"
    body = f"<table><tr><td><b>Home</b> | <b>Sports</b></td></tr><tr><td class='hl'>{headline}</td></tr></table>"
    url = "http://origin.cctimes.example/ci_7842842"
    found = metadata_of(page(head, body + STORY), url=url)
    assert found.title == headline
    assert found.provenance["title"] is Src.MARKUP
    # the same title, with the headline shown nowhere on its own: the declared title stays as it is
    assert metadata_of(page(head, STORY), url=url).title == f"ContraCostaTimes.com - {headline} - Sports - Hockey"


def test_a_chinese_titles_shown_part_counts_each_character_as_a_word() -> None:
    """'Headline_Section_Site' with no spaces: the headline shown in the page is the title, not one 'word'."""
    headline = "这个约会软件，想用你和对方的相似好恶来帮你找对象"
    head = f"<title>{headline}_智能_好奇心日报</title>"
    body = f"<div class='title'>{headline}</div><p>{'人们对于讨厌的事物总是能很有共同话题。' * 6}</p>"
    assert metadata_of(page(head, body, lang="zh")).title == headline


def test_a_shown_title_part_never_drops_a_shorter_declared_title_it_does_not_hold() -> None:
    """The <title>'s longest part is the blog's name, shown in its header; og:title names the headline."""
    head = (
        "<title>Aggression Fotografie - jürgen heitmann fotografie</title>"
        '<meta property="og:title" content="Aggression Fotografie">'
    )
    body = f"<div class='logo'>jürgen heitmann fotografie</div><h1>so gesehen</h1>{STORY}"
    assert metadata_of(page(head, body, lang="de")).title == "Aggression Fotografie"


def test_an_h1_the_declared_titles_confirm_beats_a_shown_title_part() -> None:
    head = "<title>Klimaschutz: Bohren, bis es heiß wird | Die Zeitung</title>"
    body = (
        "<h1><span class='kicker'>Klimaschutz</span> Bohren, bis es heiß wird</h1>"
        f"<a href='/k'>Klimaschutz: Bohren, bis es heiß wird</a>{STORY}"
    )
    assert metadata_of(page(head, body, lang="de")).title == "Bohren, bis es heiß wird"


def test_marks_around_a_title_and_a_site_name_glued_to_its_end_are_not_the_headline() -> None:
    head = (
        "<title>» How to Make Health Insurance a Bad Bet :zenhabits</title>"
        '<link rel="alternate" type="application/rss+xml" title="zenhabits" href="/feed">'
    )
    body = f"<h1><a href='/'>zenhabits</a></h1>{STORY}"
    assert metadata_of(page(head, body)).title == "How to Make Health Insurance a Bad Bet"


def test_a_site_suffix_after_a_left_guillemet_is_cut_and_leaves_no_mark_behind() -> None:
    feed = '<link rel="alternate" type="application/rss+xml" title="Healthcare Economist » Feed" href="/feed">'
    for title in (
        "Malaria returns to Greece « Healthcare Economist",
        "Malaria returns to Greece: | Healthcare Economist",
    ):
        found = metadata_of(page(f"<title>{title}</title>{feed}", STORY))
        assert found.title == "Malaria returns to Greece"


def test_a_title_that_is_the_sites_name_and_a_word_gives_way_to_the_h1() -> None:
    url = "http://www.brandonsun.example/story.php?story_id=86457"
    body = f"<h1>'Shrek the Musical' sings and dances its way to Broadway this fall</h1>{STORY}"
    for name in ("Brandon Sun Online", "Brandonsun > Arts > News"):
        found = metadata_of(page(f"<title>{name}</title>", body), url=url)
        assert found.title == "'Shrek the Musical' sings and dances its way to Broadway this fall"
    # a short headline that opens with the site's name is still a headline
    short = metadata_of(page("<title>Brandonsun wins award</title>", "<p>x</p>"), url=url)
    assert short.title == "Brandonsun wins award"


def test_a_title_part_is_a_site_name_candidate_only_when_it_names_the_host() -> None:
    root = tree(page("<title>Budget passes | City Times | Local politics</title>"))
    names = [
        c.value for c in site_name_candidates(root, read_tags(root), read_jsonld(root), "https://citytimes.example/a")
    ]
    assert names == ["City Times", "citytimes"]  # "Local politics" is no candidate; the address's name comes last
    found = metadata_of(page("<title>Budget passes | City Times</title>"), url="https://citytimes.example/a")
    assert found.site_name == "City Times"
    assert found.provenance["site_name"] is Src.HEURISTIC


def test_a_blog_names_itself_in_its_feeds_titles_and_its_name_is_no_headline() -> None:
    """A 2012 blog post page: no meta tags, no address; the <h1> is the blog's name linking home, the post's title
    is an <h3>, and the <title> is "Blog Name: Post title". The feeds name the blog; a comments feed names the post."""
    head = (
        "<title>Web Ink Now: How to Target Buyer Personas with the Right Content</title>"
        '<link rel="alternate" type="application/atom+xml" title="Posts on \'Web Ink Now\' (Atom)" href="/atom.xml">'
        '<link rel="alternate" type="application/rss+xml" title="RSS 2.0" href="/rss.xml">'
        '<link rel="alternate" type="application/rss+xml" title="Comments on \'How to Target\' (RSS 2.0)" href="/c">'
    )
    body = (
        "<h1><a href='http://www.webinknow.example/'>Web Ink Now</a></h1><h2 class='date-header'>October 25, 2012</h2>"
        f"<h3 class='entry-header'>How to Target Buyer Personas with the Right Content</h3>{STORY}"
    )
    found = metadata_of(page(head, body))
    assert found.site_name == "Web Ink Now"
    assert found.provenance["site_name"] is Src.MARKUP
    assert found.title == "How to Target Buyer Personas with the Right Content"
    no_feed = metadata_of(page(head.split("<link")[0], body))
    assert no_feed.title == "Web Ink Now"  # without the feeds nothing says the <h1> is the blog's name


def test_a_blog_posts_marked_heading_is_the_title_when_the_h1_and_the_title_name_the_blog() -> None:
    """Blogger, 2009: <title> and <h1> are the blog's name (its feeds say so); the post's title is h3.post-title."""
    head = (
        "<title>Inside Google Desktop</title>"
        '<link rel="alternate" type="application/atom+xml" title="Inside Google Desktop - Atom" href="/atom.xml">'
    )
    body = (
        "<h1><a href='http://desktop.example/'>Inside Google Desktop</a></h1>"
        "<h2 class='date-header'>Tuesday, June 09, 2009</h2><h3 class='post-title'>The Reader gadget</h3>"
        f"{STORY}<h2 class='sidebar-title'>Archives</h2>"
    )
    assert metadata_of(page(head, body)).title == "The Reader gadget"
    # a front page lists several posts, each with its marked heading: none of them is the page's title
    front = body.replace("</h3>", "</h3><h3 class='post-title'>Another post</h3>", 1)
    assert metadata_of(page(head, front)).title != "The Reader gadget"


def test_a_feed_title_without_a_name_names_no_site() -> None:
    head = '<link rel="alternate" type="application/rss+xml" title="RSS 2.0" href="/rss.xml">'
    root = tree(page(head))
    assert [c.source for c in site_name_candidates(root, read_tags(root), read_jsonld(root), None)] == []


def test_the_story_picture_is_a_candidate_only_when_no_image_is_declared() -> None:
    body = "<article><h1>Budget</h1><img src='/p/council-vote.jpg' width='800' height='450'></article>"
    url = "https://citytimes.example/a"
    undeclared = tree(page("", body))
    assert [c.source for c in image_candidates(undeclared, read_tags(undeclared), read_jsonld(undeclared), url)] == [
        "story_picture"
    ]
    declared = tree(page('<meta property="og:image" content="https://cdn.example/p/lead.jpg">', body))
    chosen = [c.source for c in image_candidates(declared, read_tags(declared), read_jsonld(declared), url)]
    assert chosen == ["meta:og:image"]


def test_two_addresses_of_one_picture_share_a_key() -> None:
    assert image_key("https://www.cdn.example/p/lead.jpg?w=600#top") == image_key("http://cdn.example/p/lead.jpg")
    assert image_key("https://cdn.example/p/lead.jpg") != image_key("https://cdn.example/p/other.jpg")


def test_another_sites_canonical_is_no_candidate_when_the_page_declares_its_own_site() -> None:
    head = (
        '<link rel="canonical" href="https://wire.example/story/1">'
        '<meta property="og:url" content="https://citytimes.example/a">'
    )
    root = tree(page(head))
    candidates = canonical_candidates(root, read_tags(root), read_jsonld(root), "https://citytimes.example/a?x=1")
    assert [(c.value, c.source) for c in candidates] == [
        ("https://citytimes.example/a", "meta:og:url"),
        ("https://citytimes.example/a?x=1", "hint"),
    ]


def test_a_site_that_names_itself_nowhere_is_named_by_its_address() -> None:
    unnamed = metadata_of(page("", STORY), url="https://www.gregoryszorc.com/blog/2021/build-systems/")
    assert unnamed.site_name == "gregoryszorc"
    assert unnamed.provenance["site_name"] is Src.URL
    named = metadata_of(page('<meta property="og:site_name" content="Greg Szorc">', STORY), url=unnamed.url)
    assert named.site_name == "Greg Szorc"

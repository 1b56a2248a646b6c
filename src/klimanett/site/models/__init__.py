"""Wagtail page types of the public web site."""

from klimanett.site.models.awards import AwardPage
from klimanett.site.models.examples import ExampleIndexPage, ExamplePage
from klimanett.site.models.news import NewsIndexPage, NewsPage
from klimanett.site.models.pages import HomePage, PartnerDirectoryPage, StandardPage
from klimanett.site.models.reports import AnnualReportIndexPage, AnnualReportPage

__all__ = [
    "AnnualReportIndexPage",
    "AnnualReportPage",
    "AwardPage",
    "ExampleIndexPage",
    "ExamplePage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "PartnerDirectoryPage",
    "StandardPage",
]

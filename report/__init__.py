"""The review site: static HTML over the output tables (a consumer of them, no extraction logic)."""

from report.site import MissingTablesError, ReportError, Site, build_site, check_tables

__all__ = ["MissingTablesError", "ReportError", "Site", "build_site", "check_tables"]

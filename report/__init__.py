"""The review site: static HTML over the output tables (a consumer of them, no extraction logic)."""

from report.site import ForeignFilesError, MissingTablesError, ReportError, Site, build_site

__all__ = ["ForeignFilesError", "MissingTablesError", "ReportError", "Site", "build_site"]

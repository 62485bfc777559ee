"""Roles: the `minutes_roles` component finding offices, with their vocabulary and patterns."""

from extractors.roles.component import RolesComponent, make_roles_component

__all__ = ["RolesComponent", "make_roles_component"]

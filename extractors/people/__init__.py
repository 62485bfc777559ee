"""People: the `minutes_people` component finding named persons and the roles beside them."""

from extractors.people.component import PeopleTagger, make_people_component

__all__ = ["PeopleTagger", "make_people_component"]

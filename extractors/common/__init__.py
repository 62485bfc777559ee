"""Low-level pieces every extractor shares: text normalisation, token lookups, spans, sentences,
fixed vocabularies (labels) and the named page errors."""
